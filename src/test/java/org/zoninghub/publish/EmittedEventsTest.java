package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.zoninghub.spatial.GaussKruger;
import org.zoninghub.spatial.Geographic;
import org.zoninghub.store.Announcements;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.UnitVersions.Head;
import org.zoninghub.store.ZoningJson;
import org.zoninghub.sync.ChangePlan;
import org.zoninghub.sync.ChangePlanner;
import org.zoninghub.sync.Delivery;
import org.zoninghub.sync.Delivery.IncomingList;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.ChangeKind;
import org.zoninghub.zoning.ControlUnit;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.RuleLevel;
import org.zoninghub.zoning.UnitStatus;

/**
 * The contract test of docs/events.md: the events the hub emits validate against their schemas. The changes come from
 * the real planner over a unit's whole life (created, updated, retired, created again) with city and basin lists, and
 * the events are built by the same code {@link Announcements} runs, only without the outbox.
 */
class EmittedEventsTest {

    static final EventSchemas SCHEMAS = EventSchemas.fromClasspath();
    static final String SOURCE = "/zoning-hub/220400";
    static final String CITY = "220400";
    static final String LONGSHAN = "ZH22040210001";
    static final String DONGFENG = "ZH22042120003";
    /** Two parts, the first with a hole (a reservoir left out of the unit). */
    static final String WITH_HOLE =
            "MULTIPOLYGON (((125.10 42.88, 125.17 42.88, 125.17 42.93, 125.10 42.93, 125.10 42.88),"
                    + " (125.12 42.90, 125.12 42.915, 125.14 42.915, 125.14 42.90, 125.12 42.90)),"
                    + " ((125.18 42.89, 125.19 42.89, 125.19 42.905, 125.18 42.89)))";

    static final String WITH_HOLE_MOVED = WITH_HOLE.replace("125.17 42.93", "125.171 42.931");
    static final String SQUARE = "POLYGON ((125.40 42.60, 125.45 42.60, 125.45 42.65, 125.40 42.65, 125.40 42.60))";

    final ZoningJson json = new ZoningJson(new ObjectMapper());
    final ChangePlanner planner = new ChangePlanner(true);
    final Map<String, StoredUnit> units = new HashMap<>();
    final Map<String, StoredRule> rules = new HashMap<>();
    final Map<String, Long> sequences = new HashMap<>();
    final List<ObjectNode> emitted = new ArrayList<>();

    @Test
    void everyEventOfAUnitsLifeValidates() {
        // the plan of 2025, published at midnight: whole-second times, which RFC 3339 still writes with seconds
        apply(
                new Delivery(
                        List.of(
                                unit(LONGSHAN, "龙山区辽河源头水源涵养优先保护单元", WITH_HOLE, "1.禁止新建排污口；2.禁止采砂", "2025"),
                                unit(DONGFENG, "东丰县一般管控单元", SQUARE, "1.执行区域总体准入要求", "2025")),
                        List.of(
                                list(RuleLevel.CITY, CITY, "辽源市", "1.严格落实生态保护红线管控要求；2.严控高耗能项目"),
                                list(RuleLevel.BASIN, "LIAOHE", "辽河流域", "（1）干流沿岸新建工业项目执行特别排放限值")),
                        List.of(),
                        true),
                OffsetDateTime.parse("2025-01-26T00:00:00+08:00"));
        // a dynamic update: the unit's boundary moves and one clause is reworded, one dropped
        apply(
                new Delivery(
                        List.of(
                                unit(LONGSHAN, "龙山区辽河源头水源涵养优先保护单元", WITH_HOLE_MOVED, "1.禁止新建入河排污口", "2025.1"),
                                unit(DONGFENG, "东丰县一般管控单元", SQUARE, "1.执行区域总体准入要求", "2025.1")),
                        List.of(),
                        List.of(),
                        false),
                OffsetDateTime.parse("2025-05-12T09:30:15.250+08:00"));
        // a full delivery without the second unit retires it and its clauses
        apply(
                new Delivery(
                        List.of(unit(LONGSHAN, "龙山区辽河源头水源涵养优先保护单元", WITH_HOLE_MOVED, "1.禁止新建入河排污口", "2025.2")),
                        List.of(),
                        List.of(),
                        true),
                OffsetDateTime.parse("2025-06-30T00:00:00Z"));
        // and the next one brings it back, renamed
        apply(
                new Delivery(
                        List.of(
                                unit(LONGSHAN, "龙山区辽河源头水源涵养优先保护单元", WITH_HOLE_MOVED, "1.禁止新建入河排污口", "2025.3"),
                                unit(DONGFENG, "东丰县城镇一般管控单元", SQUARE, "1.执行区域总体准入要求", "2025.3")),
                        List.of(),
                        List.of(),
                        true),
                OffsetDateTime.parse("2025-09-01T08:00:00.000001+08:00"));

        assertThat(emitted)
                .extracting(e -> e.get("type").asText())
                .contains(
                        "zoning.unit.created",
                        "zoning.unit.updated",
                        "zoning.unit.retired",
                        "zoning.rule.created",
                        "zoning.rule.updated",
                        "zoning.rule.retired",
                        "zoning.unit.state");
        assertThat(emitted).as("a unit created again after its retirement").anySatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("zoning.unit.created");
            assertThat(e.at("/data/previous/status").asText()).isEqualTo("RETIRED");
        });
        assertThat(emitted)
                .allSatisfy(e -> assertThat(SCHEMAS.violations(e))
                        .as(e.get("type").asText() + " " + e.get("subject").asText())
                        .isEmpty());
    }

    @Test
    void theGeometryKeepsItsHole() throws JsonProcessingException {
        Geometry geometry = geometry(WITH_HOLE);
        assertThat(geometry).isInstanceOf(MultiPolygon.class);
        StoredUnit unit = stored(LONGSHAN, geometry);

        ObjectNode built = Announcements.event(
                json.mapper(),
                UUID.randomUUID(),
                SOURCE,
                Announcements.unitType(ChangeKind.CREATED),
                unit.code(),
                OffsetDateTime.parse("2025-01-26T00:00:00+08:00"),
                1,
                unit.edition(),
                Announcements.unitChangedData(json, unit, null, List.of()));
        JsonNode event = json.mapper().readTree(built.toString());

        assertThat(event.at("/data/unit/geometry/coordinates/0")).hasSize(2);
        assertThat(SCHEMAS.violations(event)).isEmpty();
    }

    private void apply(Delivery delivery, OffsetDateTime now) {
        ChangePlan plan = planner.plan(delivery, current(), now, Set.of());
        Set<String> touched = new LinkedHashSet<>();
        for (ChangePlan.UnitChange c : plan.units()) {
            units.put(c.next().code(), c.next());
            emit(
                    Announcements.UNIT_STREAM,
                    c.next().code(),
                    Announcements.unitType(c.kind()),
                    c.next().edition(),
                    now,
                    Announcements.unitChangedData(json, c.next(), c.previous(), c.changedFields()));
            touched.add(c.next().code());
        }
        for (ChangePlan.RuleChange c : plan.rules()) {
            rules.put(c.next().ruleId(), c.next());
            emit(
                    Announcements.RULE_STREAM,
                    c.next().scopeCode(),
                    Announcements.ruleType(c.kind()),
                    c.next().edition(),
                    now,
                    Announcements.ruleChangedData(json, c.next(), c.previous()));
            if (c.next().level() == RuleLevel.UNIT) {
                touched.add(c.next().scopeCode());
            } else {
                touched.addAll(units.keySet());
            }
        }
        for (String code : touched) {
            StoredUnit unit = units.get(code);
            List<StoredRule> binding = rules.values().stream()
                    .filter(r -> r.status() == UnitStatus.ACTIVE)
                    .filter(r -> r.scopeCode().equals(CITY)
                            || r.scopeCode().equals(code)
                            || unit.basins().stream().anyMatch(b -> b.name().equals(r.scopeCode())))
                    .toList();
            emit(
                    Announcements.STATE_STREAM,
                    code,
                    Announcements.STATE_TYPE,
                    unit.edition(),
                    now,
                    Announcements.unitStateData(json, unit, binding));
        }
    }

    private void emit(String stream, String key, String type, String edition, OffsetDateTime time, ObjectNode data) {
        long sequence = sequences.merge(stream + "/" + key, 1L, Long::sum);
        ObjectNode event =
                Announcements.event(json.mapper(), UUID.randomUUID(), SOURCE, type, key, time, sequence, edition, data);
        try {
            // as the outbox holds it: the document's text (a unit's geometry is kept in it as raw GeoJSON text)
            emitted.add((ObjectNode) json.mapper().readTree(event.toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ChangePlanner.Current current() {
        Map<String, Head> heads = new HashMap<>();
        units.values()
                .forEach(u -> heads.put(
                        u.code(), new Head(u.code(), u.version(), u.contentHash(), u.status(), u.validFrom())));
        return new ChangePlanner.Current(
                heads,
                codes -> codes.stream().map(units::get).filter(Objects::nonNull).toList(),
                new HashMap<>(rules));
    }

    private static ControlUnit unit(String code, String name, String wkt, String spatialLayout, String edition) {
        EnumMap<Dimension, String> texts = new EnumMap<>(Dimension.class);
        texts.put(Dimension.SPATIAL_LAYOUT, spatialLayout);
        texts.put(Dimension.RESOURCE_EFFICIENCY, "1.严格控制地下水开采");
        Category category = Category.ofDigit(code.charAt(8) - '0');
        return new ControlUnit(
                code,
                name,
                category,
                code.substring(2, 8),
                Set.of(Basin.LIAOHE),
                geometry(wkt),
                UnitStatus.ACTIVE,
                texts,
                edition,
                null);
    }

    private static IncomingList list(RuleLevel level, String scope, String name, String emission) {
        EnumMap<Dimension, String> texts = new EnumMap<>(Dimension.class);
        texts.put(Dimension.EMISSION_CONTROL, emission);
        texts.put(Dimension.RISK_PREVENTION, "1.强化尾矿库环境风险隐患排查治理");
        return new IncomingList(level, scope, name, texts, UnitStatus.ACTIVE, "2025", null);
    }

    private static StoredUnit stored(String code, Geometry geometry) {
        OffsetDateTime from = OffsetDateTime.parse("2025-01-26T00:00:00+08:00");
        return new StoredUnit(
                code,
                1,
                "2025",
                "龙山区辽河源头水源涵养优先保护单元",
                Category.PRIORITY_PROTECTION,
                "220402",
                List.of(Basin.LIAOHE),
                UnitStatus.ACTIVE,
                geometry,
                GaussKruger.areaM2(geometry),
                "hash",
                from,
                null,
                from);
    }

    private static Geometry geometry(String wkt) {
        try {
            return new WKTReader(Geographic.FACTORY).read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
