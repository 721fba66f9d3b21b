package org.zoninghub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.zoninghub.spatial.Geographic;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.UnitVersions.Head;
import org.zoninghub.sync.ChangePlan.RuleChange;
import org.zoninghub.sync.ChangePlan.UnitChange;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.ChangeKind;
import org.zoninghub.zoning.ControlUnit;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.UnitStatus;

/** Diffing a delivery against the store: what is a change, which fields changed, what is retired. */
class ChangePlannerTest {

    static final OffsetDateTime EDITION_2025 = OffsetDateTime.parse("2025-01-26T00:00:00+08:00");
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-28T12:00:00Z");
    static final String CODE = "ZH22040210001";
    static final String OTHER = "ZH22040220001";
    static final String SQUARES = "MULTIPOLYGON (((125.1 42.9, 125.2 42.9, 125.2 43.0, 125.1 43.0, 125.1 42.9)),"
            + " ((125.3 42.9, 125.4 42.9, 125.4 43.0, 125.3 43.0, 125.3 42.9)))";
    /** The same two squares, parts swapped, rings starting at another vertex and running the other way. */
    static final String SQUARES_REWRITTEN =
            "MULTIPOLYGON (((125.4 43.0, 125.4 42.9, 125.3 42.9, 125.3 43.0, 125.4 43.0)),"
                    + " ((125.2 42.9, 125.1 42.9, 125.1 43.0, 125.2 43.0, 125.2 42.9)))";

    final ChangePlanner planner = new ChangePlanner(true);
    final Map<String, StoredUnit> store = new HashMap<>();
    final Map<String, StoredRule> rules = new HashMap<>();
    final List<Set<String>> scopesRead = new ArrayList<>();

    @Test
    void aNewUnitIsCreatedWithItsRules() {
        ChangePlan plan = plan(delivery(true, unit(CODE, "龙山区优先保护单元", SQUARES, "1.禁止A；2.禁止B")));

        assertThat(plan.units()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.CREATED);
            assertThat(c.next().version()).isEqualTo(1);
            assertThat(c.next().validFrom()).isEqualTo(EDITION_2025);
            assertThat(c.next().areaM2()).isPositive();
            assertThat(c.previous()).isNull();
        });
        assertThat(plan.rules())
                .extracting(r -> r.next().ruleId())
                .contains(CODE + "-KJBJYS-1", CODE + "-KJBJYS-2", CODE + "-PWWPFGK-1");
        assertThat(plan.rules()).allSatisfy(r -> assertThat(r.kind()).isEqualTo(ChangeKind.CREATED));
    }

    @Test
    void reSerialisedGeometryIsNoChange() {
        commit(plan(delivery(true, unit(CODE, "龙山区优先保护单元", SQUARES, "1.禁止A；2.禁止B"))));

        ChangePlan plan = plan(delivery(true, unit(CODE, "龙山区优先保护单元", SQUARES_REWRITTEN, "1.禁止A；2.禁止B")));

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.unitsUnchanged()).isEqualTo(1);
    }

    @Test
    void changedFieldsNameWhatChanged() {
        commit(plan(delivery(true, unit(CODE, "龙山区优先保护单元", SQUARES, "1.禁止A；2.禁止B"))));

        UnitChange renamed = plan(delivery(true, unit(CODE, "龙山区生态保护红线优先保护单元", SQUARES, "1.禁止A；2.禁止B")))
                .units()
                .get(0);
        assertThat(renamed.kind()).isEqualTo(ChangeKind.UPDATED);
        assertThat(renamed.changedFields()).containsExactly("name");
        assertThat(renamed.next().version()).isEqualTo(2);
        assertThat(renamed.previous().name()).isEqualTo("龙山区优先保护单元");

        UnitChange moved = plan(delivery(
                        true, unit(CODE, "龙山区优先保护单元", SQUARES.replace("125.2 43.0", "125.2 43.01"), "1.禁止A；2.禁止B")))
                .units()
                .get(0);
        assertThat(moved.changedFields()).containsExactly("geometry", "areaM2");
    }

    @Test
    void clausesAreCreatedUpdatedAndRetiredOneByOne() {
        commit(plan(delivery(true, unit(CODE, "单元", SQUARES, "1.禁止A；2.禁止B；3.禁止C"))));

        ChangePlan plan = plan(delivery(true, unit(CODE, "单元", SQUARES, "1.禁止A；2.限制B")));

        assertThat(plan.units()).isEmpty();
        assertThat(plan.rules())
                .extracting(r -> r.kind() + " " + r.next().ruleId())
                .containsExactlyInAnyOrder("UPDATED " + CODE + "-KJBJYS-2", "RETIRED " + CODE + "-KJBJYS-3");
        RuleChange updated = plan.rules().stream()
                .filter(r -> r.kind() == ChangeKind.UPDATED)
                .findFirst()
                .orElseThrow();
        assertThat(updated.previous().text()).isEqualTo("禁止B");
        assertThat(updated.next().text()).isEqualTo("限制B");
        assertThat(updated.next().version()).isEqualTo(2);
    }

    @Test
    void aFullDeliveryRetiresTheUnitsItNoLongerListsButNotTheRejectedOnes() {
        commit(plan(delivery(true, unit(CODE, "甲", SQUARES, "1.禁止A；2.禁止B"), unit(OTHER, "乙", SQUARES, "1.限制A；2.限制B"))));

        ChangePlan withoutOther =
                planner.plan(delivery(true, unit(CODE, "甲", SQUARES, "1.禁止A；2.禁止B")), current(), NOW, Set.of());
        assertThat(withoutOther.units()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.RETIRED);
            assertThat(c.next().code()).isEqualTo(OTHER);
            assertThat(c.next().status()).isEqualTo(UnitStatus.RETIRED);
            assertThat(c.changedFields()).containsExactly("status");
        });
        assertThat(withoutOther.rules()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(ChangeKind.RETIRED);
            assertThat(r.next().scopeCode()).isEqualTo(OTHER);
        });

        ChangePlan otherRejected =
                planner.plan(delivery(true, unit(CODE, "甲", SQUARES, "1.禁止A；2.禁止B")), current(), NOW, Set.of(OTHER));
        assertThat(otherRejected.isEmpty()).isTrue();

        ChangePlan incremental =
                planner.plan(delivery(false, unit(CODE, "甲", SQUARES, "1.禁止A；2.禁止B")), current(), NOW, Set.of());
        assertThat(incremental.isEmpty()).isTrue();
    }

    @Test
    void aRetiredStatusRetiresTheUnitAndItsList() {
        commit(plan(delivery(true, unit(CODE, "甲", SQUARES, "1.禁止A；2.禁止B"))));
        ControlUnit retired = new ControlUnit(
                CODE,
                "甲",
                Category.PRIORITY_PROTECTION,
                "220402",
                Set.of(Basin.LIAOHE),
                null,
                UnitStatus.RETIRED,
                new EnumMap<>(Dimension.class),
                "2025.1",
                EDITION_2025.plusMonths(6));

        ChangePlan plan = plan(delivery(false, retired));

        assertThat(plan.units()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.RETIRED);
            assertThat(c.next().edition()).isEqualTo("2025.1");
            assertThat(c.next().validFrom()).isEqualTo(EDITION_2025.plusMonths(6));
            assertThat(c.next().geometry())
                    .as("the last geometry is kept for history")
                    .isNotNull();
        });
        assertThat(plan.rules()).hasSize(5).allSatisfy(r -> assertThat(r.kind()).isEqualTo(ChangeKind.RETIRED));
    }

    @Test
    void aRetiredUnitDeliveredAgainUnchangedIsCreatedAgain() {
        ControlUnit unit = unit(CODE, "甲", SQUARES, "1.禁止A；2.禁止B");
        commit(plan(delivery(true, unit)));
        commit(plan(delivery(true)));
        assertThat(store.get(CODE).status()).isEqualTo(UnitStatus.RETIRED);

        ChangePlan plan = plan(delivery(true, unit));

        assertThat(plan.units()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.CREATED);
            assertThat(c.next().version()).isEqualTo(3);
            assertThat(c.next().status()).isEqualTo(UnitStatus.ACTIVE);
            assertThat(c.changedFields()).containsExactly("status");
        });
        assertThat(plan.rules())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.kind()).isEqualTo(ChangeKind.CREATED));
    }

    @Test
    void onlyTheRulesOfTheDeliveredScopesAreRead() {
        commit(plan(delivery(
                true,
                unit(CODE, "龙山区优先保护单元", SQUARES, "1.禁止A；2.禁止B"),
                unit(OTHER, "龙山区重点管控单元", SQUARES_REWRITTEN, "1.限制C"))));
        scopesRead.clear();

        ChangePlan plan = plan(delivery(false, unit(OTHER, "龙山区重点管控单元", SQUARES_REWRITTEN, "1.限制C；2.禁止D")));

        assertThat(scopesRead).containsExactly(Set.of(OTHER));
        assertThat(plan.rules()).extracting(r -> r.next().ruleId()).containsExactly(OTHER + "-KJBJYS-2");
    }

    private ChangePlan plan(Delivery delivery) {
        return planner.plan(delivery, current(), NOW, Set.of());
    }

    private ChangePlanner.Current current() {
        Map<String, Head> heads = new HashMap<>();
        store.values()
                .forEach(u -> heads.put(
                        u.code(), new Head(u.code(), u.version(), u.contentHash(), u.status(), u.validFrom())));
        // the rules of the scopes asked for, as the store reads them: a plan that looked up another scope's rule
        // would not find it
        return new ChangePlanner.Current(heads, this::latest, scopes -> {
            scopesRead.add(Set.copyOf(scopes));
            Map<String, StoredRule> of = new HashMap<>();
            rules.values().stream().filter(r -> scopes.contains(r.scopeCode())).forEach(r -> of.put(r.ruleId(), r));
            return of;
        });
    }

    private List<StoredUnit> latest(Collection<String> codes) {
        return codes.stream().map(store::get).filter(java.util.Objects::nonNull).toList();
    }

    private void commit(ChangePlan plan) {
        plan.units().forEach(c -> store.put(c.next().code(), c.next()));
        plan.rules().forEach(c -> rules.put(c.next().ruleId(), c.next()));
    }

    private static Delivery delivery(boolean full, ControlUnit... units) {
        return new Delivery(List.of(units), List.of(), new ArrayList<>(), full);
    }

    private static ControlUnit unit(String code, String name, String wkt, String spatialLayout) {
        EnumMap<Dimension, String> texts = new EnumMap<>(Dimension.class);
        texts.put(Dimension.SPATIAL_LAYOUT, spatialLayout);
        texts.put(Dimension.EMISSION_CONTROL, "执行基本要求");
        texts.put(Dimension.RISK_PREVENTION, "执行基本要求");
        texts.put(Dimension.RESOURCE_EFFICIENCY, "执行基本要求");
        return new ControlUnit(
                code,
                name,
                code.charAt(8) == '1' ? Category.PRIORITY_PROTECTION : Category.KEY_CONTROL,
                "220402",
                Set.of(Basin.LIAOHE),
                geometry(wkt),
                UnitStatus.ACTIVE,
                texts,
                "2025",
                EDITION_2025);
    }

    private static Geometry geometry(String wkt) {
        try {
            return new WKTReader(Geographic.FACTORY).read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
