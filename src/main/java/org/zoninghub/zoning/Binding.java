package org.zoninghub.zoning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Which access lists bind a control unit: the "1+2+61" rule. A unit is bound by the city-level list of its city, by
 * the list of every river basin it lies in, and by its own list, in that order (the order in which the plan reads
 * them, from the general to the particular). Nothing else binds it: another unit's list never does, nor does the list
 * of a basin the unit does not lie in, nor another city's list. Its city is {@link Jurisdiction#cityScopeOf}: the
 * jurisdiction itself when it is a city (辽源市: every unit), the prefecture of the unit's division in a provincial or
 * national hub.
 */
public final class Binding {

    private Binding() {}

    /**
     * The scope codes whose rules bind a unit, in level order: its city's code, each basin's code (in the order
     * given), the unit's code.
     */
    public static List<String> scopes(Jurisdiction jurisdiction, Collection<Basin> basins, String unitCode) {
        List<String> scopes = new ArrayList<>(basins.size() + 2);
        scopes.add(jurisdiction.cityScopeOfUnit(unitCode));
        basins.forEach(b -> scopes.add(b.name()));
        scopes.add(unitCode);
        return scopes;
    }

    /**
     * The rules that bind a unit, in level order, taken from {@code rulesOfScope} (which answers an empty list for a
     * scope without rules).
     */
    public static <R> List<R> rules(
            Jurisdiction jurisdiction,
            Collection<Basin> basins,
            String unitCode,
            Function<String, ? extends Collection<R>> rulesOfScope) {
        List<R> binding = new ArrayList<>();
        for (String scope : scopes(jurisdiction, basins, unitCode)) {
            binding.addAll(rulesOfScope.apply(scope));
        }
        return binding;
    }

    /**
     * Whether a list of the given level and scope binds a unit: a city-level list binds every unit of its city, a
     * basin's list the units lying in that basin, a unit's list that unit alone.
     */
    public static boolean binds(
            Jurisdiction jurisdiction, RuleLevel level, String scopeCode, Collection<Basin> basins, String unitCode) {
        return switch (level) {
            case CITY -> jurisdiction.cityScopeOfUnit(unitCode).equals(scopeCode);
            case BASIN -> basins.stream().anyMatch(b -> b.name().equals(scopeCode));
            case UNIT -> unitCode.equals(scopeCode);
        };
    }
}
