package org.zoninghub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.zoninghub.ZoningHubApplication;
import org.zoninghub.bench.BenchResults.Goal;
import org.zoninghub.platform.simulator.ProvincialSimulator;
import org.zoninghub.spatial.Wkb;
import org.zoninghub.store.Credentials;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.sync.SyncTrigger;
import org.zoninghub.testing.ChildClasspath;

/**
 * The benchmarks of {@code bench/run} that need the hub (not a test): each measured {@code repetitions} times on the
 * same dataset, medians written to {@code bench/results/<name>.{md,json}} and every repetition's figures to
 * {@code bench/results/raw/<name>.txt}.
 *
 * <ol>
 *   <li>{@code sync}: the full provincial sync of the dataset from the built-in simulator into an empty store (fetch,
 *       parse, validate, diff, store with history, outbox; a fresh database each time) against {@code ogr2ogr -f
 *       PostgreSQL} loading the same {@code units.geojson} into PostGIS, with the bytes of WAL each side had
 *       PostgreSQL write; incremental syncs with no change and with 1 % of the units changed, as shares of the full
 *       sync;
 *   <li>{@code ogc-page}: {@code GET /ogcapi/collections/control-units/items?limit=1000} over HTTP with a department's
 *       API key against {@code ogr2ogr -f GeoJSON -limit 1000} from the PostGIS table;
 *   <li>{@code compliance-national}: a 2 km square footprint around a random unit checked over HTTP (one keep-alive
 *       connection) against PostGIS {@code ST_Intersects} + {@code ST_Area(ST_Intersection)} with GiST over JDBC, p50
 *       and p99, the two sides side by side (alternating blocks of 50 squares checked back to back by one side, then
 *       by the other), so that both meet the host in the same state; and requests per second with {@code clients}
 *       concurrent clients on each side;
 *   <li>{@code footprint}: a hub started as a JVM of its own on the filled store: time from the process's start to
 *       {@code /actuator/health/readiness} UP, and its resident size ({@code VmRSS}) after a compliance check (the
 *       index built) and a full GC, once it has settled (G1 hands the heap it shrank back to the system in the
 *       background after the collection, so the size read at once is still the size before).
 * </ol>
 *
 * <p>Arguments, {@code key=value}: {@code dataset} (a directory with {@code units.geojson} and {@code lists.json}, or
 * the national generator's files: {@code units/page-*.geojson}, {@code lists.json}, {@code manifest.json}; default
 * {@code data/liaoyuan}), {@code units} (use only the first N features of a {@code units.geojson}, written to
 * {@code target/bench/dataset}), {@code postgis} (JDBC URL of a PostGIS database; none: peers not measured),
 * {@code ogr} (the same as a GDAL {@code PG:} connection string), {@code repetitions} (3), {@code checks} (500),
 * {@code warmup} (200), {@code clients} (4), {@code out} ({@code bench/results}). Arguments {@code --key=value} are
 * given to every hub started (the child hub gets those not of {@code zoning.simulator}). Run with {@code bench/run}.
 */
public final class BenchSuite {

    static final String OGC_PAGE = "/ogcapi/collections/control-units/items?limit=1000";
    static final String PEER_TABLE = "bench_units";

    /** Scratch files of a run (a subset of the dataset, the hubs' inbox): not results. */
    static final Path WORK = Path.of("target", "bench");

    /** The suite's parameters; see the class comment. */
    public record Settings(
            Path dataset,
            Integer units,
            String postgis,
            String ogr,
            int repetitions,
            int checks,
            int warmup,
            int clients,
            Path out,
            List<String> hubArguments) {

        static Settings parse(String[] args) {
            Map<String, String> a = new LinkedHashMap<>();
            List<String> hub = new ArrayList<>();
            for (String arg : args) {
                if (arg.startsWith("--")) {
                    hub.add(arg);
                    continue;
                }
                int eq = arg.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("expected key=value: " + arg);
                }
                a.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
            return new Settings(
                    Path.of(a.getOrDefault("dataset", "data/liaoyuan")),
                    a.containsKey("units") ? Integer.valueOf(a.get("units")) : null,
                    blankToNull(a.get("postgis")),
                    blankToNull(a.get("ogr")),
                    Integer.parseInt(a.getOrDefault("repetitions", "3")),
                    Integer.parseInt(a.getOrDefault("checks", "500")),
                    Integer.parseInt(a.getOrDefault("warmup", "200")),
                    Integer.parseInt(a.getOrDefault("clients", "4")),
                    Path.of(a.getOrDefault("out", "bench/results")),
                    List.copyOf(hub));
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() || s.equals("none") ? null : s;
        }
    }

    private final Settings settings;
    private final Path raw;
    private Path dataset;
    private Path unitsFile;
    private int unitCount;
    private String size;
    private double[] firstSquare;
    private final List<Double> full = new ArrayList<>();
    private final List<Double> ogrLoad = new ArrayList<>();
    /** Bytes of WAL each full sync had PostgreSQL write: what the hub stored. */
    private final List<Double> fullWal = new ArrayList<>();
    /** Bytes of WAL each ogr2ogr load had PostgreSQL write: what the peer stored. */
    private final List<Double> ogrWal = new ArrayList<>();

    private final List<Double> unchanged = new ArrayList<>();
    private final List<Double> changed = new ArrayList<>();

    BenchSuite(Settings settings) {
        this.settings = settings;
        this.raw = settings.out().resolve("raw");
    }

    public static void main(String[] args) throws Exception {
        int exit = 0;
        try {
            new BenchSuite(Settings.parse(args)).run();
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    /** Runs every benchmark and writes its results; the hubs it started are stopped when it returns. */
    void run() throws Exception {
        Files.createDirectories(raw);
        dataset = prepareDataset();
        size = String.format(
                Locale.ROOT,
                "Size: %,d units (dataset %s), %d repetitions, medians; %s.",
                unitCount,
                settings.dataset(),
                settings.repetitions(),
                settings.postgis() == null ? "no PostGIS: peers not measured" : "PostGIS " + postgisVersion());
        log("%s", size);

        ConfigurableApplicationContext hub = null;
        StringBuilder syncRaw = new StringBuilder();
        try {
            for (int r = 0; r < settings.repetitions(); r++) {
                if (hub != null) {
                    hub.close();
                }
                hub = startHub();
                JdbcTemplate store = hub.getBean(JdbcTemplate.class);
                String walBefore = store.queryForObject("select pg_current_wal_lsn()::text", String.class);
                SyncRun run = sync(hub, Mode.FULL);
                if (run.counts().created() != unitCount) {
                    throw new IllegalStateException(
                            "full sync created " + run.counts().created() + " of " + unitCount + " units");
                }
                full.add(seconds(run));
                double wal = store.queryForObject(
                        "select pg_wal_lsn_diff(pg_current_wal_lsn(), cast(? as pg_lsn))", Double.class, walBefore);
                fullWal.add(wal);
                Map<String, Object> outbox = store.queryForMap(
                        "select count(*) as events, coalesce(sum(octet_length(payload::text)), 0) as bytes from outbox");
                syncRaw.append(String.format(
                        Locale.ROOT,
                        "full sync %d: %.3f s %s; WAL written %.0f MB; outbox %d events, %.0f MB of payloads%n",
                        r + 1,
                        seconds(run),
                        run.counts(),
                        wal / 1e6,
                        ((Number) outbox.get("events")).longValue(),
                        ((Number) outbox.get("bytes")).doubleValue() / 1e6));
                writeSync(syncRaw);
            }
            for (int r = 0; r < settings.repetitions() && settings.ogr() != null; r++) {
                String walBefore = postgisWal(null);
                double t = ogr2ogr(
                        syncRaw,
                        "ogr2ogr",
                        "-f",
                        "PostgreSQL",
                        settings.ogr(),
                        unitsFile.toString(),
                        "-nln",
                        PEER_TABLE,
                        "-overwrite",
                        "-a_srs",
                        "EPSG:4490",
                        "-nlt",
                        "PROMOTE_TO_MULTI",
                        "-lco",
                        "GEOMETRY_NAME=geom",
                        "-lco",
                        "SPATIAL_INDEX=GIST",
                        "--config",
                        "PG_USE_COPY",
                        "YES");
                ogrLoad.add(t);
                double wal = Double.parseDouble(postgisWal(walBefore));
                ogrWal.add(wal);
                syncRaw.append(String.format(
                        Locale.ROOT, "ogr2ogr load %d: %.3f s; WAL written %.0f MB%n", r + 1, t, wal / 1e6));
                writeSync(syncRaw);
            }
            ProvincialSimulator simulator = hub.getBean(ProvincialSimulator.class);
            List<String> codes = hub.getBean(JdbcTemplate.class)
                    .queryForList(
                            "select code from unit_version where valid_to is null and status = 'ACTIVE' order by code",
                            String.class);
            int onePercent = Math.max(1, (int) Math.ceil(codes.size() / 100.0));
            for (int r = 0; r < settings.repetitions(); r++) {
                SyncRun none = sync(hub, Mode.INCREMENTAL);
                unchanged.add(seconds(none));
                syncRaw.append(String.format(
                        Locale.ROOT, "incremental, no change %d: %.3f s %s%n", r + 1, seconds(none), none.counts()));
                try {
                    for (int i = 0; i < onePercent; i++) {
                        int round = r;
                        simulator.changeUnit(
                                codes.get((r * onePercent + i) % codes.size()),
                                p -> p.put("HJGKDYMC", p.path("HJGKDYMC").asText() + "（调整" + round + "）"));
                    }
                } catch (RuntimeException e) {
                    // a simulator that cannot change what it serves: the 1 % row stays unmeasured
                    syncRaw.append("the simulator changed no unit: ").append(e).append('\n');
                    continue;
                }
                SyncRun some = sync(hub, Mode.INCREMENTAL);
                if (some.counts().updated() != onePercent) {
                    throw new IllegalStateException(
                            "incremental sync updated " + some.counts().updated() + " of " + onePercent + " units");
                }
                changed.add(seconds(some));
                syncRaw.append(String.format(
                        Locale.ROOT,
                        "incremental, %d units changed %d: %.3f s %s%n",
                        onePercent,
                        r + 1,
                        seconds(some),
                        some.counts()));
                writeSync(syncRaw);
            }
            writeSync(syncRaw);

            String key = hub.getBean(Credentials.class)
                    .create("bench", "benchmark", "bench", null, "bench")
                    .key();
            int port = port(hub);
            ogcPage(port, key);
            compliance(hub, port, key);

            Environment env = hub.getEnvironment();
            Map<String, String> store = Map.of(
                    "spring.datasource.url", env.getRequiredProperty("spring.datasource.url"),
                    "spring.datasource.username", env.getRequiredProperty("spring.datasource.username"),
                    "spring.datasource.password", env.getRequiredProperty("spring.datasource.password"),
                    "spring.kafka.bootstrap-servers", env.getRequiredProperty("spring.kafka.bootstrap-servers"));
            hub.close();
            hub = null;
            footprint(store, key);
        } finally {
            if (hub != null) {
                hub.close();
            }
        }
    }

    /** Writes the sync results so far (each repetition as it ends: a run cut short leaves what it measured). */
    private void writeSync(StringBuilder syncRaw) throws IOException {
        Files.writeString(raw.resolve("sync.txt"), size + "\n" + syncRaw);
        Double fullMedian = BenchResults.median(full);
        BenchResults.write(
                settings.out(),
                "sync",
                "Provincial sync against ogr2ogr into PostGIS",
                size
                        + String.format(
                                Locale.ROOT,
                                "\n\nRepetitions measured: full sync %d, ogr2ogr %d, incremental (no change) %d,"
                                        + " incremental (1 %%) %d.",
                                full.size(),
                                ogrLoad.size(),
                                unchanged.size(),
                                changed.size())
                        + (fullWal.isEmpty() || ogrWal.isEmpty()
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        " Written to PostgreSQL (WAL), medians: the full sync %.0f MB, ogr2ogr %.0f MB"
                                                + " (%.1f times as much).",
                                        BenchResults.median(fullWal) / 1e6,
                                        BenchResults.median(ogrWal) / 1e6,
                                        BenchResults.median(fullWal) / BenchResults.median(ogrWal))),
                List.of(
                        BenchResults.against(
                                "full sync vs ogr2ogr → PostGIS",
                                fullMedian,
                                BenchResults.median(ogrLoad),
                                "s",
                                Goal.atMost(1.0)),
                        BenchResults.against(
                                "incremental sync, no change (share of full sync)",
                                BenchResults.median(unchanged),
                                fullMedian,
                                "s",
                                Goal.atMost(0.02)),
                        BenchResults.against(
                                "incremental sync, 1 % changed (share of full sync)",
                                BenchResults.median(changed), fullMedian, "s", Goal.atMost(0.05))));
    }

    /** The dataset directory: the given one, or its first {@code units} features written beside the raw results. */
    private Path prepareDataset() throws IOException {
        Path source = settings.dataset();
        Path pages = source.resolve("units");
        if (!Files.isRegularFile(source.resolve("units.geojson")) && Files.isDirectory(pages)) {
            // the national generator's files: pages of units; ogr2ogr gets them as one file, written before timing
            unitCount = readJson(source.resolve("manifest.json")).path("units").asInt();
            unitsFile = mergePages(pages, WORK.resolve("units-" + unitCount + ".geojson"));
            return source;
        }
        unitsFile = source.resolve("units.geojson");
        ObjectNode units = (ObjectNode)
                BenchResults.JSON.readTree(source.resolve("units.geojson").toFile());
        ArrayNode features = (ArrayNode) units.get("features");
        if (settings.units() == null || settings.units() >= features.size()) {
            unitCount = features.size();
            return source;
        }
        ArrayNode first = BenchResults.JSON.createArrayNode();
        for (int i = 0; i < settings.units(); i++) {
            first.add(features.get(i));
        }
        units.set("features", first);
        unitCount = first.size();
        Path subset = WORK.resolve("dataset");
        Files.createDirectories(subset);
        unitsFile = subset.resolve("units.geojson");
        Files.write(unitsFile, BenchResults.JSON.writeValueAsBytes(units));
        Files.copy(
                source.resolve("lists.json"),
                subset.resolve("lists.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return subset;
    }

    /** Every feature of the page files, in page order, as one FeatureCollection (streamed, a page at a time). */
    private static Path mergePages(Path pages, Path merged) throws IOException {
        if (Files.isRegularFile(merged)) {
            return merged;
        }
        Files.createDirectories(merged.getParent());
        List<Path> files;
        try (var list = Files.list(pages)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".geojson"))
                    .sorted()
                    .toList();
        }
        Path partial = merged.resolveSibling(merged.getFileName() + ".partial");
        try (var out = Files.newOutputStream(partial);
                var g = BenchResults.JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            for (Path page : files) {
                for (JsonNode feature : readJson(page).path("features")) {
                    g.writeTree(feature);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        Files.move(partial, merged, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return merged;
    }

    private ConfigurableApplicationContext startHub() {
        List<String> args = new ArrayList<>(List.of(
                "--zoning.embedded.enabled=true",
                "--zoning.embedded.temporary-data-dir=true",
                "--zoning.embedded.database-per-context=true",
                "--zoning.embedded.postgres.port=0",
                "--zoning.embedded.kafka.port=0",
                "--zoning.simulator.enabled=true",
                "--zoning.sync.on-startup=false",
                "--zoning.sync.cron=0 0 3 1 1 *",
                "--zoning.sync.reconcile-cron=0 0 3 1 1 *",
                "--zoning.sync.inbox=" + WORK.resolve("inbox").toAbsolutePath(),
                "--server.port=0",
                "--server.tomcat.max-keep-alive-requests=-1",
                "--zoning.security.admin.password=bench",
                "--zoning.security.reader-key-at-startup=false",
                "--zoning.publish.topics.unit-changes=bench.units.changes",
                "--zoning.publish.topics.rule-changes=bench.rules.changes",
                "--zoning.publish.topics.unit-state=bench.units.state",
                "--logging.level.root=WARN",
                "--logging.level.org.apache.kafka=ERROR"));
        if (settings.hubArguments().stream().noneMatch(a -> a.startsWith("--zoning.simulator.dataset="))) {
            args.add("--zoning.simulator.dataset=" + dataset.toAbsolutePath());
        }
        args.addAll(settings.hubArguments());
        return new SpringApplicationBuilder(ZoningHubApplication.class).run(args.toArray(String[]::new));
    }

    private SyncRun sync(ConfigurableApplicationContext hub, Mode mode) throws InterruptedException {
        SyncRuns runs = hub.getBean(SyncRuns.class);
        SyncRun started = hub.getBean(SyncTrigger.class).trigger(SyncRuns.Trigger.ADMIN, mode);
        SyncRun run = started;
        while (run.outcome() == Outcome.RUNNING) {
            Thread.sleep(20);
            run = runs.find(started.id()).orElseThrow();
        }
        if (run.outcome() != Outcome.SUCCEEDED) {
            throw new IllegalStateException(mode + " sync " + run.outcome() + ": " + run.error());
        }
        return run;
    }

    private static double seconds(SyncRun run) {
        return Duration.between(run.startedAt(), run.endedAt()).toNanos() / 1e9;
    }

    private void ogcPage(int port, String key) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + OGC_PAGE))
                .header("X-Api-Key", key)
                .header("Accept", "application/geo+json")
                .build();
        StringBuilder out = new StringBuilder();
        int requests = settings.repetitions() * 5;
        List<Double> hub = new ArrayList<>();
        for (int i = 0; i < requests + 3; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            double t = (System.nanoTime() - t0) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("OGC API page: HTTP " + response.statusCode());
            }
            int returned = BenchResults.JSON
                    .readTree(response.body())
                    .path("numberReturned")
                    .asInt();
            out.append(String.format(
                    Locale.ROOT,
                    "hub %s%d: %.3f ms, %d features, %d bytes%n",
                    i < 3 ? "warm-up " : "",
                    i + 1,
                    t,
                    returned,
                    response.body().length));
            if (i >= 3) {
                hub.add(t);
            }
        }
        List<Double> peer = new ArrayList<>();
        Path page = raw.resolve("ogc-page-peer.geojson");
        for (int i = 0; i < requests + 1 && settings.ogr() != null; i++) {
            Files.deleteIfExists(page);
            double t = 1000
                    * ogr2ogr(
                            out,
                            "ogr2ogr",
                            "-f",
                            "GeoJSON",
                            page.toString(),
                            settings.ogr(),
                            PEER_TABLE,
                            "-limit",
                            "1000");
            out.append(String.format(
                    Locale.ROOT,
                    "ogr2ogr %s%d: %.3f ms, %d bytes%n",
                    i < 1 ? "warm-up " : "",
                    i + 1,
                    t,
                    Files.size(page)));
            if (i >= 1) {
                peer.add(t);
            }
        }
        Files.deleteIfExists(page);
        writeRaw("ogc-page", out);
        BenchResults.write(
                settings.out(),
                "ogc-page",
                "OGC API items page of 1,000 against ogr2ogr PostGIS → GeoJSON",
                size,
                List.of(BenchResults.against(
                        "OGC API items page of 1,000 vs ogr2ogr PostGIS → GeoJSON",
                        BenchResults.median(hub),
                        BenchResults.median(peer),
                        "ms",
                        Goal.atMost(1.0))));
    }

    private void compliance(ConfigurableApplicationContext hub, int port, String key) throws Exception {
        List<Object[]> rows = hub.getBean(JdbcTemplate.class)
                .query(
                        "select code, geometry from unit_version where valid_to is null and status = 'ACTIVE'",
                        (rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2)});
        // footprints: 2 km squares around a point inside a random unit, so that every check finds units
        Random random = new Random(42);
        List<double[]> squares = new ArrayList<>();
        for (int i = 0; i < settings.warmup() + settings.checks(); i++) {
            Geometry g = Wkb.read((byte[]) rows.get(random.nextInt(rows.size()))[1]);
            Point p = g.getInteriorPoint();
            double halfLon = 1000 / (111_320 * Math.cos(Math.toRadians(p.getY())));
            double halfLat = 1000 / 110_574.0;
            squares.add(new double[] {p.getX() - halfLon, p.getY() - halfLat, p.getX() + halfLon, p.getY() + halfLat});
        }
        firstSquare = squares.get(0);
        StringBuilder out = new StringBuilder();
        List<Double> hubP50 = new ArrayList<>();
        List<Double> hubP99 = new ArrayList<>();
        List<Double> pgP50 = new ArrayList<>();
        List<Double> pgP99 = new ArrayList<>();
        List<Double> hubRps = new ArrayList<>();
        List<Double> pgRps = new ArrayList<>();
        Connection pg = settings.postgis() == null ? null : DriverManager.getConnection(settings.postgis());
        try {
            if (pg != null) {
                loadPostgis(pg, rows);
            }
            for (int r = 0; r < settings.repetitions(); r++) {
                try (ComplianceBenchmark.KeepAliveClient client =
                                new ComplianceBenchmark.KeepAliveClient("localhost", port, key);
                        PreparedStatement q = pg == null ? null : pg.prepareStatement(POSTGIS_CHECK)) {
                    ComplianceBenchmark.Check hubCheck = sq -> client.post("/api/v1/compliance-checks", body(sq));
                    long[][] times = q == null
                            ? sideBySide(squares, hubCheck)
                            : sideBySide(squares, hubCheck, sq -> postgisCheck(q, sq));
                    hubP50.add(BenchResults.percentileMs(times[0], 50));
                    hubP99.add(BenchResults.percentileMs(times[0], 99));
                    if (q != null) {
                        pgP50.add(BenchResults.percentileMs(times[1], 50));
                        pgP99.add(BenchResults.percentileMs(times[1], 99));
                    }
                    out.append(String.format(
                            Locale.ROOT,
                            "hub %d: p50 %.3f ms, p99 %.3f ms (%d checks)%n",
                            r + 1,
                            hubP50.get(r),
                            hubP99.get(r),
                            times[0].length));
                    if (q != null) {
                        out.append(String.format(
                                Locale.ROOT,
                                "PostGIS %d: p50 %.3f ms, p99 %.3f ms (%d checks, side by side with the hub's);"
                                        + " ratio of the p50s %.2f%n",
                                r + 1,
                                pgP50.get(r),
                                pgP99.get(r),
                                times[1].length,
                                hubP50.get(r) / pgP50.get(r)));
                    }
                }
                hubRps.add(concurrently(squares, () -> {
                    ComplianceBenchmark.KeepAliveClient client =
                            new ComplianceBenchmark.KeepAliveClient("localhost", port, key);
                    return new Worker(sq -> client.post("/api/v1/compliance-checks", body(sq)), client::close);
                }));
                out.append(String.format(
                        Locale.ROOT, "hub %d: %d clients: %.1f checks/s%n", r + 1, settings.clients(), hubRps.get(r)));
                if (pg == null) {
                    continue;
                }
                pgRps.add(concurrently(squares, () -> {
                    Connection c = DriverManager.getConnection(settings.postgis());
                    PreparedStatement q = c.prepareStatement(POSTGIS_CHECK);
                    return new Worker(sq -> postgisCheck(q, sq), c::close);
                }));
                out.append(String.format(
                        Locale.ROOT,
                        "PostGIS %d: %d clients: %.1f checks/s%n",
                        r + 1,
                        settings.clients(),
                        pgRps.get(r)));
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
        writeRaw("compliance-national", out);
        String clients = settings.clients() + " concurrent clients";
        BenchResults.write(
                settings.out(),
                "compliance-national",
                "Compliance check of a 2 km footprint over HTTP against PostGIS over JDBC",
                size,
                List.of(
                        BenchResults.against(
                                "compliance check p50 vs PostGIS",
                                BenchResults.median(hubP50),
                                BenchResults.median(pgP50),
                                "ms",
                                Goal.atMost(0.5)),
                        BenchResults.against(
                                "compliance check p99 vs PostGIS",
                                BenchResults.median(hubP99),
                                BenchResults.median(pgP99),
                                "ms",
                                Goal.NONE),
                        BenchResults.against(
                                "compliance checks/s, " + clients + ", vs PostGIS",
                                BenchResults.median(hubRps),
                                BenchResults.median(pgRps),
                                "checks/s",
                                Goal.NONE)));
    }

    static final String POSTGIS_CHECK = "select code, ST_Area(ST_Intersection(geom, fp)) from " + PEER_TABLE
            + "_cc, (select ST_MakeEnvelope(?, ?, ?, ?, 4490) as fp) f where ST_Intersects(geom, fp)";

    private void loadPostgis(Connection pg, List<Object[]> rows) throws Exception {
        try (Statement s = pg.createStatement()) {
            s.execute("drop table if exists " + PEER_TABLE + "_cc");
            s.execute("create table " + PEER_TABLE
                    + "_cc (code text primary key, geom geometry(MultiPolygon, 4490) not null)");
        }
        try (PreparedStatement insert = pg.prepareStatement(
                "insert into " + PEER_TABLE + "_cc values (?, ST_Multi(ST_SetSRID(ST_GeomFromWKB(?), 4490)))")) {
            int n = 0;
            for (Object[] r : rows) {
                insert.setString(1, (String) r[0]);
                insert.setBytes(2, (byte[]) r[1]);
                insert.addBatch();
                if (++n % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        try (Statement s = pg.createStatement()) {
            s.execute("create index on " + PEER_TABLE + "_cc using gist (geom)");
            s.execute("analyze " + PEER_TABLE + "_cc");
        }
    }

    private static int postgisCheck(PreparedStatement q, double[] sq) throws Exception {
        for (int i = 0; i < 4; i++) {
            q.setDouble(i + 1, sq[i]);
        }
        int n = 0;
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                rs.getString(1);
                rs.getDouble(2);
                n++;
            }
        }
        return n;
    }

    private static String body(double[] sq) {
        return "{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[" + sq[0] + ", " + sq[1] + "], [" + sq[2]
                + ", " + sq[1] + "], [" + sq[2] + ", " + sq[3] + "], [" + sq[0] + ", " + sq[3] + "], [" + sq[0] + ", "
                + sq[1] + "]]]}}";
    }

    /**
     * Times each check of each side after the warm-up ones, in alternating blocks of {@link #BLOCK} squares: a block
     * checked by one side back to back, then the same block by the next, the side that goes first turning from block
     * to block. Each side keeps the steady pace of one client checking one footprint after another, and whatever the
     * host does during the repetition meets every side alike (with each side's checks in a stretch of their own, the
     * same code gave ratios from 0.37 to 1.16 on this shared 2-core machine). Nanoseconds, in order, a row per side.
     */
    private long[][] sideBySide(List<double[]> squares, ComplianceBenchmark.Check... sides) throws Exception {
        int warmup = settings.warmup();
        long[][] times = new long[sides.length][squares.size() - warmup];
        for (int from = 0, block = 0; from < squares.size(); from += BLOCK, block++) {
            int to = Math.min(from + BLOCK, squares.size());
            for (int k = 0; k < sides.length; k++) {
                int side = (block + k) % sides.length;
                for (int i = from; i < to; i++) {
                    long t0 = System.nanoTime();
                    sides[side].run(squares.get(i));
                    if (i >= warmup) {
                        times[side][i - warmup] = System.nanoTime() - t0;
                    }
                }
            }
        }
        return times;
    }

    /** Squares in one block of {@link #sideBySide}. */
    static final int BLOCK = 50;

    record Worker(ComplianceBenchmark.Check check, AutoCloseable resource) {}

    interface WorkerFactory {
        Worker open() throws Exception;
    }

    /** Checks per second with {@code clients} workers, each on its own connection, sharing the measured squares. */
    private double concurrently(List<double[]> squares, WorkerFactory factory) throws Exception {
        List<double[]> measured = squares.subList(settings.warmup(), squares.size());
        List<Worker> workers = new ArrayList<>();
        for (int c = 0; c < settings.clients(); c++) {
            workers.add(factory.open());
        }
        ExecutorService pool = Executors.newFixedThreadPool(settings.clients());
        try {
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < settings.clients(); c++) {
                Worker w = workers.get(c);
                int first = c;
                done.add(pool.submit(() -> {
                    for (int i = first; i < measured.size(); i += settings.clients()) {
                        w.check().run(measured.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return measured.size() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
            for (Worker w : workers) {
                w.resource().close();
            }
        }
    }

    /**
     * Start-up to ready and resident size of a hub started as a JVM of its own (no embedded servers, no simulator)
     * on the store the syncs filled.
     */
    private void footprint(Map<String, String> store, String key) throws Exception {
        StringBuilder out = new StringBuilder();
        List<Double> startup = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        String classpath = ChildClasspath.of();
        for (int r = 0; r < settings.repetitions(); r++) {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(imageJvmOptions());
            command.addAll(List.of(
                    "-cp",
                    classpath,
                    ZoningHubApplication.class.getName(),
                    "--zoning.embedded.enabled=false",
                    "--zoning.simulator.enabled=false",
                    "--zoning.sync.on-startup=false",
                    "--zoning.sync.cron=0 0 3 1 1 *",
                    "--zoning.sync.reconcile-cron=0 0 3 1 1 *",
                    "--zoning.sync.inbox=" + WORK.resolve("inbox").toAbsolutePath(),
                    "--server.port=" + port,
                    "--zoning.security.admin.password=bench",
                    "--zoning.security.reader-key-at-startup=false",
                    "--camel.component.kafka.brokers=" + store.get("spring.kafka.bootstrap-servers"),
                    "--zoning.publish.topics.unit-changes=bench.units.changes",
                    "--zoning.publish.topics.rule-changes=bench.rules.changes",
                    "--zoning.publish.topics.unit-state=bench.units.state"));
            store.forEach((k, v) -> command.add("--" + k + "=" + v));
            settings.hubArguments().stream()
                    .filter(a -> !a.startsWith("--zoning.simulator."))
                    .forEach(command::add);
            Path log = raw.resolve("footprint-hub-" + (r + 1) + ".log");
            long t0 = System.nanoTime();
            Process child = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                HttpClient client = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(1))
                        .build();
                URI ready = URI.create("http://localhost:" + port + "/actuator/health/readiness");
                double seconds = -1;
                while (seconds < 0) {
                    if (!child.isAlive()) {
                        throw new IllegalStateException("the hub exited with " + child.exitValue() + "; see " + log);
                    }
                    if ((System.nanoTime() - t0) > TimeUnit.MINUTES.toNanos(10)) {
                        throw new IllegalStateException("the hub was not ready within 10 minutes; see " + log);
                    }
                    try {
                        HttpResponse<String> response = client.send(
                                HttpRequest.newBuilder(ready)
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                            seconds = (System.nanoTime() - t0) / 1e9;
                        }
                    } catch (IOException notYet) {
                        // not listening yet
                    }
                    if (seconds < 0) {
                        Thread.sleep(50);
                    }
                }
                // one check, so that whatever the hub builds on first use is built, then a full GC
                try (ComplianceBenchmark.KeepAliveClient check =
                        new ComplianceBenchmark.KeepAliveClient("localhost", port, key)) {
                    check.post("/api/v1/compliance-checks", body(firstSquare));
                }
                Process gc = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                        .toString(),
                                Long.toString(child.pid()),
                                "GC.run")
                        .redirectErrorStream(true)
                        .start();
                gc.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                gc.waitFor(60, TimeUnit.SECONDS);
                double mib = settledRssKiB(child.pid()) / 1024.0;
                startup.add(seconds);
                rss.add(mib);
                out.append(String.format(
                        Locale.ROOT, "hub %d: ready after %.3f s; VmRSS after GC %.1f MiB%n", r + 1, seconds, mib));
            } finally {
                child.destroy();
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    child.destroyForcibly().waitFor();
                }
            }
        }
        writeRaw("footprint", out);
        BenchResults.write(
                settings.out(),
                "footprint",
                "Start-up and resident memory of a hub on a filled store",
                size,
                List.of(
                        BenchResults.againstGoal(
                                "start-up to ready, store filled", BenchResults.median(startup), "s", 30, "30 s"),
                        BenchResults.againstGoal(
                                "resident memory, units stored and indexed, after GC",
                                BenchResults.median(rss),
                                "MiB",
                                1024,
                                "1 GiB")));
    }

    /**
     * The JVM options of the production image ({@code -XX:…} of {@code docker/Dockerfile}'s {@code ENTRYPOINT}): the
     * hub whose resident size is measured runs as it is deployed.
     */
    static List<String> imageJvmOptions() throws IOException {
        for (String line : Files.readAllLines(Path.of("docker", "Dockerfile"))) {
            if (line.startsWith("ENTRYPOINT ")) {
                JsonNode entry = new ObjectMapper().readTree(line.substring("ENTRYPOINT ".length()));
                List<String> options = new ArrayList<>();
                entry.forEach(a -> {
                    if (a.asText().startsWith("-XX:")) {
                        options.add(a.asText());
                    }
                });
                return options;
            }
        }
        throw new IllegalStateException("docker/Dockerfile has no ENTRYPOINT");
    }

    /**
     * The resident size once it stopped falling: read every second until it fell by less than 1 MiB in one, at
     * most 20 s. G1 uncommits the regions a full collection freed concurrently, after the collection returns.
     */
    private static long settledRssKiB(long pid) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long before = vmRssKiB(pid);
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long now = vmRssKiB(pid);
            if (before - now < 1024) {
                return now;
            }
            before = now;
        }
        return before;
    }

    private static long vmRssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).replace("kB", "").strip());
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /** Runs an ogr2ogr command, appends its output to {@code out}, returns its wall time in seconds. */
    private static double ogr2ogr(StringBuilder out, String... command) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double t = (System.nanoTime() - t0) / 1e9;
        if (!output.isBlank()) {
            out.append(output.strip()).append('\n');
        }
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + ": " + output);
        }
        return t;
    }

    /**
     * The peer's WAL position ({@code since} null), or the bytes of WAL written since the position {@code since}, as
     * text.
     */
    private String postgisWal(String since) {
        String sql = since == null
                ? "select pg_current_wal_lsn()::text"
                : "select pg_wal_lsn_diff(pg_current_wal_lsn(), cast(? as pg_lsn))::text";
        try (Connection c = DriverManager.getConnection(settings.postgis());
                PreparedStatement s = c.prepareStatement(sql)) {
            if (since != null) {
                s.setString(1, since);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the WAL position of PostGIS at " + settings.postgis(), e);
        }
    }

    private String postgisVersion() {
        try (Connection c = DriverManager.getConnection(settings.postgis());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select postgis_lib_version(), split_part(version(), ' ', 2)")) {
            rs.next();
            return rs.getString(1) + " on PostgreSQL " + rs.getString(2);
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach PostGIS at " + settings.postgis(), e);
        }
    }

    private static int port(ConfigurableApplicationContext hub) {
        return Integer.parseInt(hub.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private void writeRaw(String name, StringBuilder text) throws IOException {
        Files.writeString(raw.resolve(name + ".txt"), size + "\n" + text);
        log("%s", text.toString().strip());
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    static JsonNode readJson(Path file) throws IOException {
        return BenchResults.JSON.readTree(file.toFile());
    }
}
