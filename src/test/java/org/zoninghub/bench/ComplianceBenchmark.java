package org.zoninghub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.zoninghub.ZoningHubApplication;
import org.zoninghub.spatial.GaussKruger;
import org.zoninghub.spatial.Geographic;
import org.zoninghub.spatial.Wkb;
import org.zoninghub.spatial.index.Footprint;
import org.zoninghub.spatial.index.UnitIndex;
import org.zoninghub.store.Credentials;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.sync.SyncTrigger;

/**
 * The compliance benchmark (not a test): the hub with its embedded PostgreSQL and Kafka in this JVM, holding the 61
 * Liaoyuan units from the built-in simulator, and a PostGIS server (given by JDBC URL) holding the same units in a
 * table with a GiST index. For the same random 2 km × 2 km squares inside the city's envelope, one at a time:
 *
 * <ol>
 *   <li>the hub: {@code POST /api/v1/compliance-checks} over HTTP (JDK client, keep-alive), the whole answer
 *       (units, Gauss–Krüger overlap areas, binding rules) read and discarded, with a department's API key as a
 *       department system sends it (an HTTP Basic password would be checked with BCrypt on every request, tens of
 *       milliseconds by design, and measure the password hash rather than the check);
 *   <li>PostGIS: {@code select code, ST_Area(ST_Intersection(geom, fp)) from units where ST_Intersects(geom, fp)}
 *       over JDBC (a prepared statement, the footprint as WKT), rows read; and the same with the area in m² on the
 *       Gauss–Krüger zone ({@code ST_Transform(…, 4530)}), the measure the hub gives.
 * </ol>
 *
 * Each is warmed up first; p50 and p99 of the measured checks and their ratios are printed.
 *
 * <p>Arguments: {@code jdbcUrl [checks=2000] [warmup=500]}. Run with {@code bench/compliance/run.sh}.
 */
public final class ComplianceBenchmark {

    public static void main(String[] args) throws Exception {
        String postgis = args[0];
        int checks = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        String[] settings = {
            "--zoning.embedded.enabled=true",
            "--zoning.embedded.temporary-data-dir=true",
            "--zoning.embedded.postgres.port=0",
            "--zoning.embedded.kafka.port=0",
            "--zoning.simulator.enabled=true",
            "--zoning.sync.on-startup=false",
            "--zoning.sync.cron=0 0 3 1 1 *",
            "--zoning.sync.reconcile-cron=0 0 3 1 1 *",
            "--server.port=0",
            // one connection for the whole run, as the JDBC peer has (Tomcat closes one after 100 requests by default)
            "--server.tomcat.max-keep-alive-requests=-1",
            "--zoning.security.admin.password=bench",
            "--zoning.publish.topics.unit-changes=bench.units.changes",
            "--zoning.publish.topics.rule-changes=bench.rules.changes",
            "--zoning.publish.topics.unit-state=bench.units.state",
            "--logging.level.root=WARN",
            "--logging.level.org.apache.kafka=ERROR"
        };
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(ZoningHubApplication.class).run(settings);
        int exit = 0;
        try {
            run(hub, postgis, checks, warmup);
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            hub.close();
        }
        System.exit(exit);
    }

    private static void run(ConfigurableApplicationContext hub, String postgis, int checks, int warmup)
            throws Exception {
        SyncRuns runs = hub.getBean(SyncRuns.class);
        SyncRun started = hub.getBean(SyncTrigger.class).trigger(SyncRuns.Trigger.ADMIN);
        SyncRun run = started;
        while (run.outcome() == Outcome.RUNNING) {
            Thread.sleep(200);
            run = runs.find(started.id()).orElseThrow();
        }
        if (run.outcome() != Outcome.SUCCEEDED) {
            throw new IllegalStateException("sync " + run.outcome() + ": " + run.error());
        }
        JdbcTemplate hubDb = hub.getBean(JdbcTemplate.class);
        List<Object[]> rows = hubDb.query(
                "select code, geometry from unit_version where valid_to is null and status = 'ACTIVE'",
                (rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2)});
        int port = Integer.parseInt(hub.getEnvironment().getRequiredProperty("local.server.port"));
        // a department's own credential, as a department system sends it (an API key: SHA-256 and a look-up per
        // request, not the BCrypt of an HTTP Basic password)
        String key = hub.getBean(Credentials.class)
                .create("bench", "compliance benchmark", "bench", null, "bench")
                .key();
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, %s %s, Java %s; hub on port %d with %d units%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                port,
                rows.size());

        try (Connection pg = DriverManager.getConnection(postgis)) {
            try (Statement s = pg.createStatement()) {
                s.execute("drop table if exists units");
                s.execute("create table units (code text primary key, geom geometry(MultiPolygon, 4490) not null)");
            }
            try (PreparedStatement insert =
                    pg.prepareStatement("insert into units values (?, ST_SetSRID(ST_GeomFromWKB(?), 4490))")) {
                for (Object[] r : rows) {
                    insert.setString(1, (String) r[0]);
                    insert.setBytes(2, (byte[]) r[1]);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement s = pg.createStatement()) {
                s.execute("create index units_geom on units using gist (geom)");
                s.execute("analyze units");
                try (ResultSet rs = s.executeQuery("select postgis_full_version()")) {
                    rs.next();
                    System.out.println(
                            "peer: " + rs.getString(1).replaceAll("\\s+", " ").substring(0, 80) + "…");
                }
            }

            Random random = new Random(42);
            Envelope city = new Envelope(124.95, 125.85, 42.40, 43.20);
            List<double[]> squares = new ArrayList<>();
            for (int i = 0; i < warmup + checks; i++) {
                double lon = city.getMinX() + random.nextDouble() * (city.getWidth() - 0.03);
                double lat = city.getMinY() + random.nextDouble() * (city.getHeight() - 0.02);
                // 2 km: 0.0245° of longitude and 0.018° of latitude at 42.8°N
                squares.add(new double[] {lon, lat, lon + 0.0245, lat + 0.018});
            }

            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            URI uri = URI.create("http://localhost:" + port + "/api/v1/compliance-checks");
            long[] hubJdkClient = time(squares, warmup, sq -> {
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .header("X-Api-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"geometry\": " + polygon(sq) + "}"))
                        .build();
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(response.statusCode() + " " + new String(response.body()));
                }
                return response.body().length;
            });
            Timed checked = overKeepAlive(
                    port,
                    key,
                    squares,
                    warmup,
                    (c, sq) -> c.post("/api/v1/compliance-checks", "{\"geometry\": " + polygon(sq) + "}"));
            long[] hubTimes = checked.times();
            double hubCpu = checked.cpuMillisPerRequest();
            // the floor: an authenticated request that does next to nothing (a small constant JSON document) through
            // the same stack (Tomcat, the API-key filter chain, Spring MVC, Jackson), on the same kind of connection
            Timed floor = overKeepAlive(port, key, squares, warmup, (c, sq) -> c.get("/ogcapi/conformance"));
            long[] floorTimes = floor.times();
            double floorCpu = floor.cpuMillisPerRequest();

            String plain = "select code, ST_Area(ST_Intersection(geom, fp)) from units,"
                    + " (select ST_GeomFromText(?, 4490) as fp) f where ST_Intersects(geom, fp)";
            String projected = "select code, ST_Area(ST_Transform(ST_Intersection(geom, fp), 4530)) from units,"
                    + " (select ST_GeomFromText(?, 4490) as fp) f where ST_Intersects(geom, fp)";
            long pgBackend;
            try (Statement s = pg.createStatement();
                    ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                pgBackend = rs.getLong(1);
            }
            long[] pgCpu = new long[1];
            long[] pgPlain = postgis(
                    pg,
                    plain,
                    squares,
                    warmup,
                    () -> pgCpu[0] -= processCpuNanos(pgBackend),
                    () -> pgCpu[0] += processCpuNanos(pgBackend));
            // the index alone, in this JVM, on the same squares: what the hub's answer costs without HTTP and JSON
            List<UnitIndex.Entry<String>> entries = new ArrayList<>();
            for (Object[] r : rows) {
                Geometry g = Wkb.read((byte[]) r[1]);
                entries.add(new UnitIndex.Entry<>((String) r[0], g, GaussKruger.areaM2(g)));
            }
            UnitIndex<String> index = new UnitIndex<>(entries);
            long[] inProcess = time(
                    squares,
                    warmup,
                    sq -> index.overlaps(Footprint.of(
                                    Geographic.FACTORY.toGeometry(new Envelope(sq[0], sq[2], sq[1], sq[3]))))
                            .overlaps()
                            .size());
            long[] pgProjected = postgis(pg, projected, squares, warmup);

            report("hub over HTTP/1.1 keep-alive (answer with rules)", hubTimes);
            report("hub, same, through java.net.http.HttpClient", hubJdkClient);
            report("hub's floor: GET /ogcapi/conformance, same client and credential", floorTimes);
            report("hub's index alone, in process (UnitIndex.overlaps)", inProcess);
            report("PostGIS ST_Intersects + ST_Area(ST_Intersection)", pgPlain);
            report("PostGIS, area in m² (ST_Transform to EPSG:4530)", pgProjected);
            double postgisCpu = pgCpu[0] / 1e6 / checks;
            System.out.printf(
                    Locale.ROOT,
                    "CPU per check: hub's HTTP threads %.3f ms (keep-alive run), PostGIS backend %.3f ms;"
                            + " ratio %.2f%n",
                    hubCpu,
                    postgisCpu,
                    postgisCpu > 0 ? hubCpu / postgisCpu : Double.NaN);
            System.out.printf(
                    Locale.ROOT,
                    "CPU per request of the hub's floor (GET /ogcapi/conformance): %.3f ms, %.2f of PostGIS's per"
                            + " check%n",
                    floorCpu,
                    postgisCpu > 0 ? floorCpu / postgisCpu : Double.NaN);
            System.out.printf(
                    Locale.ROOT,
                    "ratio hub p50 / PostGIS p50: %.2f (area in m²: %.2f); p99: %.2f (%.2f)%n",
                    pct(hubTimes, 50) / pct(pgPlain, 50),
                    pct(hubTimes, 50) / pct(pgProjected, 50),
                    pct(hubTimes, 99) / pct(pgPlain, 99),
                    pct(hubTimes, 99) / pct(pgProjected, 99));
        }
    }

    /**
     * A minimal blocking HTTP/1.1 client on one keep-alive socket, the counterpart of the JDBC connection: it writes a
     * POST, reads the status line, the headers and the body (Content-Length or chunked), and returns the body's size.
     */
    static final class KeepAliveClient implements AutoCloseable {
        private final String host;
        private final java.net.Socket socket;
        private final java.io.BufferedInputStream in;
        private final java.io.OutputStream out;
        private final String key;

        KeepAliveClient(String host, int port, String key) throws java.io.IOException {
            this.host = host;
            this.key = key;
            this.socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            this.in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
            this.out = new java.io.BufferedOutputStream(socket.getOutputStream(), 65536);
        }

        int post(String path, String json) throws java.io.IOException {
            byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "X-Api-Key: " + key + "\r\nContent-Length: " + body.length + "\r\n\r\n";
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return answer();
        }

        /** A GET with the same credential; the answer's body size. */
        int get(String path) throws java.io.IOException {
            String head = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json\r\n"
                    + "X-Api-Key: " + key + "\r\n\r\n";
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            return answer();
        }

        private int answer() throws java.io.IOException {
            String status = line();
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException(status);
            }
            long length = -1;
            boolean chunked = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            int read = 0;
            if (chunked) {
                for (long size = Long.parseLong(line().strip(), 16);
                        size > 0;
                        size = Long.parseLong(line().strip(), 16)) {
                    read += skip(size);
                    line();
                }
                line();
            } else {
                read += skip(length);
            }
            return read;
        }

        private int skip(long n) throws java.io.IOException {
            long left = n;
            while (left > 0) {
                long s = in.skip(left);
                if (s <= 0) {
                    if (in.read() < 0) {
                        throw new java.io.EOFException();
                    }
                    s = 1;
                }
                left -= s;
            }
            return (int) n;
        }

        private String line() throws java.io.IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException();
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    /** Sorted request times and the hub's HTTP threads' CPU per measured request. */
    record Timed(long[] times, double cpuMillisPerRequest) {}

    interface Request {
        int send(KeepAliveClient client, double[] square) throws Exception;
    }

    /** Times one request per square on one keep-alive connection, with the CPU the hub's HTTP threads spent. */
    private static Timed overKeepAlive(int port, String key, List<double[]> squares, int warmup, Request request)
            throws Exception {
        try (KeepAliveClient client = new KeepAliveClient("localhost", port, key)) {
            long[] cpu = new long[1];
            long[] times = time(
                    squares,
                    warmup,
                    sq -> request.send(client, sq),
                    () -> cpu[0] -= serverThreadsCpuNanos(),
                    () -> cpu[0] += serverThreadsCpuNanos());
            return new Timed(times, cpu[0] / 1e6 / times.length);
        }
    }

    interface Check {
        int run(double[] square) throws Exception;
    }

    private static long[] postgis(Connection pg, String sql, List<double[]> squares, int warmup) throws Exception {
        return postgis(pg, sql, squares, warmup, () -> {}, () -> {});
    }

    private static long[] postgis(
            Connection pg, String sql, List<double[]> squares, int warmup, Runnable measuring, Runnable measured)
            throws Exception {
        try (PreparedStatement q = pg.prepareStatement(sql)) {
            return time(squares, warmup, measuring, measured, sq -> {
                q.setString(1, wkt(sq));
                int n = 0;
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                        rs.getDouble(2);
                        n++;
                    }
                }
                return n;
            });
        }
    }

    private static long[] time(List<double[]> squares, int warmup, Check check) throws Exception {
        return time(squares, warmup, () -> {}, () -> {}, check);
    }

    private static long[] time(List<double[]> squares, int warmup, Check check, Runnable measuring, Runnable measured)
            throws Exception {
        return time(squares, warmup, measuring, measured, check);
    }

    /** Times each check; {@code measuring} runs before the first measured check, {@code measured} after the last. */
    private static long[] time(List<double[]> squares, int warmup, Runnable measuring, Runnable measured, Check check)
            throws Exception {
        long[] times = new long[squares.size() - warmup];
        for (int i = 0; i < squares.size(); i++) {
            if (i == warmup) {
                measuring.run();
            }
            long t0 = System.nanoTime();
            check.run(squares.get(i));
            long t = System.nanoTime() - t0;
            if (i >= warmup) {
                times[i - warmup] = t;
            }
        }
        measured.run();
        Arrays.sort(times);
        return times;
    }

    /**
     * CPU time of the hub's HTTP worker threads (Tomcat's {@code http-nio-*}) so far: what the checks cost the hub,
     * whatever else the machine runs (the wall-clock percentiles move with the load of a shared machine; this does
     * much less).
     */
    private static long serverThreadsCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("http-nio")) {
                long cpu = threads.getThreadCpuTime(t.getThreadId());
                sum += Math.max(0, cpu);
            }
        }
        return sum;
    }

    /** CPU time (user + system) of a local process so far, from {@code /proc/<pid>/stat}; 0 where there is none. */
    private static long processCpuNanos(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 10_000_000L; // USER_HZ = 100 on Linux
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static void report(String what, long[] sorted) {
        System.out.printf(
                Locale.ROOT,
                "%-50s p50 %.3f ms, p99 %.3f ms (%d checks)%n",
                what,
                pct(sorted, 50),
                pct(sorted, 99),
                sorted.length);
    }

    private static String polygon(double[] sq) {
        return "{\"type\": \"Polygon\", \"coordinates\": [[[" + sq[0] + ", " + sq[1] + "], [" + sq[2] + ", " + sq[1]
                + "], [" + sq[2] + ", " + sq[3] + "], [" + sq[0] + ", " + sq[3] + "], [" + sq[0] + ", " + sq[1]
                + "]]]}";
    }

    private static String wkt(double[] sq) {
        Coordinate[] c = {
            new Coordinate(sq[0], sq[1]),
            new Coordinate(sq[2], sq[1]),
            new Coordinate(sq[2], sq[3]),
            new Coordinate(sq[0], sq[3]),
            new Coordinate(sq[0], sq[1])
        };
        StringBuilder s = new StringBuilder("POLYGON((");
        for (int i = 0; i < c.length; i++) {
            s.append(i == 0 ? "" : ", ").append(c[i].x).append(' ').append(c[i].y);
        }
        return s.append("))").toString();
    }
}
