package org.zoninghub.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.sync.SyncTrigger;

/**
 * Compliance checks over HTTP against the hub holding the Liaoyuan plan (61 units from the built-in provincial
 * simulator), real PostgreSQL and Kafka. Every expected answer is computed here from {@code data/liaoyuan/*.geojson}
 * with JTS and proj4j (intersection in lon/lat, transverse Mercator of GRS80 on 126°E, the zone of 辽源), or read from
 * the unit and rule API; never with the classes under test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            "zoning.compliance.max-vertices=1000",
            "zoning.compliance.max-request-bytes=65536",
            "zoning.compliance.max-feature-tokens=20000",
            "zoning.compliance.max-nesting=8",
            "zoning.compliance.refresh-interval=500ms",
            "zoning.publish.topics.unit-changes=it-compliance.units.changes",
            "zoning.publish.topics.rule-changes=it-compliance.rules.changes",
            "zoning.publish.topics.unit-state=it-compliance.units.state"
        })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComplianceCheckIT {

    static final GeometryFactory F = new GeometryFactory();
    static final CRSFactory CRS = new CRSFactory();
    static final CoordinateTransform TO_ZONE_42 = new CoordinateTransformFactory()
            .createTransform(
                    CRS.createFromName("EPSG:4490"),
                    CRS.createFromParameters(
                            "gk42", "+proj=tmerc +lat_0=0 +lon_0=126 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80"));
    static final CoordinateTransform TO_EPSG_4530 = new CoordinateTransformFactory()
            .createTransform(
                    CRS.createFromName("EPSG:4490"),
                    CRS.createFromParameters(
                            "gk42z", "+proj=tmerc +lat_0=0 +lon_0=126 +k=1 +x_0=42500000 +y_0=0 +ellps=GRS80"));

    static final String INSIDE_UNIT = "ZH22040220002";
    static final String BAND_UNIT = "ZH22042210005";
    static final String PROHIBITING_UNIT = "ZH22042210009";
    static final String RESTRICTING_UNIT = "ZH22042220007";

    @Autowired
    SyncTrigger trigger;

    @Autowired
    SyncRuns runs;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper json;

    @LocalServerPort
    int port;

    @Autowired
    FilterRegistrationBean<DirectCheck> directCheck;

    @Autowired
    MeterRegistry meters;

    /** The units as the dataset has them, by code, in EPSG:4490. */
    Map<String, Geometry> units;

    Map<String, String> categories;
    Geometry city;

    @BeforeAll
    void baseline() throws IOException {
        SyncRun started = trigger.trigger(Trigger.ADMIN);
        SyncRun run = await().atMost(Duration.ofSeconds(90))
                .until(() -> runs.find(started.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
        assertThat(run.outcome()).isEqualTo(Outcome.SUCCEEDED);
        units = new LinkedHashMap<>();
        categories = new LinkedHashMap<>();
        for (JsonNode f : json.readTree(
                        Files.readString(Path.of("data/liaoyuan/units.geojson"), StandardCharsets.UTF_8))
                .get("features")) {
            units.put(f.get("id").asText(), geometry(f.get("geometry")));
            categories.put(f.get("id").asText(), f.at("/properties/ZHGKDYFL").asText());
        }
        city = geometry(json.readTree(Files.readString(Path.of("data/liaoyuan/city.geojson"), StandardCharsets.UTF_8))
                .at("/features/0/geometry"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> check(Map.of(
                                        "geometry",
                                        geoJson(square(units.get(INSIDE_UNIT).getInteriorPoint(), 0.001))))
                                .getBody()
                                .get("units")
                                .size()
                        == 1);
    }

    @Test
    @Order(1)
    void theHubsMapperReadsNumbersWithTheFastParser() {
        // spring.jackson.parser.use-fast-double-parser: a footprint's positions (FootprintReader passes it on to the
        // parser it replays them through) and a provincial page's alike
        assertThat(json.getFactory().isEnabled(JsonParser.Feature.USE_FAST_DOUBLE_PARSER))
                .isTrue();
    }

    @Test
    @Order(1)
    void aFootprintInsideOneUnit() {
        Geometry unit = units.get(INSIDE_UNIT);
        Geometry footprint = square(unit.getInteriorPoint(), 0.002);
        assertThat(unit.covers(footprint)).as("precondition").isTrue();

        JsonNode body = check(Map.of("geometry", geoJson(footprint))).getBody();

        double area = area(footprint);
        assertThat(body.get("edition").asText()).isEqualTo("2025");
        assertThat(body.get("asOf").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*");
        assertThat(body.get("footprintAreaM2").asDouble()).isCloseTo(area, within(0.01));
        assertThat(body.get("outsideRatio").asDouble()).isZero();
        assertThat(body.get("screeningNotice").asText()).contains("not a legal finding");
        JsonNode only = body.get("units").get(0);
        assertThat(body.get("units")).hasSize(1);
        assertThat(only.get("code").asText()).isEqualTo(INSIDE_UNIT);
        assertThat(only.get("category").asText()).isEqualTo("KEY_CONTROL");
        assertThat(only.get("overlapAreaM2").asDouble()).isCloseTo(area, within(0.01));
        assertThat(only.get("overlapRatio").asDouble()).isEqualTo(1.0);
        assertThat(ids(only.get("rules"))).isEqualTo(ids(rulesOf(INSIDE_UNIT)));
        assertThat(ids(body.get("cityRules"))).isEqualTo(ids(rulesOf("220400")));
        assertThat(ids(body.get("basinRules"))).isEqualTo(ids(rulesOf("LIAOHE")));
        assertThat(body.at("/cityRules/0/level").asText()).isEqualTo("CITY");
        assertThat(body.at("/cityRules/0/scopeCode").asText()).isEqualTo("220400");
        assertThat(body.at("/basinRules/0/level").asText()).isEqualTo("BASIN");
        assertThat(only.at("/rules/0/dimension").asText()).isNotEmpty();
    }

    @Test
    @Order(1)
    void theSameFootprintInADeclaredGaussKrugerZone() {
        Geometry footprint = square(units.get(INSIDE_UNIT).getInteriorPoint(), 0.002);
        Geometry projected = transform(footprint, TO_EPSG_4530);

        JsonNode body = check(
                        Map.of("geometry", geoJson(projected), "crs", "http://www.opengis.net/def/crs/EPSG/0/4530"))
                .getBody();

        assertThat(body.get("crs").asText()).isEqualTo("EPSG:4530");
        assertThat(body.get("units").findValuesAsText("code")).containsExactly(INSIDE_UNIT);
        assertThat(body.get("footprintAreaM2").asDouble()).isCloseTo(projected.getArea(), within(1.0));
    }

    @Test
    @Order(1)
    void aFootprintAcrossThreeUnitsOfThreeCategories() {
        Geometry footprint = null;
        Map<String, Double> expected = null;
        search:
        for (double lat = 42.40; lat < 43.2; lat += 0.01) {
            for (double lon = 124.95; lon < 125.85; lon += 0.01) {
                Geometry sq = square(F.createPoint(new Coordinate(lon, lat)), 0.03);
                if (!city.covers(sq)) {
                    continue;
                }
                Map<String, Double> overlaps = overlaps(sq);
                Set<String> cats = overlaps.entrySet().stream()
                        .filter(e -> e.getValue() > 0.02 * area(sq))
                        .map(e -> categories.get(e.getKey()))
                        .collect(Collectors.toSet());
                if (overlaps.size() == 3 && cats.size() == 3) {
                    footprint = sq;
                    expected = overlaps;
                    break search;
                }
            }
        }
        assertThat(footprint)
                .as("a 0.03° square over three units of three categories")
                .isNotNull();

        JsonNode body = check(Map.of("geometry", geoJson(footprint))).getBody();

        Map<String, Double> actual = new LinkedHashMap<>();
        body.get("units")
                .forEach(u -> actual.put(
                        u.get("code").asText(), u.get("overlapAreaM2").asDouble()));
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((code, a) -> assertThat(actual.get(code)).as(code).isCloseTo(a, within(0.01 + a * 1e-9)));
        assertThat(body.get("units").findValuesAsText("category"))
                .hasSameElementsAs(List.of("PRIORITY_PROTECTION", "KEY_CONTROL", "GENERAL_CONTROL"));
        double sum = actual.values().stream().mapToDouble(Double::doubleValue).sum();
        double fp = body.get("footprintAreaM2").asDouble();
        assertThat(Math.abs(sum - fp) / fp).as("overlaps sum to the footprint").isLessThan(1e-4);
        assertThat(body.get("outsideRatio").asDouble()).isLessThan(1e-4);
        assertThat(body.get("units").findValuesAsText("overlapRatio").stream()
                        .mapToDouble(Double::parseDouble)
                        .sum())
                .isCloseTo(1.0, within(1e-4));
    }

    @Test
    @Order(1)
    void aFootprintPartlyOutsideTheJurisdiction() {
        Coordinate west = null;
        for (Coordinate c : city.getCoordinates()) {
            if (west == null || c.x < west.x) {
                west = c;
            }
        }
        Geometry footprint = square(F.createPoint(west), 0.02);
        double expectedOutside = 1 - area(footprint.intersection(city)) / area(footprint);
        assertThat(expectedOutside).as("precondition").isBetween(0.2, 0.9);

        JsonNode body = check(Map.of("geometry", geoJson(footprint))).getBody();

        assertThat(body.get("outsideRatio").asDouble()).isCloseTo(expectedOutside, within(1e-6));
        Map<String, Double> expected = overlaps(footprint);
        assertThat(body.get("units").findValuesAsText("code")).hasSameElementsAs(expected.keySet());
    }

    @Test
    @Order(1)
    void aPointOnASharedBoundaryIsInBothUnits() {
        Point shared = sharedVertex(INSIDE_UNIT);
        Set<String> expected = covering(shared);
        assertThat(expected).hasSize(2);

        JsonNode body = check(Map.of("geometry", geoJson(shared))).getBody();

        assertThat(body.get("units").findValuesAsText("code")).hasSameElementsAs(expected);
        assertThat(body.get("units").findValuesAsText("overlapRatio")).containsOnly("1.0");
        assertThat(body.get("outsideRatio").asDouble()).isZero();
        assertThat(body.get("footprintAreaM2").asDouble()).isZero();
    }

    @Test
    @Order(1)
    void aLineAcrossTwoUnits() {
        // a vertex of the unit's outline with only one other unit within 0.002°, and a line through it
        Point shared = null;
        for (Coordinate c : units.get(INSIDE_UNIT).getCoordinates()) {
            Point p = F.createPoint(c);
            if (covering(p.buffer(0.002)).size() == 2) {
                shared = p;
                break;
            }
        }
        assertThat(shared).as("a vertex shared by two units alone").isNotNull();
        Geometry line = null;
        Map<String, Double> expected = null;
        for (int deg = 0; deg < 360 && line == null; deg += 5) {
            double dx = 0.0015 * Math.cos(Math.toRadians(deg));
            double dy = 0.0015 * Math.sin(Math.toRadians(deg));
            Geometry l = F.createLineString(new Coordinate[] {
                new Coordinate(shared.getX() - dx, shared.getY() - dy),
                new Coordinate(shared.getX() + dx, shared.getY() + dy)
            });
            Map<String, Double> lengths = new LinkedHashMap<>();
            units.forEach((code, g) -> {
                double len = length(g.intersection(l));
                if (len > 0) {
                    lengths.put(code, len);
                }
            });
            if (lengths.size() == 2 && lengths.values().stream().allMatch(len -> len > 20)) {
                line = l;
                expected = lengths;
            }
        }
        assertThat(line)
                .as("a short line through the shared vertex across two units")
                .isNotNull();

        JsonNode body = check(Map.of("geometry", geoJson(line))).getBody();

        double total = length(line);
        assertThat(body.get("footprintLengthM").asDouble()).isCloseTo(total, within(0.001));
        Map<String, Double> actual = new LinkedHashMap<>();
        body.get("units")
                .forEach(u -> actual.put(
                        u.get("code").asText(), u.get("overlapLengthM").asDouble()));
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((code, len) -> assertThat(actual.get(code)).isCloseTo(len, within(0.001)));
        assertThat(body.get("units").findValuesAsText("overlapAreaM2")).containsOnly("0.0");
    }

    @Test
    @Order(1)
    void everyInvalidInputIsNamed() {
        record Case(Object body, String field, String detail) {}
        ObjectNode bowTie =
                polygon(new double[][] {{125.2, 42.9}, {125.21, 42.91}, {125.21, 42.9}, {125.2, 42.91}, {125.2, 42.9}});
        ObjectNode unclosed = polygon(new double[][] {{125.2, 42.9}, {125.21, 42.9}, {125.21, 42.91}, {125.2, 42.91}});
        ObjectNode badPosition =
                polygon(new double[][] {{125.2, 42.9}, {125.21, 42.9}, {125.21, 42.91}, {125.2, 42.91}, {125.2, 42.9}});
        ((ArrayNode) badPosition.at("/coordinates/0"))
                .set(3, json.getNodeFactory().textNode("125.2,42.91"));
        ObjectNode projected = polygon(new double[][] {
            {42_500_000, 4_750_000}, {42_501_000, 4_750_000}, {42_501_000, 4_751_000}, {42_500_000, 4_750_000}
        });
        double[][] many = new double[1200][];
        for (int i = 0; i < many.length - 1; i++) {
            double a = 2 * Math.PI * i / (many.length - 1);
            many[i] = new double[] {125.2 + 0.01 * Math.cos(a), 42.9 + 0.01 * Math.sin(a)};
        }
        many[many.length - 1] = many[0];
        ObjectNode collection = json.createObjectNode().put("type", "GeometryCollection");
        collection.putArray("geometries");
        ObjectNode emptyPolygon = json.createObjectNode().put("type", "Polygon");
        emptyPolygon.putArray("coordinates");
        ObjectNode onePositionLine = json.createObjectNode().put("type", "LineString");
        onePositionLine.putArray("coordinates").addArray().add(125.2).add(42.9);
        String tooBig = "{\"geometry\": {\"type\": \"Point\", \"coordinates\": [125.2, 42.9]}, \"crs\": \""
                + "x".repeat(70_000) + "\"}";
        String deep = "{\"geometry\": {\"type\": \"Point\", \"coordinates\": [[[[[[[[[[125.2]]]]]]]]]]}}";
        ObjectNode point = json.createObjectNode().put("type", "Point");
        point.putArray("coordinates").add(125.2).add(42.9);

        List<Case> cases = List.of(
                new Case("{\"geometry\": ", "", "not valid JSON"),
                new Case("[1, 2]", "", "must be a JSON object"),
                new Case(Map.of("geometry", point, "buffer", 10), "buffer", "unknown member"),
                new Case(Map.of("crs", "EPSG:4490"), "geometry", "no geometry"),
                new Case(Map.of("geometry", collection), "geometry.type", "GeometryCollection"),
                new Case(Map.of("geometry", unclosed), "geometry.coordinates[0]", "ring is not closed"),
                new Case(Map.of("geometry", badPosition), "geometry.coordinates[0][3]", "expected [lon, lat]"),
                new Case(Map.of("geometry", bowTie), "geometry", "Self-intersection"),
                new Case(Map.of("geometry", projected), "geometry.coordinates[0][0]", "look projected"),
                new Case(Map.of("geometry", point, "crs", "EPSG:3857"), "crs", "unknown or unsupported CRS"),
                new Case(Map.of("geometry", polygon(many)), "geometry.coordinates", "zoning.compliance.max-vertices"),
                new Case(Map.of("geometry", emptyPolygon), "geometry.coordinates", "empty"),
                new Case(Map.of("geometry", onePositionLine), "geometry.coordinates", "at least 2 positions"),
                new Case(Map.of("geometry", point, "asOf", "yesterday"), null, "asOf"),
                new Case(Map.of("geometry", point, "industryCode", "Z9999"), "industryCode", "unknown industry"),
                new Case(Map.of("geometry", point, "asOf", 2025), "asOf", "expected a string"),
                new Case(tooBig, "", "zoning.compliance.max-request-bytes"),
                new Case(deep, "", "zoning.compliance.max-nesting"));

        for (Case c : cases) {
            ResponseEntity<JsonNode> r = post(c.body());
            assertThat(r.getStatusCode()).as("%s", c).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
            assertThat(r.getBody().get("detail").asText()).as("%s", c).contains(c.detail());
            if (c.field() != null) {
                assertThat(r.getBody().get("field").asText()).as("%s", c).isEqualTo(c.field());
            }
        }
    }

    @Test
    @Order(1)
    void aBatchIsStreamedAndGoesOnAfterADefectiveFeature() throws Exception {
        int n = 3000;
        List<Geometry> squares = new ArrayList<>();
        StringBuilder body = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                body.append(',');
            }
            Geometry sq =
                    square(F.createPoint(new Coordinate(125.0 + (i % 60) * 0.0125, 42.45 + (i / 60) * 0.014)), 0.005);
            squares.add(sq);
            ObjectNode feature = json.createObjectNode().put("type", "Feature").put("id", "parcel-" + i);
            if (i % 500 == 7) {
                feature.set("geometry", polygon(new double[][] {
                    {125.2, 42.9}, {125.21, 42.9}, {125.21, 42.91}, {125.2, 42.91}
                }));
            } else if (i == 1234) {
                ObjectNode huge = json.createObjectNode().put("type", "LineString");
                ArrayNode coords = huge.putArray("coordinates");
                for (int k = 0; k < 8000; k++) {
                    coords.addArray().add(125.2 + k * 1e-6).add(42.9);
                }
                feature.set("geometry", huge);
            } else {
                feature.set("geometry", geoJson(sq));
            }
            feature.putObject("properties").put("n", i);
            body.append(feature);
        }
        body.append("]}");

        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/compliance-checks/batch"))
                                .header("Content-Type", "application/geo+json")
                                .header("Authorization", basic())
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        List<JsonNode> lines = response.body().map(this::readLine).toList();
        assertThat(lines).hasSize(n);
        for (int i = 0; i < n; i++) {
            JsonNode line = lines.get(i);
            assertThat(line.get("index").asInt()).isEqualTo(i);
            assertThat(line.get("id").asText()).isEqualTo("parcel-" + i);
            if (i % 500 == 7) {
                assertThat(line.at("/problem/status").asInt()).isEqualTo(400);
                assertThat(line.at("/problem/field").asText()).isEqualTo("features[" + i + "].geometry.coordinates[0]");
            } else if (i == 1234) {
                assertThat(line.at("/problem/field").asText()).isEqualTo("features[1234]");
                assertThat(line.at("/problem/detail").asText()).contains("zoning.compliance.max-feature-tokens");
            } else if (i % 250 == 0) {
                Map<String, Double> expected = overlaps(squares.get(i));
                Set<String> codes = new TreeSet<>(line.at("/result/units").findValuesAsText("code"));
                assertThat(codes).as("feature %d", i).isEqualTo(new TreeSet<>(expected.keySet()));
            } else {
                assertThat(line.has("result")).as("feature %d: %s", i, line).isTrue();
            }
        }
    }

    @Test
    @Order(2)
    void asOfADateBeforeADynamicUpdateAndAnIndustryProhibitedInOneUnitAndRestrictedInAnother() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC);
        Geometry band = units.get(BAND_UNIT);
        Geometry shrunk = band.buffer(-0.002);
        if (shrunk instanceof Polygon p) {
            shrunk = F.createMultiPolygon(new Polygon[] {p});
        }
        Point inBand = band.difference(shrunk).getInteriorPoint();
        assertThat(covering(inBand)).as("precondition").containsExactly(BAND_UNIT);
        String prohibitedClause = "禁止新建有机化学原料制造项目";
        String restrictedClause = "严格控制有机化学原料制造项目规模";
        Map<String, Object> update = Map.of(
                "description",
                "云顶一带清单修订及东辽河源头单元边界调整",
                "units",
                List.of(
                        Map.of("code", BAND_UNIT, "geometry", geoJson(shrunk)),
                        Map.of(
                                "code",
                                PROHIBITING_UNIT,
                                "lists",
                                Map.of("KJBJYS", withClause(PROHIBITING_UNIT, prohibitedClause))),
                        Map.of(
                                "code",
                                RESTRICTING_UNIT,
                                "lists",
                                Map.of("KJBJYS", withClause(RESTRICTING_UNIT, restrictedClause)))));
        ResponseEntity<JsonNode> created = http.withBasicAuth("admin", "test-admin-secret")
                .postForEntity("/api/v1/admin/dynamic-updates", update, JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);

        // now: the band is a gap of the plan
        JsonNode now = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> check(Map.of("geometry", geoJson(inBand))).getBody(),
                        b -> b.get("edition").asText().equals("2025.1"));
        assertThat(now.get("units")).isEmpty();
        assertThat(now.get("outsideRatio").asDouble()).isEqualTo(1.0);
        // as of before the update: the band was in its unit, edition 2025
        JsonNode then = check(Map.of("geometry", geoJson(inBand), "asOf", before.toString()))
                .getBody();
        assertThat(then.get("edition").asText()).isEqualTo("2025");
        assertThat(then.get("units").findValuesAsText("code")).containsExactly(BAND_UNIT);
        assertThat(then.get("asOf").asText()).isEqualTo(ComplianceChecks.RFC_3339.format(before));

        // an industry across the two units of 云顶
        Point shared = sharedVertexBetween(PROHIBITING_UNIT, RESTRICTING_UNIT);
        Geometry site = square(shared, 0.004);
        assertThat(overlaps(site).keySet()).as("precondition").contains(PROHIBITING_UNIT, RESTRICTING_UNIT);
        JsonNode screened = check(Map.of("geometry", geoJson(site), "industryCode", "C2614"))
                .getBody();
        assertThat(screened.at("/industry/code").asText()).isEqualTo("C2614");
        assertThat(screened.at("/industry/name").asText()).isEqualTo("有机化学原料制造");
        JsonNode prohibiting = unit(screened, PROHIBITING_UNIT);
        JsonNode restricting = unit(screened, RESTRICTING_UNIT);
        assertThat(prohibiting.at("/industrySummary/strength").asText()).isEqualTo("PROHIBITED");
        assertThat(restricting.at("/industrySummary/strength").asText()).isEqualTo("RESTRICTED");
        assertThat(strengthOf(prohibiting.get("rules"), prohibitedClause)).isEqualTo("PROHIBITED");
        assertThat(strengthOf(restricting.get("rules"), restrictedClause)).isEqualTo("RESTRICTED");
        // the city's "严格控制…化工…" clause names the class by its synonym 化工 and restricts it
        for (JsonNode r : screened.get("cityRules")) {
            String text = r.get("text").asText();
            boolean names = Stream.of("化工", "化学原料", "有机化学原料制造").anyMatch(text::contains);
            if (!names) {
                assertThat(r.get("industryMatch").isNull()).as(text).isTrue();
            } else if (text.split("[，；。]").length == 1) {
                String expected = Stream.of("禁止", "严禁", "不得").anyMatch(text::contains)
                        ? "PROHIBITED"
                        : Stream.of("限制", "控制", "严控").anyMatch(text::contains) ? "RESTRICTED" : "OTHER";
                assertThat(r.at("/industryMatch/strength").asText()).as(text).isEqualTo(expected);
            }
        }
        // by its Chinese name too
        JsonNode byName = check(Map.of("geometry", geoJson(site), "industryCode", "有机化学原料制造"))
                .getBody();
        assertThat(byName.at("/industry/code").asText()).isEqualTo("C2614");
        // and as of before the update neither clause existed
        JsonNode screenedBefore = check(
                        Map.of("geometry", geoJson(site), "industryCode", "C2614", "asOf", before.toString()))
                .getBody();
        assertThat(screenedBefore.toString()).doesNotContain(prohibitedClause).doesNotContain(restrictedClause);
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    ResponseEntity<JsonNode> check(Map<String, Object> body) {
        ResponseEntity<JsonNode> r = post(body);
        assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.OK);
        return r;
    }

    ResponseEntity<JsonNode> post(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        try {
            String text = body instanceof String s ? s : json.writeValueAsString(body);
            return http.withBasicAuth("admin", "test-admin-secret")
                    .postForEntity("/api/v1/compliance-checks", new HttpEntity<>(text, headers), JsonNode.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads need a credential: the test administrator's (an administrator may read what a department may). */
    TestRestTemplate reader() {
        return http.withBasicAuth("admin", "test-admin-secret");
    }

    /**
     * A department's check with its key is answered in front of the security filter chain ({@link DirectCheck}):
     * the same status, headers and answer as the generic path gives the same key (taken there by a browser's
     * {@code Sec-Fetch-Site: same-origin}, which the direct path leaves to the cross-site filter);
     * whatever that path would not answer 200 (a defect, an unknown key, a cross-site post, an Accept without JSON)
     * goes down the generic path and gets its answer there.
     */
    @Test
    @Order(0)
    void aDepartmentsCheckIsAnsweredDirectlyAsTheGenericPathAnswersIt() throws Exception {
        HttpResponse<String> created = post(
                "/api/v1/admin/credentials",
                Map.of("Authorization", basic("admin", "test-admin-secret")),
                "{\"username\": \"it-direct\", \"name\": \"EIA system\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String key = json.readTree(created.body()).get("key").asText();
        String footprint = json.writeValueAsString(Map.of(
                "geometry",
                geoJson(square(units.get(PROHIBITING_UNIT).getInteriorPoint(), 0.02)),
                "industryCode",
                "C2614"));
        long direct = directCheck.getFilter().answered();

        HttpResponse<String> byKey = post(DirectCheck.PATH, Map.of("X-Api-Key", key), footprint);
        assertThat(directCheck.getFilter().answered()).as("answered directly").isEqualTo(direct + 1);
        Map<String, String> viaChain = Map.of("X-Api-Key", key, "Sec-Fetch-Site", "same-origin");
        HttpResponse<String> generic = post(DirectCheck.PATH, viaChain, footprint);
        assertThat(directCheck.getFilter().answered()).as("the generic path").isEqualTo(direct + 1);
        assertThat(byKey.statusCode()).isEqualTo(200).isEqualTo(generic.statusCode());
        assertThat(withoutAsOf(byKey.body()))
                .as("the same answer (but for the instant it was given)")
                .isEqualTo(withoutAsOf(generic.body()));
        for (String header : List.of(
                "Content-Type",
                "X-Content-Type-Options",
                "X-XSS-Protection",
                "Cache-Control",
                "Pragma",
                "Expires",
                "X-Frame-Options",
                "Set-Cookie")) {
            assertThat(byKey.headers().allValues(header))
                    .as(header)
                    .isEqualTo(generic.headers().allValues(header));
        }
        await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> meters
                                        .find("http.server.requests")
                                        .tag("uri", DirectCheck.PATH)
                                        .tag("status", "200")
                                        .timers()
                                        .stream()
                                        .mapToLong(t -> t.count())
                                        .sum()
                                >= 2);
        assertThat(meters.find("http.server.requests")
                        .tag("uri", DirectCheck.PATH)
                        .tag("status", "200")
                        .timers())
                .as("one timer for both paths: the direct path times a check with the observation's tags")
                .hasSize(1);

        String defective = "{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[125, 42], [125.1, 42]]]}}";
        HttpResponse<String> problem = post(DirectCheck.PATH, Map.of("X-Api-Key", key), defective);
        HttpResponse<String> genericProblem = post(DirectCheck.PATH, viaChain, defective);
        assertThat(problem.statusCode()).isEqualTo(400);
        assertThat(json.readTree(problem.body())).isEqualTo(json.readTree(genericProblem.body()));
        assertThat(withoutAsOf(post(DirectCheck.PATH, Map.of("Authorization", basic("it-direct", key)), footprint)
                        .body()))
                .as("the department by HTTP Basic, down the generic path")
                .isEqualTo(withoutAsOf(generic.body()));
        assertThat(problem.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(post(DirectCheck.PATH, Map.of("X-Api-Key", "zh_AAAAAAAA_not-a-key"), footprint)
                        .statusCode())
                .isEqualTo(401);
        assertThat(post(DirectCheck.PATH, Map.of("X-Api-Key", key, "Origin", "https://elsewhere.example"), footprint)
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(DirectCheck.PATH, Map.of("X-Api-Key", key, "Accept", "text/html"), footprint)
                        .statusCode())
                .isEqualTo(post(
                                DirectCheck.PATH,
                                Map.of("Authorization", basic("it-direct", key), "Accept", "text/html"),
                                footprint)
                        .statusCode())
                .isNotEqualTo(200);
        assertThat(directCheck.getFilter().answered())
                .as("none of these answered directly")
                .isEqualTo(direct + 1);
    }

    HttpResponse<String> post(String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode withoutAsOf(String answer) throws IOException {
        ObjectNode tree = (ObjectNode) json.readTree(answer);
        assertThat(tree.get("asOf")).isNotNull();
        tree.remove("asOf");
        return tree;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode rulesOf(String scope) {
        return reader().getForObject("/api/v1/rules?scope=" + scope, JsonNode.class)
                .get("rules");
    }

    String withClause(String unit, String clause) {
        List<String> texts = reader().getForObject(
                        "/api/v1/rules?scope=" + unit + "&dimension=SPATIAL_LAYOUT", JsonNode.class)
                .get("rules")
                .findValuesAsText("text");
        StringBuilder s = new StringBuilder();
        int n = 1;
        for (String t : texts) {
            s.append(n++).append('.').append(t).append('；');
        }
        return s.append(n).append('.').append(clause).toString();
    }

    static Set<String> ids(JsonNode rules) {
        return new TreeSet<>(rules.findValuesAsText("id"));
    }

    static JsonNode unit(JsonNode body, String code) {
        for (JsonNode u : body.get("units")) {
            if (u.get("code").asText().equals(code)) {
                return u;
            }
        }
        throw new AssertionError(code + " not in " + body.get("units").findValuesAsText("code"));
    }

    static String strengthOf(JsonNode rules, String text) {
        for (JsonNode r : rules) {
            if (r.get("text").asText().equals(text)) {
                return r.at("/industryMatch/strength").asText();
            }
        }
        throw new AssertionError("no rule " + text);
    }

    JsonNode readLine(String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(line, e);
        }
    }

    String basic() {
        return "Basic "
                + Base64.getEncoder().encodeToString("admin:test-admin-secret".getBytes(StandardCharsets.UTF_8));
    }

    /** The units whose overlap with a polygon has a positive area, with that area in m². */
    Map<String, Double> overlaps(Geometry footprint) {
        Map<String, Double> out = new LinkedHashMap<>();
        units.forEach((code, g) -> {
            if (g.intersects(footprint)) {
                double a = area(g.intersection(footprint));
                if (a > 0) {
                    out.put(code, a);
                }
            }
        });
        return out;
    }

    Set<String> covering(Geometry g) {
        Set<String> out = new TreeSet<>();
        units.forEach((code, u) -> {
            if (u.intersects(g)) {
                out.add(code);
            }
        });
        return out;
    }

    /** A vertex of a unit's outline that exactly one other unit covers too. */
    Point sharedVertex(String code) {
        for (Coordinate c : units.get(code).getCoordinates()) {
            Point p = F.createPoint(c);
            if (covering(p).size() == 2) {
                return p;
            }
        }
        throw new AssertionError("no vertex of " + code + " is shared with exactly one other unit");
    }

    Point sharedVertexBetween(String a, String b) {
        for (Coordinate c : units.get(a).getCoordinates()) {
            Point p = F.createPoint(c);
            if (covering(p).equals(new TreeSet<>(List.of(a, b)))) {
                return p;
            }
        }
        throw new AssertionError("no vertex shared by " + a + " and " + b + " alone");
    }

    static Geometry square(Point center, double size) {
        double x = center.getX() - size / 2;
        double y = center.getY() - size / 2;
        return F.createPolygon(new Coordinate[] {
            new Coordinate(x, y),
            new Coordinate(x + size, y),
            new Coordinate(x + size, y + size),
            new Coordinate(x, y + size),
            new Coordinate(x, y)
        });
    }

    static double area(Geometry lonLat) {
        return transform(lonLat, TO_ZONE_42).getArea();
    }

    static double length(Geometry lonLat) {
        return transform(lonLat, TO_ZONE_42).getLength();
    }

    static Geometry transform(Geometry g, CoordinateTransform t) {
        Geometry copy = g.copy();
        copy.apply((Coordinate c) -> {
            ProjCoordinate out = new ProjCoordinate();
            t.transform(new ProjCoordinate(c.x, c.y), out);
            c.x = out.x;
            c.y = out.y;
        });
        copy.geometryChanged();
        return copy;
    }

    ObjectNode polygon(double[][] ring) {
        ObjectNode g = json.createObjectNode().put("type", "Polygon");
        ArrayNode r = g.putArray("coordinates").addArray();
        for (double[] p : ring) {
            r.addArray().add(p[0]).add(p[1]);
        }
        return g;
    }

    /** A GeoJSON geometry written here, with the coordinates as they are (no rounding). */
    ObjectNode geoJson(Geometry g) {
        ObjectNode node = json.createObjectNode().put("type", g.getGeometryType());
        ArrayNode coords = node.putArray("coordinates");
        if (g instanceof Point p) {
            coords.add(p.getX()).add(p.getY());
        } else if (g instanceof Polygon p) {
            rings(coords, p);
        } else if (g instanceof org.locationtech.jts.geom.MultiPolygon mp) {
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                rings(coords.addArray(), (Polygon) mp.getGeometryN(i));
            }
        } else {
            for (Coordinate c : g.getCoordinates()) {
                coords.addArray().add(c.x).add(c.y);
            }
        }
        return node;
    }

    static void rings(ArrayNode out, Polygon p) {
        positions(out.addArray(), p.getExteriorRing().getCoordinates());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            positions(out.addArray(), p.getInteriorRingN(i).getCoordinates());
        }
    }

    static void positions(ArrayNode out, Coordinate[] cs) {
        for (Coordinate c : cs) {
            out.addArray().add(c.x).add(c.y);
        }
    }

    /** A GeoJSON Polygon or MultiPolygon read here with Jackson into JTS. */
    static Geometry geometry(JsonNode g) {
        String type = g.get("type").asText();
        JsonNode c = g.get("coordinates");
        if (type.equals("Polygon")) {
            return polygon(c);
        }
        Polygon[] parts = new Polygon[c.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = polygon(c.get(i));
        }
        return F.createMultiPolygon(parts);
    }

    static Polygon polygon(JsonNode rings) {
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return F.createPolygon(shell, holes);
    }

    static LinearRing ring(JsonNode positions) {
        Coordinate[] cs = new Coordinate[positions.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = new Coordinate(
                    positions.get(i).get(0).doubleValue(),
                    positions.get(i).get(1).doubleValue());
        }
        return F.createLinearRing(cs);
    }
}
