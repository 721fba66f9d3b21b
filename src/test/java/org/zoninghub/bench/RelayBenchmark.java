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
import org.apache.kafka.tools.ProducerPerformance;
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
 *   <li>Kafka's own {@link ProducerPerformance} sends N records to the broker with {@code acks=all}, the relay's
 *       producer settings (idempotence, lz4, linger 5 ms) and as payloads the very events the relay will send (a
 *       payload file written from the outbox), so record sizes and compressibility are the same;
 *   <li>the relay drains those N events from the outbox: events per second from the first batch's acknowledgement to
 *       the last one's (the first batch's own time is left out, so the figure is the steady rate);
 *   <li>changes are committed at 100 per second for 60 s, one per transaction, while the reference consumer reads
 *       them: latency from the event's {@code time} (taken in the committing transaction) to the consumer applying it.
 * </ol>
 *
 * <p>Arguments: {@code [records=20000] [vertices=250] [latencySeconds=60]}. Run with {@code bench/relay/run.sh}.
 */
public final class RelayBenchmark {

    static final String TOPIC = "bench.units.changes";
    static final String PEER_TOPIC = "bench.producer-performance";
    static final String RELAY_ROUTE = "publish.outbox-relay";

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int vertices = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        int latencySeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;

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
            exit = run(hub, records, vertices, latencySeconds);
        } finally {
            hub.close();
        }
        System.exit(exit);
    }

    private static int run(ConfigurableApplicationContext hub, int records, int vertices, int latencySeconds)
            throws Exception {
        String kafka = hub.getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers");
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        Announcements announcements = hub.getBean(Announcements.class);
        TransactionTemplate tx = hub.getBean(TransactionTemplate.class);
        CamelContext camel = hub.getBean(CamelContext.class);
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, %s %s, Java %s; broker %s (in this JVM)%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                kafka);

        // 1. the outbox: N events of 100 units, 500 per transaction
        UnitChangeFixture fill = new UnitChangeFixture(announcements, tx, 100, vertices);
        while (fill.committed() < records) {
            fill.commit(Math.min(500, records - fill.committed()));
        }
        double meanBytes = jdbc.queryForObject("select avg(octet_length(payload::text)) from outbox", Double.class);
        Path payloads = Files.createTempFile("relay-bench-payloads-", ".txt");
        Files.write(
                payloads,
                jdbc.queryForList("select payload::text from outbox order by position limit 2000", String.class),
                StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "%d events in the outbox, mean size %.0f bytes%n", records, meanBytes);

        // 2. the peer: ProducerPerformance with the same payloads and producer settings, after a warm-up run of a
        // tenth of the records (the relay then runs in the same, warm JVM)
        producerPerformance(kafka, Math.max(1, records / 10), payloads);
        double peer = producerPerformance(kafka, records, payloads);
        Files.delete(payloads);

        // 3. the relay draining the outbox
        camel.getRouteController().startRoute(RELAY_ROUTE);
        waitUntil(() -> unsent(jdbc) == 0, Duration.ofMinutes(10));
        Map<String, Object> marks = jdbc.queryForMap("select min(sent_at) as first, max(sent_at) as last,"
                + " count(*) filter (where sent_at = (select min(sent_at) from outbox)) as first_batch from outbox");
        double seconds = Duration.between(
                                ((Timestamp) marks.get("first")).toInstant(),
                                ((Timestamp) marks.get("last")).toInstant())
                        .toNanos()
                / 1e9;
        long firstBatch = ((Number) marks.get("first_batch")).longValue();
        double relay = (records - firstBatch) / seconds;
        System.out.printf(
                Locale.ROOT,
                "relay: %d events in %.2f s after the first batch of %d: %.0f events/s%n",
                records - firstBatch,
                seconds,
                firstBatch,
                relay);
        double ratio = relay / peer;
        System.out.printf(Locale.ROOT, "relay/ProducerPerformance throughput ratio = %.2f (goal >= 0.5)%n", ratio);

        // 4. latency at 100 changes/s
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        Instant loadStart = Instant.now();
        try (ReferenceJudge judge = new ReferenceJudge(kafka, List.of(TOPIC), e -> {
            Instant time = OffsetDateTime.parse(e.time()).toInstant();
            if (!time.isBefore(loadStart)) {
                latencies.add(Duration.between(time, Instant.now()).toNanos() / 1e6);
            }
        })) {
            waitUntil(() -> judge.applied() >= records, Duration.ofMinutes(5));
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
            waitUntil(() -> latencies.size() >= changes, Duration.ofSeconds(latencySeconds + 60L));
            pace.shutdownNow();
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf(
                    Locale.ROOT,
                    "commit -> reference consumer latency at 100 changes/s over %d s (%d changes): p50 = %.0f ms,"
                            + " p99 = %.0f ms, max = %.0f ms (goal p99 <= 500 ms); duplicates %d, gaps %d%n",
                    latencySeconds,
                    sorted.size(),
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99),
                    sorted.get(sorted.size() - 1),
                    judge.duplicates(),
                    judge.ledger().detectedGaps().size());
        }
        return 0;
    }

    /** Runs ProducerPerformance in this JVM and returns its records/s (parsed from its summary line). */
    private static double producerPerformance(String kafka, int records, Path payloads) throws Exception {
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
            ProducerPerformance.main(args);
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

    private static long unsent(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from outbox where sent_at is null", Long.class);
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
