package org.zoninghub.api.compliance;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.zoninghub.spatial.index.UnitIndex;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.ZoningInForce;

/**
 * The zoning in force at one instant, ready for checks: the units in an {@link UnitIndex}, the rules by scope.
 * Immutable; built once and then only read, by any number of requests at once.
 *
 * @param state what was read from the store (its watermark and the instants around it say when it is out of date)
 * @param rulesJsonByScope the rules of each scope as an answer writes them without an industry (the members of
 *     {@link ComplianceChecks}' rule objects, comma-separated, without the brackets): the rules do not change within
 *     a snapshot, so their JSON (most of an answer's bytes) is written once here and copied into every answer
 * @param ruleArrays the JSON arrays of rules answers carry (one scope's, or the basins' of a set of units), encoded
 *     to UTF-8 once and then copied as bytes; filled as answers need them, at most {@value #MAX_ARRAYS}
 */
record ComplianceSnapshot(
        ZoningInForce.State state,
        UnitIndex<StoredUnit> index,
        Map<String, List<StoredRule>> rulesByScope,
        Map<String, String> rulesJsonByScope,
        Map<List<String>, SerializableString> ruleArrays) {

    static final int MAX_ARRAYS = 4096;

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
        Map<String, String> json = new HashMap<>();
        byScope.forEach((scope, rules) -> json.put(scope, ComplianceChecks.rulesJson(rules)));
        return new ComplianceSnapshot(
                state, new UnitIndex<>(entries), Map.copyOf(byScope), Map.copyOf(json), new ConcurrentHashMap<>());
    }

    List<StoredRule> rules(String scopeCode) {
        return rulesByScope.getOrDefault(scopeCode, List.of());
    }

    /** The JSON of a scope's rules without an industry, comma-separated and without brackets; empty when none. */
    String rulesJson(String scopeCode) {
        return rulesJsonByScope.getOrDefault(scopeCode, "");
    }

    /**
     * The JSON array of the rules of these scopes, in this order, without an industry: UTF-8 bytes written once and
     * copied into answers ({@link SerializableString} keeps its encoding).
     */
    SerializableString ruleArray(List<String> scopeCodes) {
        SerializableString known = ruleArrays.get(scopeCodes);
        if (known != null) {
            return known;
        }
        StringBuilder raw = new StringBuilder("[");
        for (String scope : scopeCodes) {
            String json = rulesJson(scope);
            if (!json.isEmpty()) {
                raw.append(raw.length() > 1 ? "," : "").append(json);
            }
        }
        SerializedString array = new SerializedString(raw.append(']').toString());
        array.asUnquotedUTF8();
        if (ruleArrays.size() < MAX_ARRAYS) {
            ruleArrays.putIfAbsent(List.copyOf(scopeCodes), array);
        }
        return array;
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
