package org.zoninghub.api.compliance;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.zoninghub.spatial.index.UnitIndex;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.ZoningInForce;

/**
 * The zoning in force at one instant, ready for checks: the units in an {@link UnitIndex}, the rules by scope.
 * Immutable; built once and then only read, by any number of requests at once.
 *
 * @param state what was read from the store (its watermark and the instants around it say when it is out of date)
 */
record ComplianceSnapshot(
        ZoningInForce.State state, UnitIndex<StoredUnit> index, Map<String, List<StoredRule>> rulesByScope) {

    static ComplianceSnapshot of(ZoningInForce.State state) {
        List<UnitIndex.Entry<StoredUnit>> entries =
                new ArrayList<>(state.units().size());
        for (StoredUnit u : state.units()) {
            if (u.geometry() != null) {
                entries.add(new UnitIndex.Entry<>(u, u.geometry(), u.areaM2()));
            }
        }
        Map<String, List<StoredRule>> byScope = new HashMap<>();
        for (StoredRule r : state.rules()) {
            byScope.computeIfAbsent(r.scopeCode(), k -> new ArrayList<>()).add(r);
        }
        byScope.replaceAll((k, v) -> List.copyOf(v));
        return new ComplianceSnapshot(state, new UnitIndex<>(entries), Map.copyOf(byScope));
    }

    List<StoredRule> rules(String scopeCode) {
        return rulesByScope.getOrDefault(scopeCode, List.of());
    }

    String edition() {
        return state.edition();
    }

    /** Whether this snapshot is the state in force at {@code t} as far as its own reading knew. */
    boolean holdsAt(OffsetDateTime t) {
        OffsetDateTime last = state.lastChange();
        OffsetDateTime next = state.nextChange();
        return (last == null || !t.isBefore(last)) && (next == null || t.isBefore(next));
    }
}
