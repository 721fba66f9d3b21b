package org.zoninghub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.platform.simulator.SimulatorFilings;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;

/**
 * A local dynamic update becomes a new edition, is published like any change, and is filed (备案) with the
 * (simulated) province, which files it or returns it with a comment. Real PostgreSQL and Kafka.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            "zoning.filing.poll-interval=300ms",
            "zoning.publish.topics.unit-changes=it-filing.units.changes",
            "zoning.publish.topics.rule-changes=it-filing.rules.changes",
            "zoning.publish.topics.unit-state=it-filing.units.state"
        })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DynamicUpdateFilingIT {

    static final String GEOMETRY_CHANGED = "ZH22042210001";
    static final String LIST_CHANGED = "ZH22040220001";
    static final String RETIRED = "ZH22042120004";
    static final String ADDED = "ZH22042220099";

    @Autowired
    SyncTrigger trigger;

    @Autowired
    SyncRuns runs;

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SimulatorFilings provinceReview;

    @Autowired
    ObjectMapper json;

    TestRestTemplate admin() {
        return http.withBasicAuth("admin", "test-admin-secret");
    }

    @BeforeAll
    void baseline() {
        SyncRun started = trigger.trigger(Trigger.ADMIN);
        SyncRun run = await().atMost(Duration.ofSeconds(90))
                .until(() -> runs.find(started.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
        assertThat(run.outcome()).isEqualTo(Outcome.SUCCEEDED);
    }

    @Test
    @Order(1)
    void anUpdateBecomesEdition2025Point1IsPublishedAndFiled() throws Exception {
        JsonNode geometry = admin().getForObject("/api/v1/units/" + GEOMETRY_CHANGED, JsonNode.class)
                .get("geometry");
        ObjectNode shrunk = shrink(geometry);
        // the unit's spatial-layout clauses, the second one reworded and the last one dropped
        List<String> clauses = admin().getForObject(
                        "/api/v1/rules?scope=" + LIST_CHANGED + "&dimension=SPATIAL_LAYOUT", JsonNode.class)
                .get("rules")
                .findValuesAsText("text");
        assertThat(clauses.size()).isGreaterThanOrEqualTo(3);
        int retiredUnitRules = admin().getForObject("/api/v1/rules?scope=" + RETIRED, JsonNode.class)
                .get("rules")
                .size();
        StringBuilder newClause = new StringBuilder();
        for (int i = 0; i < clauses.size() - 1; i++) {
            newClause
                    .append(i + 1)
                    .append('.')
                    .append(i == 1 ? "禁止设置排污口" : clauses.get(i))
                    .append('；');
        }
        Map<String, Object> request = Map.of(
                "description",
                "石门水库饮用水水源保护区范围调整及城区清单修订",
                "units",
                List.of(
                        Map.of("code", GEOMETRY_CHANGED, "geometry", shrunk),
                        Map.of("code", LIST_CHANGED, "lists", Map.of("SPATIAL_LAYOUT", newClause.toString())),
                        Map.of("code", RETIRED, "retire", true),
                        Map.of(
                                "code",
                                ADDED,
                                "name",
                                "东辽县新型工业园区重点管控单元",
                                "category",
                                "KEY_CONTROL",
                                "basins",
                                List.of("LIAOHE"),
                                "geometry",
                                square(125.10, 42.70, 0.02),
                                "lists",
                                Map.of(
                                        "KJBJYS", "1.园区新建项目须符合园区规划；2.禁止新建化工项目",
                                        "PWWPFGK", "1.园区污水集中处理；2.新建项目实行污染物总量控制",
                                        "HJFXFK", "1.园区编制突发环境事件应急预案；2.建立环境风险防控体系",
                                        "ZYKFXLYQ", "1.新建项目能效达到国内先进水平；2.提高工业用水重复利用率"))));

        ResponseEntity<JsonNode> created =
                admin().postForEntity("/api/v1/admin/dynamic-updates", request, JsonNode.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode update = created.getBody();
        assertThat(update.get("edition").asText()).isEqualTo("2025.1");
        assertThat(update.at("/counts/created").asInt()).isEqualTo(1);
        assertThat(update.at("/counts/updated").asInt()).isEqualTo(1);
        assertThat(update.at("/counts/retired").asInt()).isEqualTo(1);
        assertThat(update.at("/counts/rules/updated").asInt()).isEqualTo(1);
        assertThat(update.at("/counts/rules/retired").asInt())
                .as("the dropped clause and every rule of the retired unit")
                .isEqualTo(1 + retiredUnitRules);

        assertThat(jdbc.queryForList(
                        "select distinct aggregateid from outbox where type = 'zoning.unit.updated'", String.class))
                .containsExactly(GEOMETRY_CHANGED);
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox where payload::jsonb->>'edition' = '2025.1'"
                                + " and type like 'zoning.unit.%' and type <> 'zoning.unit.state'",
                        Integer.class))
                .isEqualTo(3);
        JsonNode changedFields = json.readTree(jdbc.queryForObject(
                        "select payload::text from outbox where type = 'zoning.unit.updated'", String.class))
                .at("/data/changedFields");
        assertThat(changedFields.toString()).isEqualTo("[\"geometry\",\"areaM2\"]");
        JsonNode retired = admin().getForObject("/api/v1/units/" + RETIRED, JsonNode.class);
        assertThat(retired.get("status").asText()).isEqualTo("RETIRED");
        assertThat(retired.get("edition").asText()).isEqualTo("2025.1");
        assertThat(retired.at("/rules/SPATIAL_LAYOUT").findValuesAsText("level"))
                .doesNotContain("UNIT");
        assertThat(admin().getForObject("/api/v1/units/" + ADDED, JsonNode.class)
                        .get("edition")
                        .asText())
                .isEqualTo("2025.1");
        assertThat(admin().getForObject("/api/v1/units/" + LIST_CHANGED, JsonNode.class)
                        .at("/rules/SPATIAL_LAYOUT")
                        .findValuesAsText("text"))
                .contains("禁止设置排污口");

        String id = update.get("id").asText();
        JsonNode filing = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> admin().getForObject("/api/v1/admin/filings/" + id, JsonNode.class),
                        f -> f.get("status").asText().equals("FILED"));
        assertThat(filing.get("filingId").asText()).startsWith("BA-220400-");
        assertThat(provinceReview.all()).as("filed once").singleElement().satisfies(f -> {
            assertThat(f.submission().get("edition").asText()).isEqualTo("2025.1");
            assertThat(f.submission().at("/units/features")).hasSize(4);
        });
    }

    @Test
    @Order(2)
    void aReturnedFilingKeepsTheProvincesComment() {
        provinceReview.decideNext(SimulatorFilings.Status.RETURNED, "边界与生态保护红线不一致，请核实后重新报送");
        Map<String, Object> request = Map.of(
                "description", "新增园区单元名称规范", "units", List.of(Map.of("code", ADDED, "name", "东辽县新型工业园区产业集聚区重点管控单元")));

        ResponseEntity<JsonNode> created =
                admin().postForEntity("/api/v1/admin/dynamic-updates", request, JsonNode.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("edition").asText()).isEqualTo("2025.2");
        String id = created.getBody().get("id").asText();
        JsonNode filing = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> admin().getForObject("/api/v1/admin/filings/" + id, JsonNode.class),
                        f -> f.get("status").asText().equals("RETURNED"));
        assertThat(filing.get("comment").asText()).isEqualTo("边界与生态保护红线不一致，请核实后重新报送");
        assertThat(provinceReview.all()).as("each update filed once").hasSize(2);
        JsonNode listed = admin().getForObject("/api/v1/admin/filings", JsonNode.class);
        assertThat(listed.findValuesAsText("status")).containsExactly("RETURNED", "FILED");
    }

    @Test
    @Order(3)
    void aDefectiveUpdateAppliesNothingAndNamesEachDefect() {
        int versions = jdbc.queryForObject("select count(*) from unit_version", Integer.class);
        Map<String, Object> request = Map.of(
                "description",
                "错误的更新",
                "units",
                List.of(
                        Map.of(
                                "code",
                                "ZH22050120001",
                                "name",
                                "外市单元",
                                "category",
                                "KEY_CONTROL",
                                "basins",
                                List.of("LIAOHE"),
                                "geometry",
                                square(125.2, 42.8, 0.01),
                                "lists",
                                Map.of(
                                        "KJBJYS",
                                        "1.甲；2.乙",
                                        "PWWPFGK",
                                        "1.甲；2.乙",
                                        "HJFXFK",
                                        "1.甲；2.乙",
                                        "ZYKFXLYQ",
                                        "1.甲；2.乙")),
                        Map.of("code", LIST_CHANGED, "category", "PRIORITY_PROTECTION")));

        ResponseEntity<JsonNode> response =
                admin().postForEntity("/api/v1/admin/dynamic-updates", request, JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        List<String> records = response.getBody().get("rejected").findValuesAsText("record");
        assertThat(records).contains("ZH22050120001", LIST_CHANGED);
        assertThat(response.getBody().get("rejected").toString())
                .contains("220501 is not a county-level division")
                .contains("category digit 2");
        assertThat(jdbc.queryForObject("select count(*) from unit_version", Integer.class))
                .isEqualTo(versions);
        assertThat(jdbc.queryForObject("select count(*) from edition", Integer.class))
                .isEqualTo(3);
    }

    /** The geometry moved 0.001° towards its centroid: a real, valid change of the boundary. */
    private ObjectNode shrink(JsonNode geometry) {
        org.locationtech.jts.geom.Geometry g = org.zoninghub.spatial.GeoJsonGeometries.read(geometry);
        org.locationtech.jts.geom.Geometry smaller = g.buffer(-0.001);
        if (smaller instanceof org.locationtech.jts.geom.Polygon p) {
            smaller = g.getFactory().createMultiPolygon(new org.locationtech.jts.geom.Polygon[] {p});
        }
        return org.zoninghub.spatial.GeoJsonGeometries.write(smaller);
    }

    private ObjectNode square(double lon, double lat, double size) {
        ObjectNode g = json.createObjectNode();
        g.put("type", "Polygon");
        g.putArray("coordinates")
                .addArray()
                .add(json.createArrayNode().add(lon).add(lat))
                .add(json.createArrayNode().add(lon + size).add(lat))
                .add(json.createArrayNode().add(lon + size).add(lat + size))
                .add(json.createArrayNode().add(lon).add(lat + size))
                .add(json.createArrayNode().add(lon).add(lat));
        return g;
    }
}
