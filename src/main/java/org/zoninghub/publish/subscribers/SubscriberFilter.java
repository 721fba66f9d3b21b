package org.zoninghub.publish.subscribers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Binding;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.RuleLevel;

/**
 * What a subscriber wants from the hub's events. Every list restricts one property; an empty list does not restrict.
 *
 * <ul>
 *   <li>{@code eventTypes}: exact types ({@code zoning.unit.updated}) or prefixes ending in {@code .*}
 *       ({@code zoning.rule.*}; {@code zoning.unit.*} also takes {@code zoning.unit.state}).
 *   <li>{@code categories}, {@code divisionCodes}, {@code basins}: which units. A unit is selected when it matches
 *       every non-empty one (a unit matches {@code basins} when it lies in at least one of them).
 *   <li>{@code dimensions}: which rules; rule events only (a unit's state always carries all four dimensions).
 * </ul>
 *
 * <p>A unit event (change or state) is selected when its unit is selected; a change also when its {@code previous}
 * version is, so that a department learns that a unit left its selection. A rule event is selected when its dimension
 * is, and when the rule binds at least one selected unit: a UNIT rule its own unit (latest version, whatever its
 * status), a BASIN rule any unit in force in that basin, a CITY rule any unit in force of its city ({@link Binding}:
 * in a city's hub every unit; in a provincial or national hub the units of that prefecture). A filter without unit
 * criteria selects every rule of its dimensions without looking at units.
 */
public record SubscriberFilter(
        List<Category> categories,
        List<String> divisionCodes,
        List<String> basins,
        List<Dimension> dimensions,
        List<String> eventTypes) {

    /** Selects every event. */
    public static final SubscriberFilter EVERYTHING =
            new SubscriberFilter(List.of(), List.of(), List.of(), List.of(), List.of());

    public SubscriberFilter {
        categories = distinct(categories);
        divisionCodes = distinct(divisionCodes);
        basins = distinct(basins);
        dimensions = distinct(dimensions);
        eventTypes = distinct(eventTypes);
    }

    /** The unit properties a filter looks at (of a unit event's unit, or of a unit a rule binds). */
    public record UnitFacts(String code, Category category, String divisionCode, List<Basin> basins, boolean active) {}

    /** The rule properties a filter looks at. */
    public record RuleFacts(RuleLevel level, String scopeCode, Dimension dimension) {}

    /** The units a rule event is matched against: read lazily, only when a filter restricts units. */
    public interface UnitLookup {

        /** The latest version of a unit, retired or not; empty when the code is unknown. */
        Optional<UnitFacts> latest(String code);

        /** The hub's jurisdiction: which city-level list binds a unit ({@link Binding#binds}). */
        Jurisdiction jurisdiction();

        /** The units in force (latest version ACTIVE). */
        List<UnitFacts> active();
    }

    /**
     * An event as the filter sees it.
     *
     * @param type the CloudEvent type
     * @param units a unit event's unit and its previous version (if any); empty for rule events
     * @param rule a rule event's rule; null for unit events
     */
    public record Candidate(String type, List<UnitFacts> units, RuleFacts rule) {

        /** Reads the properties the filter needs from an event of docs/events.md; basins through the jurisdiction. */
        public static Candidate of(JsonNode event, Jurisdiction jurisdiction) {
            String type = event.path("type").asText();
            JsonNode data = event.path("data");
            JsonNode rule = data.path("rule");
            if (rule.isObject()) {
                return new Candidate(
                        type,
                        List.of(),
                        new RuleFacts(
                                RuleLevel.valueOf(rule.path("level").asText()),
                                rule.path("scopeCode").asText(),
                                Dimension.valueOf(rule.path("dimension").asText())));
            }
            List<UnitFacts> units = new ArrayList<>(2);
            for (String field : List.of("unit", "previous")) {
                JsonNode unit = data.path(field);
                if (unit.isObject()) {
                    List<Basin> basins = new ArrayList<>();
                    unit.path("basins").forEach(b -> basins.add(jurisdiction.storedBasin(b.asText())));
                    units.add(new UnitFacts(
                            unit.path("code").asText(),
                            Category.valueOf(unit.path("category").asText()),
                            unit.path("divisionCode").asText(),
                            basins,
                            "ACTIVE".equals(unit.path("status").asText())));
                }
            }
            return new Candidate(type, List.copyOf(units), null);
        }
    }

    public boolean selectsType(String type) {
        return eventTypes.isEmpty() || eventTypes.stream().anyMatch(p -> typeMatches(p, type));
    }

    /** Whether a type pattern ({@code zoning.unit.created} or {@code zoning.unit.*}) matches a type. */
    static boolean typeMatches(String pattern, String type) {
        return pattern.endsWith(".*")
                ? type.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(type);
    }

    /** Whether the filter restricts units at all (otherwise every unit is selected). */
    public boolean restrictsUnits() {
        return !categories.isEmpty() || !divisionCodes.isEmpty() || !basins.isEmpty();
    }

    public boolean selectsUnit(UnitFacts unit) {
        return (categories.isEmpty() || categories.contains(unit.category()))
                && (divisionCodes.isEmpty() || divisionCodes.contains(unit.divisionCode()))
                && (basins.isEmpty() || unit.basins().stream().anyMatch(b -> basins.contains(b.code())));
    }

    public boolean selectsDimension(Dimension dimension) {
        return dimensions.isEmpty() || dimensions.contains(dimension);
    }

    /** Whether the filter selects an event; see the class comment. */
    public boolean selects(Candidate event, UnitLookup units) {
        if (!selectsType(event.type())) {
            return false;
        }
        RuleFacts rule = event.rule();
        if (rule == null) {
            return !restrictsUnits() || event.units().stream().anyMatch(this::selectsUnit);
        }
        if (!selectsDimension(rule.dimension())) {
            return false;
        }
        if (!restrictsUnits()) {
            return true;
        }
        return switch (rule.level()) {
            case UNIT -> units.latest(rule.scopeCode()).map(this::selectsUnit).orElse(false);
            case BASIN, CITY ->
                units.active().stream()
                        .anyMatch(u -> Binding.binds(
                                        units.jurisdiction(), rule.level(), rule.scopeCode(), u.basins(), u.code())
                                && selectsUnit(u));
        };
    }

    private static <T> List<T> distinct(List<T> values) {
        return values == null ? List.of() : values.stream().distinct().toList();
    }
}
