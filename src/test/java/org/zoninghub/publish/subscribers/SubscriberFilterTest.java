package org.zoninghub.publish.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zoninghub.zoning.Basin.LIAOHE;
import static org.zoninghub.zoning.Basin.SONGHUA;
import static org.zoninghub.zoning.Category.GENERAL_CONTROL;
import static org.zoninghub.zoning.Category.KEY_CONTROL;
import static org.zoninghub.zoning.Category.PRIORITY_PROTECTION;
import static org.zoninghub.zoning.Dimension.EMISSION_CONTROL;
import static org.zoninghub.zoning.Dimension.SPATIAL_LAYOUT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zoninghub.publish.subscribers.SubscriberFilter.Candidate;
import org.zoninghub.publish.subscribers.SubscriberFilter.RuleFacts;
import org.zoninghub.publish.subscribers.SubscriberFilter.UnitFacts;
import org.zoninghub.publish.subscribers.SubscriberFilter.UnitLookup;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.RuleLevel;

/** Which events a filter selects, case by case; the README's "Subscribers" section states the same rules. */
class SubscriberFilterTest {

    // Dongfeng (220421) key-control units in each basin, a Longshan (220402) one in LIAOHE, a retired one
    static final UnitFacts DF_KEY_SONGHUA = unit("ZH22042120001", KEY_CONTROL, "220421", true, SONGHUA);
    static final UnitFacts DF_KEY_LIAOHE = unit("ZH22042120002", KEY_CONTROL, "220421", true, LIAOHE);
    static final UnitFacts DF_PRIORITY = unit("ZH22042110001", PRIORITY_PROTECTION, "220421", true, SONGHUA);
    static final UnitFacts LS_KEY = unit("ZH22040220001", KEY_CONTROL, "220402", true, LIAOHE);
    static final UnitFacts LS_GENERAL = unit("ZH22040230001", GENERAL_CONTROL, "220402", true, LIAOHE);
    static final UnitFacts DF_KEY_RETIRED = unit("ZH22042120009", KEY_CONTROL, "220421", false, SONGHUA);

    static final UnitLookup STORE =
            lookup(DF_KEY_SONGHUA, DF_KEY_LIAOHE, DF_PRIORITY, LS_KEY, LS_GENERAL, DF_KEY_RETIRED);
    /** A store whose only Dongfeng key-control unit lies in SONGHUA. */
    static final UnitLookup SONGHUA_ONLY = lookup(DF_KEY_SONGHUA, DF_PRIORITY, LS_KEY, LS_GENERAL);

    /** The acceptance filter: key-control units of Dongfeng, emission-control rules, every event type. */
    static final SubscriberFilter EIA =
            filter(List.of(KEY_CONTROL), List.of("220421"), List.of(), List.of(EMISSION_CONTROL), List.of());

    static Stream<Arguments> cases() {
        SubscriberFilter onlyUnitChanges = filter(
                List.of(), List.of(), List.of(), List.of(), List.of("zoning.unit.created", "zoning.unit.updated"));
        SubscriberFilter unitPrefix = filter(List.of(), List.of(), List.of(), List.of(), List.of("zoning.unit.*"));
        SubscriberFilter songhua = filter(List.of(), List.of(), List.of("SONGHUA"), List.of(), List.of());
        SubscriberFilter emissionOnly = filter(List.of(), List.of(), List.of(), List.of(EMISSION_CONTROL), List.of());
        return Stream.of(
                // event types
                row(
                        "no restriction takes everything",
                        SubscriberFilter.EVERYTHING,
                        rule("zoning.rule.created", RuleLevel.CITY, "220400", SPATIAL_LAYOUT),
                        STORE,
                        true),
                row("an exact type", onlyUnitChanges, unitEvent("zoning.unit.created", LS_GENERAL), STORE, true),
                row("a type not listed", onlyUnitChanges, unitEvent("zoning.unit.retired", LS_GENERAL), STORE, false),
                row("a prefix", unitPrefix, unitEvent("zoning.unit.retired", LS_GENERAL), STORE, true),
                row("zoning.unit.* takes states", unitPrefix, unitEvent("zoning.unit.state", LS_GENERAL), STORE, true),
                row(
                        "zoning.unit.* leaves rules",
                        unitPrefix,
                        rule("zoning.rule.created", RuleLevel.CITY, "220400", SPATIAL_LAYOUT),
                        STORE,
                        false),
                // unit events by category, division, basin
                row("a selected unit", EIA, unitEvent("zoning.unit.created", DF_KEY_SONGHUA), STORE, true),
                row("another category", EIA, unitEvent("zoning.unit.created", DF_PRIORITY), STORE, false),
                row("another division", EIA, unitEvent("zoning.unit.created", LS_KEY), STORE, false),
                row("its state", EIA, unitEvent("zoning.unit.state", DF_KEY_LIAOHE), STORE, true),
                row(
                        "a unit leaving the selection (previous matches)",
                        EIA,
                        unitEvent("zoning.unit.updated", DF_PRIORITY, DF_KEY_SONGHUA),
                        STORE,
                        true),
                row(
                        "a unit entering the selection",
                        EIA,
                        unitEvent("zoning.unit.updated", DF_KEY_SONGHUA, DF_PRIORITY),
                        STORE,
                        true),
                row("a basin listed", songhua, unitEvent("zoning.unit.created", DF_PRIORITY), STORE, true),
                row("a basin not listed", songhua, unitEvent("zoning.unit.created", LS_KEY), STORE, false),
                row(
                        "a unit in both basins",
                        songhua,
                        unitEvent(
                                "zoning.unit.created",
                                unit("ZH22042120005", KEY_CONTROL, "220421", true, LIAOHE, SONGHUA)),
                        STORE,
                        true),
                row(
                        "dimensions do not filter unit events",
                        EIA,
                        unitEvent("zoning.unit.updated", DF_KEY_LIAOHE),
                        STORE,
                        true),
                // rule events: dimension first
                row(
                        "a dimension not listed",
                        EIA,
                        rule("zoning.rule.created", RuleLevel.UNIT, DF_KEY_SONGHUA.code(), SPATIAL_LAYOUT),
                        STORE,
                        false),
                row(
                        "dimensions alone: any unit's rule",
                        emissionOnly,
                        rule("zoning.rule.updated", RuleLevel.UNIT, LS_GENERAL.code(), EMISSION_CONTROL),
                        STORE,
                        true),
                row(
                        "dimensions alone: a rule of an unknown unit",
                        emissionOnly,
                        rule("zoning.rule.updated", RuleLevel.UNIT, "ZH22042230099", EMISSION_CONTROL),
                        lookup(),
                        true),
                // UNIT rules follow their unit
                row(
                        "a selected unit's rule",
                        EIA,
                        rule("zoning.rule.created", RuleLevel.UNIT, DF_KEY_SONGHUA.code(), EMISSION_CONTROL),
                        STORE,
                        true),
                row(
                        "another unit's rule",
                        EIA,
                        rule("zoning.rule.created", RuleLevel.UNIT, LS_KEY.code(), EMISSION_CONTROL),
                        STORE,
                        false),
                row(
                        "a retired selected unit's rule",
                        EIA,
                        rule("zoning.rule.retired", RuleLevel.UNIT, DF_KEY_RETIRED.code(), EMISSION_CONTROL),
                        STORE,
                        true),
                row(
                        "a rule of a unit the store does not know",
                        EIA,
                        rule("zoning.rule.created", RuleLevel.UNIT, "ZH22042120099", EMISSION_CONTROL),
                        STORE,
                        false),
                // BASIN rules: when a selected unit in force lies in the basin
                row(
                        "a basin with a selected unit",
                        EIA,
                        rule("zoning.rule.created", RuleLevel.BASIN, "LIAOHE", EMISSION_CONTROL),
                        STORE,
                        true),
                row(
                        "a basin whose selected unit is elsewhere",
                        EIA,
                        rule("zoning.rule.created", RuleLevel.BASIN, "LIAOHE", EMISSION_CONTROL),
                        SONGHUA_ONLY,
                        false),
                row(
                        "a basin whose only selected unit is retired",
                        EIA,
                        rule("zoning.rule.created", RuleLevel.BASIN, "SONGHUA", EMISSION_CONTROL),
                        lookup(DF_KEY_RETIRED, LS_KEY),
                        false),
                row(
                        "a basin filter and a basin rule of it",
                        songhua,
                        rule("zoning.rule.updated", RuleLevel.BASIN, "SONGHUA", SPATIAL_LAYOUT),
                        STORE,
                        true),
                row(
                        "a basin filter and another basin's rule",
                        songhua,
                        rule("zoning.rule.updated", RuleLevel.BASIN, "LIAOHE", SPATIAL_LAYOUT),
                        SONGHUA_ONLY,
                        false),
                // CITY rules: whenever a selected unit is in force
                row(
                        "a city rule binds every unit",
                        EIA,
                        rule("zoning.rule.created", RuleLevel.CITY, "220400", EMISSION_CONTROL),
                        STORE,
                        true),
                row(
                        "a city rule, no selected unit in force",
                        EIA,
                        rule("zoning.rule.created", RuleLevel.CITY, "220400", EMISSION_CONTROL),
                        lookup(DF_KEY_RETIRED, LS_KEY),
                        false),
                row(
                        "a city rule of another dimension",
                        EIA,
                        rule("zoning.rule.created", RuleLevel.CITY, "220400", SPATIAL_LAYOUT),
                        STORE,
                        false));
    }

    /** In a provincial hub a city-level list binds the units of its prefecture only, and a filter knows it. */
    @org.junit.jupiter.api.Test
    void inAProvincialHubACityRuleIsSelectedOnlyForUnitsOfItsPrefecture() {
        Jurisdiction jilin = new Jurisdiction(
                "220000",
                "吉林省",
                Map.of("220102", "南关区", "220402", "龙山区"),
                java.util.Set.of(),
                new org.locationtech.jts.geom.Envelope(121.6, 131.3, 40.8, 46.3));
        UnitFacts changchun = unit("ZH22010220001", KEY_CONTROL, "220102", true, LIAOHE);
        UnitLookup province = lookup(jilin, changchun, LS_KEY, LS_GENERAL);
        SubscriberFilter changchunOnly = filter(List.of(), List.of("220102"), List.of(), List.of(), List.of());

        assertThat(changchunOnly.selects(
                        rule("zoning.rule.created", RuleLevel.CITY, "220100", SPATIAL_LAYOUT), province))
                .as("Changchun's city-level list")
                .isTrue();
        assertThat(changchunOnly.selects(
                        rule("zoning.rule.created", RuleLevel.CITY, "220400", SPATIAL_LAYOUT), province))
                .as("Liaoyuan's city-level list binds no unit of Changchun")
                .isFalse();
        assertThat(filter(List.of(), List.of("220402"), List.of(), List.of(), List.of())
                        .selects(rule("zoning.rule.created", RuleLevel.CITY, "220400", SPATIAL_LAYOUT), province))
                .as("Liaoyuan's city-level list for a Longshan filter")
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void selects(String name, SubscriberFilter filter, Candidate event, UnitLookup units, boolean selected) {
        assertThat(filter.selects(event, units)).isEqualTo(selected);
    }

    static Arguments row(String name, SubscriberFilter filter, Candidate event, UnitLookup units, boolean selected) {
        return Arguments.of(name, filter, event, units, selected);
    }

    static SubscriberFilter filter(
            List<Category> categories,
            List<String> divisions,
            List<String> basins,
            List<Dimension> dimensions,
            List<String> types) {
        return new SubscriberFilter(categories, divisions, basins, dimensions, types);
    }

    static UnitFacts unit(String code, Category category, String division, boolean active, Basin... basins) {
        return new UnitFacts(code, category, division, List.of(basins), active);
    }

    static Candidate unitEvent(String type, UnitFacts unit, UnitFacts... previous) {
        List<UnitFacts> units = new ArrayList<>(List.of(unit));
        units.addAll(List.of(previous));
        return new Candidate(type, units, null);
    }

    static Candidate rule(String type, RuleLevel level, String scope, Dimension dimension) {
        return new Candidate(type, List.of(), new RuleFacts(level, scope, dimension));
    }

    static UnitLookup lookup(UnitFacts... units) {
        return lookup(Jurisdiction.liaoyuan(), units);
    }

    static UnitLookup lookup(Jurisdiction jurisdiction, UnitFacts... units) {
        Map<String, UnitFacts> byCode =
                Stream.of(units).collect(Collectors.toMap(UnitFacts::code, Function.identity()));
        return new UnitLookup() {
            @Override
            public Optional<UnitFacts> latest(String code) {
                return Optional.ofNullable(byCode.get(code));
            }

            @Override
            public List<UnitFacts> active() {
                return Stream.of(units).filter(UnitFacts::active).toList();
            }

            @Override
            public Jurisdiction jurisdiction() {
                return jurisdiction;
            }
        };
    }
}
