package org.zoninghub.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.kafka.tools.KeyedProducerPerformance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoninghub.ZoningHubApplication;
import org.zoninghub.publish.ReferenceJudge;
import org.zoninghub.publish.UnitChangeFixture;
import org.zoninghub.store.Announcements;

/**
 * The relay benchmark (not a test): the hub with its embedded PostgreSQL and Kafka broker in this JVM, then
 *
 * <ol>
 *   <li>Kafka's own {@code ProducerPerformance} sends N records to the broker with {@code acks=all}, the relay's
 *       producer settings (idempotence, lz4, linger 5 ms) and as payloads the very events the relay will send (a
 *       payload file written from the outbox), each with the event's key and the relay's headers
 *       ({@link KeyedProducerPerformance}), so record sizes, partitioning and compressibility are the same;
 *   <li>the relay drains those N events from the outbox: events per second from the first batch's acknowledgement to
 *       the last one's (the first batch's own time is left out, so the figure is the steady rate);
 *   <li>changes are committed at 100 per second for 60 s, one per transaction, while the reference consumer reads
 *       them: latency from the event's {@code time} (taken in the committing transaction) to the consumer applying it.
 * </ol>
 *
 * <p>Steps 1 and 2 are repeated ({@code repetitions} times, medians reported), after one repetition of both at full
 * size that is not counted (the warm-up), and the side that goes first alternates. Each side's CPU is printed: this
 * JVM's (hub, broker, producer) and the embedded PostgreSQL's. Results go to {@code relay.md} and {@code relay.json}
 * in the results directory.
 *
 * <p>Arguments: {@code [records=60000] [vertices=250] [latencySeconds=60] [repetitions=5] [resultsDir=bench/results]}.
 * Run with {@code bench/relay/run.sh}.
 */
public final class RelayBenchmark {

    static final String TOPIC = "bench.units.changes";
    static final String PEER_TOPIC = "bench.producer-performance";
    static final String RELAY_ROUTE = "publish.outbox-relay";

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        int vertices = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        int latencySeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path results = Path.of(args.length > 4 ? args[4] : "bench/results");

        // command-line arguments, so that they win over application.yaml
        String[] settings = {
            "--zoning.embedded.enabled=true",
            "--zoning.embedded.temporary-data-dir=true",
            "--zoning.embedded.postgres.port=0",
            "--zoning.embedded.kafka.port=0",
            "--zoning.simulator.enabled=false",
            "--zoning.sync.on-startup=false",
            "--zoning.sync.cron=0 0 3 1 1 *",
            "--server.port=0",
            "--zoning.security.admin.password=bench",
            // the relay is started once the outbox is full, see below
            "--zoning.publish.relay-enabled=false",
            "--zoning.publish.topics.unit-changes=" + TOPIC,
            "--zoning.publish.topics.rule-changes=bench.rules.changes",
            "--zoning.publish.topics.unit-state=bench.units.state",
            "--logging.level.root=WARN",
            "--logging.level.org.apache.kafka=ERROR"
        };
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(ZoningHubApplication.class).run(settings);
        int exit = 0;
        try {
            exit = run(hub, records, vertices, latencySeconds, repetitions, results);
        } finally {
            hub.close();
        }
        System.exit(exit);
    }

    private static int run(
            ConfigurableApplicationContext hub,
            int records,
            int vertices,
            int latencySeconds,
            int repetitions,
            Path results)
            throws Exception {
        String kafka = hub.getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers");
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        Announcements announcements = hub.getBean(Announcements.class);
        TransactionTemplate tx = hub.getBean(TransactionTemplate.class);
        CamelContext camel = hub.getBean(CamelContext.class);
        String machine = String.format(
                Locale.ROOT,
                "%d cores, %s %s, Java %s, load average %s",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                loadAverage());
        System.out.printf(Locale.ROOT, "machine: %s; broker %s (in this JVM)%n", machine, kafka);

        List<Double> peers = new ArrayList<>();
        List<Double> relays = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        // CPU per event, µs: the peer's (this JVM), the relay's (this JVM and PostgreSQL), PostgreSQL's share of it
        List<Double> peerCpu = new ArrayList<>();
        List<Double> relayCpu = new ArrayList<>();
        List<Double> relayPostgresCpu = new ArrayList<>();
        double meanBytes = 0;
        UnitChangeFixture fill = new UnitChangeFixture(announcements, tx, 100, vertices);
        // repetition 0 is a warm-up of both sides at full size, not counted: the broker, the producer and the
        // relay's code are compiled and the heap settled before anything is measured
        for (int rep = 0; rep <= repetitions; rep++) {
            // 1. the outbox: N events of 100 units, 500 per transaction, the relay stopped
            camel.getRouteController().stopRoute(RELAY_ROUTE);
            jdbc.update("delete from outbox");
            jdbc.update("delete from outbox_relay_log");
            int target = fill.committed() + records;
            while (fill.committed() < target) {
                fill.commit(Math.min(500, target - fill.committed()));
            }
            // the rows the last repetition deleted are vacuumed now, not by autovacuum while one side is measured
            jdbc.execute("vacuum outbox");
            jdbc.execute("vacuum outbox_pending");
            meanBytes = jdbc.queryForObject("select avg(octet_length(payload::text)) from outbox", Double.class);
            List<KeyedProducerPerformance.Event> events = jdbc.query(
                    "select payload::text as payload, aggregateid, type from outbox order by position limit 2000",
                    (rs, n) -> new KeyedProducerPerformance.Event(
                            rs.getString("payload"), rs.getString("aggregateid"), rs.getString("type")));
            Path payloads = Files.createTempFile("relay-bench-payloads-", ".txt");
            Files.write(
                    payloads,
                    events.stream().map(KeyedProducerPerformance.Event::payload).toList(),
                    StandardCharsets.UTF_8);
            System.out.printf(
                    Locale.ROOT, "run %d: %d events in the outbox, mean size %.0f bytes%n", rep, records, meanBytes);

            // 2. the peer: ProducerPerformance with the same records (payloads, keys, headers) and producer
            // settings, and 3. the relay draining the outbox; the side that goes first alternates, so that neither
            // always runs on the machine the other left behind (a fill's writes still being flushed, a heap to
            // collect)
            double[] peer = null;
            if (rep % 2 == 1) {
                peer = peer(kafka, records, payloads, events);
            }
            double[] cpu = cpuSeconds();
            Map<String, Double> processes = postgresProcesses();
            camel.getRouteController().startRoute(RELAY_ROUTE);
            waitUntil(() -> drained(jdbc), Duration.ofMinutes(10), Duration.ofMillis(200));
            double[] relayCost = printCpu("relay", records, cpu);
            Map<String, Double> after = postgresProcesses();
            after.forEach((process, ticks) -> {
                double used = (ticks - processes.getOrDefault(process, 0.0)) / 100;
                if (used >= 0.05) {
                    System.out.printf(Locale.ROOT, "    %.2f s %s%n", used, process);
                }
            });
            Map<String, Object> marks = jdbc.queryForMap("select min(sent_at) as first, max(sent_at) as last,"
                    + " (select events from outbox_relay_log order by id limit 1) as first_batch"
                    + " from outbox_relay_log");
            double seconds = Duration.between(
                                    ((Timestamp) marks.get("first")).toInstant(),
                                    ((Timestamp) marks.get("last")).toInstant())
                            .toNanos()
                    / 1e9;
            long firstBatch = ((Number) marks.get("first_batch")).longValue();
            double relay = (records - firstBatch) / seconds;
            System.out.printf(
                    Locale.ROOT,
                    "run %d: relay: %d events in %.2f s after the first batch of %d: %.0f events/s%n",
                    rep,
                    records - firstBatch,
                    seconds,
                    firstBatch,
                    relay);
            if (rep % 2 == 0) {
                peer = peer(kafka, records, payloads, events);
            }
            Files.delete(payloads);
            if (rep == 0) {
                System.out.println("run 0 was the warm-up: not counted");
                continue;
            }
            System.out.printf(Locale.ROOT, "run %d: ratio %.2f%n", rep, relay / peer[0]);
            peers.add(peer[0]);
            relays.add(relay);
            ratios.add(relay / peer[0]);
            peerCpu.add(peer[1]);
            relayCpu.add(relayCost[0]);
            relayPostgresCpu.add(relayCost[1]);
        }
        double peer = median(peers);
        double relay = median(relays);
        double ratio = median(ratios);
        System.out.printf(
                Locale.ROOT,
                "medians of %d runs: ProducerPerformance %.0f records/s, relay %.0f events/s,"
                        + " relay/ProducerPerformance throughput ratio = %.2f (goal >= 0.8); ratios %s%n",
                repetitions,
                peer,
                relay,
                ratio,
                ratios);

        String cpu = String.format(
                Locale.ROOT,
                "CPU per event, medians (this JVM holds the hub, the broker and ProducerPerformance alike): relay %.0f µs,"
                        + " of which PostgreSQL %.0f µs; ProducerPerformance %.0f µs.",
                median(relayCpu),
                median(relayPostgresCpu),
                median(peerCpu));
        System.out.println(cpu);

        // 4. latency at 100 changes/s
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        Instant loadStart = Instant.now();
        double p50;
        double p99;
        double max;
        int expected = fill.committed();
        try (ReferenceJudge judge = new ReferenceJudge(kafka, List.of(TOPIC), e -> {
            Instant time = OffsetDateTime.parse(e.time()).toInstant();
            if (!time.isBefore(loadStart)) {
                latencies.add(Duration.between(time, Instant.now()).toNanos() / 1e6);
            }
        })) {
            // the consumer first reads everything the throughput runs sent (every run's events are on the topic), so
            // that catching up does not count as latency
            waitUntil(() -> judge.records() >= expected, Duration.ofMinutes(5));
            UnitChangeFixture load = new UnitChangeFixture(announcements, tx, 100, vertices);
            int changes = latencySeconds * 100;
            ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
            pace.scheduleAtFixedRate(
                    () -> {
                        if (load.committed() < changes) {
                            load.commit(1);
                        }
                    },
                    0,
                    10,
                    TimeUnit.MILLISECONDS);
            Instant paceStart = Instant.now();
            try {
                // on a loaded machine fewer than 100 commits per second may be made: the run then lasts longer
                waitUntil(() -> load.committed() >= changes, Duration.ofSeconds(latencySeconds * 10L + 60L));
                waitUntil(() -> latencies.size() >= changes, Duration.ofSeconds(120));
            } finally {
                pace.shutdownNow();
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d changes committed in %.1f s (%.0f per second)%n",
                    changes,
                    Duration.between(paceStart, Instant.now()).toMillis() / 1000.0,
                    changes / (Duration.between(paceStart, Instant.now()).toMillis() / 1000.0));
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            p50 = percentile(sorted, 0.50);
            p99 = percentile(sorted, 0.99);
            max = sorted.get(sorted.size() - 1);
            System.out.printf(
                    Locale.ROOT,
                    "commit -> reference consumer latency at 100 changes/s over %d s (%d changes): p50 = %.0f ms,"
                            + " p99 = %.0f ms, max = %.0f ms (goal p99 <= 50 ms); duplicates %d, gaps %d%n",
                    latencySeconds,
                    sorted.size(),
                    p50,
                    p99,
                    max,
                    judge.duplicates(),
                    judge.ledger().detectedGaps().size());
        }
        writeResults(
                results,
                machine,
                records,
                meanBytes,
                repetitions,
                peers,
                relays,
                ratios,
                cpu,
                latencySeconds,
                p50,
                p99,
                max);
        return 0;
    }

    /** {@code relay.json} ({@code [{"name","hub","peer","unit","ratio","goal","met"}]}) and {@code relay.md}. */
    private static void writeResults(
            Path dir,
            String machine,
            int records,
            double meanBytes,
            int repetitions,
            List<Double> peers,
            List<Double> relays,
            List<Double> ratios,
            String cpu,
            int latencySeconds,
            double p50,
            double p99,
            double max)
            throws Exception {
        Files.createDirectories(dir);
        double ratio = median(ratios);
        String json = String.format(
                Locale.ROOT,
                "[%n  {\"name\": \"outbox relay throughput vs kafka-producer-perf-test (keys and headers on both"
                        + " sides, acks=all)\", \"hub\": %.0f, \"peer\": %.0f, \"unit\": \"events/s\","
                        + " \"ratio\": %.2f, \"goal\": \"≥ 0.8\", \"met\": %s},%n"
                        + "  {\"name\": \"commit to reference consumer latency at 100 changes/s, p99\", \"hub\": %.0f,"
                        + " \"peer\": null, \"unit\": \"ms\", \"ratio\": null, \"goal\": \"≤ 50 ms\","
                        + " \"met\": %s}%n]%n",
                median(relays),
                median(peers),
                ratio,
                ratio >= 0.8,
                p99,
                p99 <= 50);
        Files.writeString(dir.resolve("relay.json"), json);
        String md = String.format(
                Locale.ROOT,
                "# Relay (bench/relay/run.sh)%n%nMachine: %s. N = %d events of %.0f bytes (mean), %d runs.%n%n"
                        + "| measure | hub | peer | unit | ratio | goal | met |%n|---|---|---|---|---|---|---|%n"
                        + "| relay draining the outbox vs ProducerPerformance (same records, keys and headers, acks=all),"
                        + " median | %.0f | %.0f | events/s | %.2f | ≥ 0.8 | %s |%n"
                        + "| commit → reference consumer latency at 100 changes/s, %d s, p99 | %.0f | – | ms | – |"
                        + " ≤ 50 ms | %s |%n%n"
                        + "Runs: ProducerPerformance %s records/s; relay %s events/s; ratios %s. Latency p50 %.0f ms,"
                        + " max %.0f ms.%n%n%s%n",
                machine,
                records,
                meanBytes,
                repetitions,
                median(relays),
                median(peers),
                ratio,
                ratio >= 0.8 ? "yes" : "no",
                latencySeconds,
                p99,
                p99 <= 50 ? "yes" : "no",
                rounded(peers),
                rounded(relays),
                ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList(),
                p50,
                max,
                cpu);
        Files.writeString(dir.resolve("relay.md"), md);
        System.out.println("results written to " + dir.resolve("relay.md") + " and " + dir.resolve("relay.json"));
    }

    private static List<String> rounded(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** {@link #producerPerformance} with the CPU it took: records/s and µs of CPU per record. */
    private static double[] peer(String kafka, int records, Path payloads, List<KeyedProducerPerformance.Event> events)
            throws Exception {
        double[] cpu = cpuSeconds();
        double rate = producerPerformance(kafka, records, payloads, events);
        return new double[] {rate, printCpu("ProducerPerformance", records, cpu)[0]};
    }

    /**
     * CPU seconds used so far by this JVM (the hub, the broker and the peer) and by the embedded PostgreSQL's
     * processes, from {@code /proc} (zeros where there is none).
     */
    private static double[] cpuSeconds() {
        double jvm = cpuTicks(ProcessHandle.current().pid());
        double postgres = postgresProcesses().values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        return new double[] {jvm / 100, postgres / 100}; // USER_HZ is 100 on Linux
    }

    /** CPU ticks so far of each process of the embedded PostgreSQL, by pid and title ("postgres: walwriter" ...). */
    private static Map<String, Double> postgresProcesses() {
        Map<String, Double> ticks = new java.util.TreeMap<>();
        ProcessHandle.allProcesses()
                .filter(p ->
                        p.info().command().map(c -> c.contains("/embedded-pg/")).orElse(false))
                .forEach(p -> ticks.put(p.pid() + " " + title(p.pid()), cpuTicks(p.pid())));
        return ticks;
    }

    private static String title(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ')
                    .strip();
        } catch (Exception e) {
            return "?";
        }
    }

    private static double cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Double.parseDouble(fields[11]) + Double.parseDouble(fields[12]); // utime, stime
        } catch (Exception e) {
            return 0;
        }
    }

    /** Prints the CPU used since {@code before}; returns µs per event, all and PostgreSQL's. */
    private static double[] printCpu(String side, int records, double[] before) {
        double[] after = cpuSeconds();
        double jvm = after[0] - before[0];
        double postgres = after[1] - before[1];
        System.out.printf(
                Locale.ROOT,
                "  %s: CPU %.2f s in this JVM (hub, broker, producer) + %.2f s in PostgreSQL = %.0f µs per event%n",
                side,
                jvm,
                postgres,
                (jvm + postgres) * 1e6 / records);
        return new double[] {(jvm + postgres) * 1e6 / records, postgres * 1e6 / records};
    }

    /** Runs ProducerPerformance in this JVM and returns its records/s (parsed from its summary line). */
    private static double producerPerformance(
            String kafka, int records, Path payloads, List<KeyedProducerPerformance.Event> events) throws Exception {
        String[] args = {
            "--topic",
            PEER_TOPIC,
            "--num-records",
            String.valueOf(records),
            "--payload-file",
            payloads.toString(),
            "--throughput",
            "-1",
            "--producer-props",
            "bootstrap.servers=" + kafka,
            "acks=all",
            "enable.idempotence=true",
            "max.in.flight.requests.per.connection=5",
            "compression.type=lz4",
            "linger.ms=5",
            "max.request.size=16777216",
        };
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new KeyedProducerPerformance(events).run(args);
        } finally {
            System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        String[] lines = text.strip().split("\n");
        String summary = lines[lines.length - 1];
        System.out.println("ProducerPerformance: " + summary);
        Matcher m = Pattern.compile("records sent, ([0-9.]+) records/sec").matcher(summary);
        if (!m.find()) {
            throw new IllegalStateException("unexpected ProducerPerformance output: " + text);
        }
        return Double.parseDouble(m.group(1));
    }

    /**
     * Whether the relay has sent everything, asked every 200 ms while it is measured: a cheap question (the first
     * unsent row), asked seldom, so that the benchmark's own queries take little of the database the relay uses (the
     * relay's rate comes from its log of marks, {@code outbox_relay_log}, not from when this returns).
     */
    private static boolean drained(JdbcTemplate jdbc) {
        return !jdbc.queryForObject("select exists (select 1 from outbox_pending)", Boolean.class);
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        waitUntil(condition, timeout, Duration.ofMillis(20));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout, Duration poll)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout);
            }
            TimeUnit.NANOSECONDS.sleep(poll.toNanos());
        }
    }
}
