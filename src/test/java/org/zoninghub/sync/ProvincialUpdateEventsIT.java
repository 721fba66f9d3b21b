package org.zoninghub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.platform.simulator.ProvincialSimulator;
import org.zoninghub.publish.EventSchemas;
import org.zoninghub.spatial.GeoJsonGeometries;
import org.zoninghub.store.RuleVersions;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.zoning.Dimension;

/**
 * A provincial update of 2 units, 1 retirement, 1 new unit and 5 changed clauses produces exactly those events, with
 * the right changedFields, per-key sequences and edition (real PostgreSQL and Kafka, the built-in simulator).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            "zoning.publish.topics.unit-changes=it-update.units.changes",
            "zoning.publish.topics.rule-changes=it-update.rules.changes",
            "zoning.publish.topics.unit-state=it-update.units.state"
        })
@ActiveProfiles("test")
class ProvincialUpdateEventsIT {

    static final String EDITION = "2025.1";
    static final String GEOMETRY_CHANGED = "ZH22042210001";
    static final String RENAMED = "ZH22040220001";
    static final String RETIRED = "ZH22042120004";
    static final String LISTS_CHANGED = "ZH22042220004";
    static final String ADDED = "ZH22042220099";

    @Autowired
    SyncTrigger trigger;

    @Autowired
    SyncRuns runs;

    @Autowired
    ProvincialSimulator province;

    @Autowired
    RuleVersions rules;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    @Test
    void anUpdateProducesExactlyItsEvents() throws Exception {
        assertThat(sync(Mode.FULL).outcome()).isEqualTo(Outcome.SUCCEEDED);
        long before = jdbc.queryForObject("select coalesce(max(position), 0) from outbox", Long.class);
        Map<String, Long> lastSequence = new HashMap<>();
        jdbc.query("select aggregatetype, aggregateid, last_sequence from event_sequence", rs -> {
            lastSequence.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
        });
        int retiredUnitRules = rules.activeAsOf(List.of(RETIRED), java.time.OffsetDateTime.now())
                .size();

        // two updated units: one boundary, one name
        ObjectNode moved = feature(GEOMETRY_CHANGED);
        moved.set("geometry", shrink(moved.get("geometry")));
        ((ObjectNode) moved.get("properties")).put("BBH", EDITION);
        province.putUnit(moved);
        province.changeUnit(
                RENAMED,
                p -> p.put("HJGKDYMC", p.get("HJGKDYMC").asText() + "（扩区）").put("BBH", EDITION));
        // one retirement
        province.changeUnit(RETIRED, p -> p.put("ZT", "废止").put("BBH", EDITION));
        // one new unit, two clauses in each dimension
        ObjectNode added = feature(LISTS_CHANGED);
        ObjectNode ap = (ObjectNode) added.get("properties");
        added.put("id", ADDED);
        added.set("geometry", square(125.10, 42.70, 0.02));
        ap.put("HJGKDYBM", ADDED).put("HJGKDYMC", "东辽县新型工业园区重点管控单元").put("BBH", EDITION);
        for (Dimension d : Dimension.values()) {
            ap.put(d.fieldCode(), "1.新建项目须符合园区规划环评要求；2.严格执行" + d.chineseName() + "要求");
        }
        province.putUnit(added);
        // five changed clauses: three in one unit's list, one in the city list, one in a basin list
        List<String> changedRules = new ArrayList<>();
        province.changeUnit(LISTS_CHANGED, p -> {
            changedRules.add(revise(p, LISTS_CHANGED, Dimension.SPATIAL_LAYOUT, 1));
            changedRules.add(revise(p, LISTS_CHANGED, Dimension.SPATIAL_LAYOUT, 2));
            changedRules.add(revise(p, LISTS_CHANGED, Dimension.EMISSION_CONTROL, 1));
            p.put("BBH", EDITION);
        });
        province.changeList("220400", i -> {
            changedRules.add(revise(i, "220400", Dimension.RISK_PREVENTION, 1));
            i.put("BBH", EDITION);
        });
        province.changeList("LIAOHE", i -> {
            changedRules.add(revise(i, "LIAOHE", Dimension.RESOURCE_EFFICIENCY, 1));
            i.put("BBH", EDITION);
        });

        SyncRun run = sync(Mode.INCREMENTAL);

        assertThat(run.outcome()).as(run.error()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(run.counts().updated()).isEqualTo(2);
        assertThat(run.counts().retired()).isEqualTo(1);
        assertThat(run.counts().rules().updated()).isEqualTo(5);
        assertThat(run.counts().rules().created()).isEqualTo(8);
        assertThat(run.counts().rules().retired()).isEqualTo(retiredUnitRules);

        List<JsonNode> events = new ArrayList<>();
        for (String e : jdbc.queryForList(
                "select payload::text from outbox where position > ? order by position", String.class, before)) {
            events.add(json.readTree(e));
        }
        EventSchemas schemas = EventSchemas.fromClasspath();
        assertThat(events).allSatisfy(e -> assertThat(schemas.violations(e)).isEmpty());

        Map<String, JsonNode> unitEvents = events.stream()
                .filter(e -> e.get("type").asText().matches("zoning\\.unit\\.(created|updated|retired)"))
                .collect(Collectors.toMap(e -> e.get("subject").asText(), e -> e));
        assertThat(unitEvents).containsOnlyKeys(GEOMETRY_CHANGED, RENAMED, RETIRED, ADDED);
        assertUnitEvent(unitEvents.get(GEOMETRY_CHANGED), "zoning.unit.updated", 2, "[\"geometry\",\"areaM2\"]");
        assertUnitEvent(unitEvents.get(RENAMED), "zoning.unit.updated", 2, "[\"name\"]");
        assertUnitEvent(unitEvents.get(RETIRED), "zoning.unit.retired", 2, "[\"status\"]");
        assertUnitEvent(unitEvents.get(ADDED), "zoning.unit.created", 1, "[]");

        List<JsonNode> ruleEvents = events.stream()
                .filter(e -> e.get("type").asText().startsWith("zoning.rule."))
                .toList();
        assertThat(ruleEvents.stream()
                        .filter(e -> e.get("type").asText().equals("zoning.rule.updated"))
                        .map(e -> e.at("/data/rule/id").asText()))
                .containsExactlyInAnyOrderElementsOf(changedRules);
        assertThat(ruleEvents.stream()
                        .filter(e -> e.get("type").asText().equals("zoning.rule.created"))
                        .map(e -> e.at("/data/rule/scopeCode").asText()))
                .hasSize(8)
                .containsOnly(ADDED);
        assertThat(ruleEvents.stream()
                        .filter(e -> e.get("type").asText().equals("zoning.rule.retired"))
                        .map(e -> e.at("/data/rule/scopeCode").asText()))
                .hasSize(retiredUnitRules)
                .containsOnly(RETIRED);
        assertThat(ruleEvents)
                .allSatisfy(e -> assertThat(e.get("edition").asText()).isEqualTo(EDITION));
        ruleEvents.stream()
                .filter(e -> e.get("type").asText().equals("zoning.rule.updated"))
                .forEach(e -> assertThat(e.at("/data/rule/text").asText())
                        .isEqualTo(e.at("/data/previous/text").asText() + "（修订）"));

        // per key, the new events continue the sequence without gaps, for every stream
        Map<String, List<Long>> sequences = new HashMap<>();
        for (var row : jdbc.queryForList(
                "select aggregatetype, aggregateid, sequence from outbox where position > ? order by position",
                before)) {
            sequences
                    .computeIfAbsent(row.get("aggregatetype") + "/" + row.get("aggregateid"), k -> new ArrayList<>())
                    .add(((Number) row.get("sequence")).longValue());
        }
        sequences.forEach((key, seqs) -> {
            long first = lastSequence.getOrDefault(key, 0L) + 1;
            List<Long> expected = new ArrayList<>();
            for (int i = 0; i < seqs.size(); i++) {
                expected.add(first + i);
            }
            assertThat(seqs).as(key).isEqualTo(expected);
        });
        assertThat(sequences.keySet())
                .as("the state of every unit the update touched, through its own list or the city/basin lists")
                .contains("unit-state/" + GEOMETRY_CHANGED, "unit-state/" + ADDED, "unit-state/" + LISTS_CHANGED);
    }

    private void assertUnitEvent(JsonNode e, String type, long sequence, String changedFields) {
        assertThat(e.get("type").asText()).isEqualTo(type);
        assertThat(e.get("sequence").asLong()).isEqualTo(sequence);
        assertThat(e.get("edition").asText()).isEqualTo(EDITION);
        assertThat(e.at("/data/unit/edition").asText()).isEqualTo(EDITION);
        assertThat(e.at("/data/changedFields").toString()).isEqualTo(changedFields);
    }

    /** Appends （修订） to clause {@code seq} of a dimension's text in a provincial record; returns the rule id. */
    private String revise(ObjectNode record, String scope, Dimension d, int seq) {
        StoredRule rule = rules.search(scope, d, java.time.OffsetDateTime.now()).stream()
                .filter(r -> r.seq() == seq)
                .findFirst()
                .orElseThrow();
        String text = record.get(d.fieldCode()).asText();
        int at = text.indexOf(rule.text());
        assertThat(at).as("clause %s in the source text", rule.ruleId()).isNotNegative();
        int end = at + rule.text().length();
        record.put(d.fieldCode(), text.substring(0, end) + "（修订）" + text.substring(end));
        return rule.ruleId();
    }

    private ObjectNode feature(String code) {
        return province.units().stream()
                .filter(f -> f.at("/properties/HJGKDYBM").asText().equals(code))
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode shrink(JsonNode geometry) {
        Geometry g = GeoJsonGeometries.read(geometry).buffer(-0.001);
        if (g instanceof Polygon p) {
            g = g.getFactory().createMultiPolygon(new Polygon[] {p});
        }
        return GeoJsonGeometries.write(g);
    }

    private ObjectNode square(double lon, double lat, double size) {
        ObjectNode g = json.createObjectNode();
        g.put("type", "MultiPolygon");
        g.putArray("coordinates")
                .addArray()
                .addArray()
                .add(json.createArrayNode().add(lon).add(lat))
                .add(json.createArrayNode().add(lon + size).add(lat))
                .add(json.createArrayNode().add(lon + size).add(lat + size))
                .add(json.createArrayNode().add(lon).add(lat + size))
                .add(json.createArrayNode().add(lon).add(lat));
        return g;
    }

    private SyncRun sync(Mode mode) {
        SyncRun started = trigger.trigger(Trigger.ADMIN, mode);
        return await().atMost(Duration.ofSeconds(90))
                .until(() -> runs.find(started.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
    }
}
