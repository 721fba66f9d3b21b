package org.zoninghub.api.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriComponentsBuilder;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.sync.SyncTrigger;

/**
 * The read side against the Liaoyuan plan (61 units) synced from the built-in provincial simulator: GDAL as a real
 * OGC API – Features client, bbox and S_INTERSECTS against an independent JTS computation on the dataset's own
 * GeoJSON, CRS and paging rules, the department read API's bounds, and the OpenAPI documents.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            "zoning.publish.topics.unit-changes=it-ogc.units.changes",
            "zoning.publish.topics.rule-changes=it-ogc.rules.changes",
            "zoning.publish.topics.unit-state=it-ogc.units.state"
        })
@ActiveProfiles("test")
class OgcApiIT {

    static final String USER = "admin";
    static final String PASSWORD = "test-admin-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    /** The dataset's units as the province publishes them: code → geometry, code → category. */
    static final Map<String, Geometry> GEOMETRIES = new HashMap<>();

    static final Map<String, String> CATEGORIES = new HashMap<>();
    static boolean synced;

    @Autowired
    SyncTrigger trigger;

    @Autowired
    SyncRuns runs;

    @Autowired
    TestRestTemplate http;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @LocalServerPort
    int port;

    @BeforeEach
    void syncOnce() throws IOException {
        if (synced) {
            return;
        }
        var started = trigger.trigger(Trigger.ADMIN, Mode.INCREMENTAL);
        var run = await().atMost(Duration.ofSeconds(90))
                .until(() -> runs.find(started.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
        assertThat(run.outcome()).as("sync: %s", run.error()).isEqualTo(Outcome.SUCCEEDED);
        JsonNode units = JSON.readTree(Path.of("data/liaoyuan/units.geojson").toFile());
        for (JsonNode f : units.path("features")) {
            String code = f.path("properties").path("HJGKDYBM").asText();
            GEOMETRIES.put(code, polygons(f.path("geometry")));
            CATEGORIES.put(
                    code,
                    switch (f.path("properties").path("ZHGKDYFL").asInt()) {
                        case 1 -> "PRIORITY_PROTECTION";
                        case 2 -> "KEY_CONTROL";
                        default -> "GENERAL_CONTROL";
                    });
        }
        assertThat(GEOMETRIES).hasSize(61);
        synced = true;
    }

    // ---- GDAL as a client --------------------------------------------------------------------------------------

    @Test
    void gdalListsBothCollections() throws Exception {
        String out = gdal("ogrinfo", "-ro", "-q", oapif());
        assertThat(out).contains("control-units").contains("access-rules");
    }

    @Test
    void gdalCopiesEveryUnitToAGeoPackageWithItsGeometry(@TempDir Path dir) throws Exception {
        Path gpkg = dir.resolve("units.gpkg");
        gdal("ogr2ogr", "-f", "GPKG", gpkg.toString(), oapif(), "control-units");
        Path back = dir.resolve("units.geojson");
        gdal("ogr2ogr", "-f", "GeoJSON", "-lco", "COORDINATE_PRECISION=15", back.toString(), gpkg.toString());
        JsonNode copied = JSON.readTree(back.toFile());
        Map<String, Geometry> got = new HashMap<>();
        for (JsonNode f : copied.path("features")) {
            got.put(f.path("properties").path("code").asText(), polygons(f.path("geometry")));
        }
        assertThat(got.keySet()).isEqualTo(GEOMETRIES.keySet());
        for (var e : GEOMETRIES.entrySet()) {
            Geometry expected = e.getValue().norm();
            Geometry actual = got.get(e.getKey()).norm();
            assertThat(actual.equalsExact(expected, 1e-9))
                    .as("geometry of %s within 1e-9°", e.getKey())
                    .isTrue();
        }
    }

    @Test
    void gdalSendsItsWhereClauseToTheHubAsAFilter(@TempDir Path dir) throws Exception {
        double requestsBefore = meters.counter("zoning.ogcapi.filter.requests").count();
        double featuresBefore = meters.counter("zoning.ogcapi.filter.features").count();
        Path out = dir.resolve("key.geojson");
        gdal(
                "ogr2ogr",
                "-f",
                "GeoJSON",
                "-where",
                "category = 'KEY_CONTROL'",
                out.toString(),
                oapif(),
                "control-units");
        Set<String> got = new TreeSet<>();
        JSON.readTree(out.toFile())
                .path("features")
                .forEach(f -> got.add(f.path("properties").path("code").asText()));
        Set<String> expected = new TreeSet<>();
        CATEGORIES.forEach((code, category) -> {
            if (category.equals("KEY_CONTROL")) {
                expected.add(code);
            }
        });
        assertThat(got).isEqualTo(expected);
        double filtered = meters.counter("zoning.ogcapi.filter.requests").count() - requestsBefore;
        double travelled = meters.counter("zoning.ogcapi.filter.features").count() - featuresBefore;
        assertThat(filtered).as("filtered requests the hub evaluated").isPositive();
        assertThat(travelled)
                .as("features that travelled in filtered answers")
                .isLessThan(61)
                .isGreaterThanOrEqualTo(expected.size());
    }

    // ---- bbox and S_INTERSECTS against an independent computation ----------------------------------------------

    @Test
    void bboxAndIntersectsSelectExactlyTheUnitsJtsFinds() {
        Envelope all = new Envelope();
        GEOMETRIES.values().forEach(g -> all.expandToInclude(g.getEnvelopeInternal()));
        Random random = new Random(20250126L);
        GeometryFactory f = new GeometryFactory();
        for (int i = 0; i < 20; i++) {
            double w = all.getWidth() * (0.01 + 0.3 * random.nextDouble());
            double h = all.getHeight() * (0.01 + 0.3 * random.nextDouble());
            double x = all.getMinX() + (all.getWidth() - w) * random.nextDouble();
            double y = all.getMinY() + (all.getHeight() - h) * random.nextDouble();
            Envelope box = new Envelope(x, x + w, y, y + h);
            Geometry boxGeometry = f.toGeometry(box);
            Set<String> expected = new TreeSet<>();
            GEOMETRIES.forEach((code, g) -> {
                if (g.intersects(boxGeometry)) {
                    expected.add(code);
                }
            });
            String bbox = String.format(Locale.ROOT, "%.10f,%.10f,%.10f,%.10f", x, y, x + w, y + h);
            assertThat(codes(items("bbox", bbox, "limit", "10000")))
                    .as("bbox %s", bbox)
                    .isEqualTo(expected);
            String filter = "S_INTERSECTS(geometry," + boxGeometry.toText() + ")";
            assertThat(codes(items("filter", filter, "limit", "10000")))
                    .as(filter)
                    .isEqualTo(expected);
        }
    }

    // ---- Part 1 and Part 2 rules -------------------------------------------------------------------------------

    @Test
    void itemsArePagedCountedAndStrict() {
        JsonNode first = items();
        assertThat(first.path("numberMatched").asInt()).isEqualTo(61);
        assertThat(first.path("numberReturned").asInt()).isEqualTo(10);
        assertThat(first.path("timeStamp").asText()).matches(RFC3339);
        Set<String> seen = new TreeSet<>(codes(first));
        JsonNode page = first;
        int pages = 1;
        while (link(page, "next") != null) {
            page = get(URI.create(link(page, "next")));
            seen.addAll(codes(page));
            pages++;
        }
        assertThat(pages).isEqualTo(7);
        assertThat(seen).isEqualTo(GEOMETRIES.keySet());
        assertThat(link(page, "prev")).isNotNull();

        assertThat(items("limit", "20000").path("numberReturned").asInt())
                .as("limit clamped to 10000")
                .isEqualTo(61);
        assertThat(status("/ogcapi/collections/control-units/items?colour=red")).isEqualTo(400);
        assertThat(status("/ogcapi/collections/control-units/items?limit=0")).isEqualTo(400);
        assertThat(status("/ogcapi/collections/control-units/items?bbox=1,2,3")).isEqualTo(400);
        assertThat(status("/ogcapi/collections/nothing/items")).isEqualTo(404);
        assertThat(items("datetime", "2020-01-01T00:00:00Z")
                        .path("numberMatched")
                        .asInt())
                .as("before the plan")
                .isZero();
        assertThat(items("datetime", "2020-01-01T00:00:00Z/..")
                        .path("numberMatched")
                        .asInt())
                .as("an interval overlapping the plan")
                .isEqualTo(61);
        assertThat(items("category", "KEY_CONTROL").path("numberMatched").asInt())
                .isEqualTo(26);
        JsonNode problem = getBody(builder("/ogcapi/collections/control-units/items")
                .queryParam("filter", "category = ")
                .build()
                .encode()
                .toUri());
        assertThat(problem.path("detail").asText()).contains("filter").contains("position 12");
    }

    @Test
    void answersInTheCrsAskedWithItsAxisOrder() {
        String code = "ZH22040210001";
        Geometry g = GEOMETRIES.get(code);
        double lon = g.getCoordinates()[0].x;
        double lat = g.getCoordinates()[0].y;
        ResponseEntity<JsonNode> crs84 = exchange(builder("/ogcapi/collections/control-units/items/" + code)
                .build()
                .toUri());
        assertThat(crs84.getHeaders().getFirst("Content-Crs")).isEqualTo("<" + OgcCrs.CRS84_URI + ">");
        JsonNode p = firstPosition(crs84.getBody());
        assertThat(p.get(0).asDouble()).isEqualTo(lon);
        ResponseEntity<JsonNode> latLon = exchange(builder("/ogcapi/collections/control-units/items/" + code)
                .queryParam("crs", "http://www.opengis.net/def/crs/EPSG/0/4490")
                .build()
                .toUri());
        assertThat(latLon.getHeaders().getFirst("Content-Crs")).contains("EPSG/0/4490");
        assertThat(firstPosition(latLon.getBody()).get(0).asDouble()).isEqualTo(lat);
        assertThat(firstPosition(latLon.getBody()).get(1).asDouble()).isEqualTo(lon);
        // zone 42 (central meridian 126°E) with the zone number in the easting: northing first
        JsonNode gk = firstPosition(exchange(builder("/ogcapi/collections/control-units/items/" + code)
                        .queryParam("crs", "http://www.opengis.net/def/crs/EPSG/0/4530")
                        .build()
                        .toUri())
                .getBody());
        assertThat(gk.get(0).asDouble()).as("northing").isBetween(4_600_000.0, 4_850_000.0);
        assertThat(gk.get(1).asDouble()).as("easting with zone 42").isBetween(42_300_000.0, 42_700_000.0);
        // a bbox in EPSG:4490 is latitude first
        Envelope e = g.getEnvelopeInternal();
        String latFirst =
                String.format(Locale.ROOT, "%.8f,%.8f,%.8f,%.8f", e.getMinY(), e.getMinX(), e.getMaxY(), e.getMaxX());
        assertThat(codes(items("bbox", latFirst, "bbox-crs", "http://www.opengis.net/def/crs/EPSG/0/4490")))
                .contains(code);
        assertThat(status("/ogcapi/collections/control-units/items?crs=EPSG:3857"))
                .isEqualTo(400);
    }

    @Test
    void servesTheAccessRulesAndTheLandingPages() {
        JsonNode city = get(builder("/ogcapi/collections/access-rules/items")
                .queryParam("level", "CITY")
                .queryParam("limit", "1000")
                .build()
                .toUri());
        assertThat(city.path("numberMatched").asInt()).isPositive();
        city.path("features")
                .forEach(f ->
                        assertThat(f.path("properties").path("scope").asText()).isEqualTo("220400"));
        JsonNode filtered = get(builder("/ogcapi/collections/access-rules/items")
                .queryParam("filter", "dimension = 'SPATIAL_LAYOUT' AND scope = 'ZH22040210001'")
                .build()
                .encode()
                .toUri());
        assertThat(filtered.path("numberMatched").asInt()).isEqualTo(4);
        JsonNode conformance = get(URI.create(base() + "/ogcapi/conformance"));
        assertThat(conformance.path("conformsTo").toString())
                .contains("ogcapi-features-3/1.0/conf/filter")
                .contains("cql2/1.0/conf/cql2-text")
                .contains("ogcapi-features-2/1.0/conf/crs");
        HttpHeaders browser = new HttpHeaders();
        browser.set(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8");
        ResponseEntity<String> html = http.withBasicAuth(USER, PASSWORD)
                .exchange(base() + "/ogcapi/collections", HttpMethod.GET, new HttpEntity<>(browser), String.class);
        assertThat(html.getHeaders().getContentType().toString()).startsWith("text/html");
        assertThat(html.getBody()).contains("control-units");
    }

    // ---- department read API -----------------------------------------------------------------------------------

    @Test
    void readApiFiltersPagesAndRefusesWhatItCannotRead() {
        JsonNode key = get(URI.create(base() + "/api/v1/units?category=KEY_CONTROL&limit=1000"));
        assertThat(key.path("units").size()).isEqualTo(26);
        assertThat(key.path("asOf").asText()).matches(RFC3339);
        Set<String> seen = new TreeSet<>();
        String after = "";
        do {
            JsonNode page = get(URI.create(base() + "/api/v1/units?limit=7&after=" + after));
            page.path("units").forEach(u -> seen.add(u.path("code").asText()));
            after = page.path("next").isNull() ? null : page.path("next").asText();
        } while (after != null);
        assertThat(seen).isEqualTo(GEOMETRIES.keySet());

        Envelope e = GEOMETRIES.get("ZH22040210001").getEnvelopeInternal();
        String bbox =
                String.format(Locale.ROOT, "%.8f,%.8f,%.8f,%.8f", e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
        Geometry box = new GeometryFactory().toGeometry(e);
        Set<String> expected = new TreeSet<>();
        GEOMETRIES.forEach((c, g) -> {
            if (g.intersects(box)) {
                expected.add(c);
            }
        });
        Set<String> got = new TreeSet<>();
        get(URI.create(base() + "/api/v1/units?limit=1000&bbox=" + bbox))
                .path("units")
                .forEach(u -> got.add(u.path("code").asText()));
        assertThat(got).isEqualTo(expected);

        JsonNode rules = get(URI.create(base() + "/api/v1/rules?limit=10"));
        assertThat(rules.path("rules").size()).isEqualTo(10);
        assertThat(rules.path("next").asText()).isEqualTo("10");
        JsonNode history = get(URI.create(base() + "/api/v1/units/ZH22040210001/history?limit=1"));
        assertThat(history.path("versions").size()).isEqualTo(1);
        assertThat(history.path("versions").get(0).path("recordedAt").asText()).matches(RFC3339);
        JsonNode past = get(URI.create(base() + "/api/v1/statistics?asOf=2020-01-01"));
        assertThat(past.path("totalUnits").asInt()).isZero();
        assertThat(past.path("asOf").asText()).isEqualTo("2019-12-31T16:00:00Z");

        for (String bad : List.of(
                "/api/v1/units?after=%00",
                "/api/v1/units?category=%1B",
                "/api/v1/units?limit=5000",
                "/api/v1/units?category=RED",
                "/api/v1/rules?limit=1001",
                "/api/v1/rules?offset=-1",
                "/api/v1/units/ZH22040210001/history?after=x",
                "/ogcapi/collections/control-units/items?filter=%00")) {
            ResponseEntity<String> r = http.withBasicAuth(USER, PASSWORD)
                    .exchange(URI.create(base() + bad), HttpMethod.GET, null, String.class);
            assertThat(r.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(r.getBody()).as(bad).doesNotContainIgnoringCase("sql").doesNotContain("ERROR:");
            String parameter = bad.substring(bad.indexOf('?') + 1, bad.indexOf('='));
            assertThat(r.getBody()).as(bad).contains(parameter);
        }
        ResponseEntity<String> path = http.withBasicAuth(USER, PASSWORD)
                .exchange(
                        URI.create(base() + "/ogcapi/collections/control-units/items/ZH%00"),
                        HttpMethod.GET,
                        null,
                        String.class);
        assertThat(path.getStatusCode().value()).isEqualTo(400);
        assertThat(path.getBody()).doesNotContainIgnoringCase("sql");
    }

    // ---- OpenAPI -----------------------------------------------------------------------------------------------

    @Test
    void everyMappingIsInItsOpenApiDocument() {
        JsonNode hub = get(URI.create(base() + "/v3/api-docs"));
        JsonNode ogc = get(URI.create(base() + "/ogcapi/api"));
        List<String> missing = new ArrayList<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().forEach(p -> {
                    if (p.startsWith("/api/v1/") && !hub.path("paths").has(p)) {
                        missing.add("/v3/api-docs: " + p);
                    }
                    if (p.startsWith("/ogcapi")) {
                        String rel = p.substring("/ogcapi".length());
                        if (!ogc.path("paths").has(rel.isEmpty() ? "/" : rel)) {
                            missing.add("/ogcapi/api: " + p);
                        }
                    }
                }));
        assertThat(missing).isEmpty();
        assertThat(hub.path("paths").has("/api/v1/units")).isTrue();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static final String RFC3339 = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)";

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String oapif() {
        return "OAPIF:" + base() + "/ogcapi";
    }

    UriComponentsBuilder builder(String path) {
        return UriComponentsBuilder.fromUriString(base() + path);
    }

    JsonNode items(String... params) {
        UriComponentsBuilder b = builder("/ogcapi/collections/control-units/items");
        for (int i = 0; i < params.length; i += 2) {
            b.queryParam(params[i], params[i + 1]);
        }
        return get(b.build().encode().toUri());
    }

    JsonNode get(URI uri) {
        ResponseEntity<JsonNode> r = exchange(uri);
        assertThat(r.getStatusCode().value()).as("%s: %s", uri, r.getBody()).isEqualTo(200);
        return r.getBody();
    }

    JsonNode getBody(URI uri) {
        return exchange(uri).getBody();
    }

    ResponseEntity<JsonNode> exchange(URI uri) {
        return http.withBasicAuth(USER, PASSWORD).exchange(uri, HttpMethod.GET, null, JsonNode.class);
    }

    int status(String pathAndQuery) {
        return http.withBasicAuth(USER, PASSWORD)
                .exchange(URI.create(base() + pathAndQuery), HttpMethod.GET, null, String.class)
                .getStatusCode()
                .value();
    }

    static Set<String> codes(JsonNode collection) {
        Set<String> codes = new TreeSet<>();
        collection.path("features").forEach(f -> codes.add(f.path("id").asText()));
        return codes;
    }

    static String link(JsonNode body, String rel) {
        for (JsonNode l : body.path("links")) {
            if (l.path("rel").asText().equals(rel)) {
                return l.path("href").asText();
            }
        }
        return null;
    }

    /** A GeoJSON Polygon or MultiPolygon read as written (no rounding), as a MultiPolygon. */
    static Geometry polygons(JsonNode geometry) {
        GeometryFactory f = new GeometryFactory();
        JsonNode c = geometry.path("coordinates");
        List<Polygon> polygons = new ArrayList<>();
        if (geometry.path("type").asText().equals("Polygon")) {
            polygons.add(polygon(f, c));
        } else {
            c.forEach(p -> polygons.add(polygon(f, p)));
        }
        return f.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    private static Polygon polygon(GeometryFactory f, JsonNode rings) {
        List<LinearRing> list = new ArrayList<>();
        for (JsonNode ring : rings) {
            List<Coordinate> cs = new ArrayList<>();
            ring.forEach(
                    p -> cs.add(new Coordinate(p.get(0).asDouble(), p.get(1).asDouble())));
            list.add(f.createLinearRing(cs.toArray(Coordinate[]::new)));
        }
        return f.createPolygon(list.get(0), list.subList(1, list.size()).toArray(LinearRing[]::new));
    }

    static JsonNode firstPosition(JsonNode feature) {
        JsonNode c = feature.path("geometry").path("coordinates");
        while (c.get(0).isArray()) {
            c = c.get(0);
        }
        return c;
    }

    /** Runs a GDAL tool with the test administrator's credential; fails (not skips) when GDAL is missing. */
    static String gdal(String... command) throws IOException, InterruptedException {
        boolean installed = Files.isExecutable(Path.of("/usr/bin", command[0]))
                || Files.isExecutable(Path.of("/usr/local/bin", command[0]));
        assertThat(installed)
                .as("%s (gdal-bin) is not installed: install it (apt-get install gdal-bin); .ci/run does", command[0])
                .isTrue();
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("GDAL_HTTP_USERPWD", USER + ":" + PASSWORD);
        pb.environment().put("GDAL_HTTP_AUTH", "BASIC");
        File log = File.createTempFile("gdal", ".log");
        pb.redirectOutput(log);
        Process p = pb.start();
        boolean ended = p.waitFor(5, TimeUnit.MINUTES);
        String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertThat(ended).as("%s ended; output: %s", command[0], out).isTrue();
        assertThat(p.exitValue())
                .as("%s exit code; output: %s", String.join(" ", command), out)
                .isZero();
        return out;
    }
}
