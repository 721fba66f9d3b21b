package org.zoninghub.api.compliance;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.zoninghub.spatial.index.UnitIndex;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.ZoningInForce;
import org.zoninghub.zoning.RuleLevel;

/**
 * The zoning in force at one instant, ready for checks: the units in an {@link UnitIndex}, the rules by scope.
 * Immutable; built once and then only read, by any number of requests at once.
 *
 * <p>Compact, since a national snapshot holds some 45,000 units (13 million vertices, packed) and 650,000 rules:
 * of each rule it keeps the {@link Clause} a check answers with (one string per scope and per distinct text), and
 * the JSON of the rules is written ahead only for city and basin scopes, which many answers share; a unit's rules
 * are written when an answer needs them (a few units per check) and kept among the {@code ruleArrays}.
 *
 * @param state what was read from the store, without its units and rules (its watermark and the instants around it
 *     say when it is out of date)
 * @param index the units in force
 * @param rulesByScope the rules of each scope
 * @param rulesJsonByScope the rules of each city and basin scope as an answer writes them without an industry (the
 *     members of {@link ComplianceChecks}' rule objects, comma-separated, without the brackets, in UTF-8): the rules
 *     do not change within a snapshot, so their JSON (most of an answer's bytes) is written once here and copied into
 *     every answer
 * @param ruleArrays the JSON arrays of rules answers carry (one scope's, or the basins' of a set of units), UTF-8
 *     bytes copied into answers as they are; filled as answers need them, at most {@value #MAX_ARRAYS}
 * @param ruleCount how many rules the snapshot holds
 */
record ComplianceSnapshot(
        ZoningInForce.State state,
        UnitIndex<StoredUnit> index,
        Map<String, List<Clause>> rulesByScope,
        Map<String, byte[]> rulesJsonByScope,
        Map<List<String>, SerializableString> ruleArrays,
        int ruleCount) {

    static final int MAX_ARRAYS = 4096;

    /** The zoning in force at {@code t}, streamed from the store into the snapshot (never held whole as read). */
    static ComplianceSnapshot read(ZoningInForce store, OffsetDateTime t) {
        Builder builder = new Builder();
        ZoningInForce.State state = store.read(t, builder);
        return builder.build(state);
    }

    /** Takes units and rules one at a time and keeps them compactly. */
    private static final class Builder implements ZoningInForce.Sink {

        private final List<UnitIndex.Entry<StoredUnit>> entries = new ArrayList<>();
        private final Map<String, List<Clause>> byScope = new HashMap<>();
        private final Map<String, String> texts = new HashMap<>();
        private final Map<String, RuleLevel> levels = new HashMap<>();
        private int rules;

        @Override
        public void unit(StoredUnit u) {
            stopIfInterrupted();
            if (u.geometry() != null) {
                entries.add(new UnitIndex.Entry<>(u, u.geometry(), u.areaM2()));
            }
        }

        @Override
        public void rule(StoredRule r) {
            stopIfInterrupted();
            List<Clause> scope = byScope.get(r.scopeCode());
            if (scope == null) {
                scope = new ArrayList<>();
                byScope.put(r.scopeCode(), scope);
                levels.put(r.scopeCode(), r.level());
            }
            String scopeCode = scope.isEmpty() ? r.scopeCode() : scope.get(0).scopeCode();
            String text = texts.computeIfAbsent(r.text(), x -> x);
            scope.add(new Clause(r.ruleId(), r.level(), scopeCode, r.dimension(), text));
            rules++;
        }

        /**
         * Ends a build nobody waits for any more: the index's thread is interrupted when the hub stops, and a national
         * build (seconds of reading) then ends at its next row, before the database's connections are closed.
         */
        private static void stopIfInterrupted() {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("the compliance index's build was stopped");
            }
        }

        ComplianceSnapshot build(ZoningInForce.State state) {
            byScope.replaceAll((k, v) -> List.copyOf(v));
            Map<String, byte[]> json = new HashMap<>();
            byScope.forEach((scope, clauses) -> {
                if (levels.get(scope) != RuleLevel.UNIT) {
                    json.put(scope, ComplianceChecks.rulesJson(clauses));
                }
            });
            ZoningInForce.State bare = new ZoningInForce.State(
                    state.at(),
                    state.watermark(),
                    state.lastChange(),
                    state.nextChange(),
                    state.edition(),
                    List.of(),
                    List.of());
            return new ComplianceSnapshot(
                    bare,
                    new UnitIndex<>(entries),
                    Map.copyOf(byScope),
                    Map.copyOf(json),
                    new ConcurrentHashMap<>(),
                    rules);
        }
    }

    List<Clause> rules(String scopeCode) {
        return rulesByScope.getOrDefault(scopeCode, List.of());
    }

    /**
     * The JSON of a scope's rules without an industry, comma-separated and without brackets, in UTF-8; empty when
     * none.
     */
    byte[] rulesJson(String scopeCode) {
        byte[] json = rulesJsonByScope.get(scopeCode);
        if (json != null) {
            return json;
        }
        List<Clause> rules = rules(scopeCode);
        return rules.isEmpty() ? new byte[0] : ComplianceChecks.rulesJson(rules);
    }

    /**
     * The JSON array of the rules of these scopes, in this order, without an industry: UTF-8 bytes copied into answers
     * as they are ({@link RawJson}).
     */
    SerializableString ruleArray(List<String> scopeCodes) {
        SerializableString known = ruleArrays.get(scopeCodes);
        if (known != null) {
            return known;
        }
        ByteArrayBuilder raw = new ByteArrayBuilder();
        raw.append('[');
        boolean first = true;
        for (String scope : scopeCodes) {
            byte[] json = rulesJson(scope);
            if (json.length > 0) {
                if (!first) {
                    raw.append(',');
                }
                first = false;
                raw.write(json);
            }
        }
        raw.append(']');
        RawJson array = new RawJson(raw.toByteArray());
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
