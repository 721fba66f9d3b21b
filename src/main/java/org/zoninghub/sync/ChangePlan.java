package org.zoninghub.sync;

import java.util.List;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.zoning.ChangeKind;

/** The versions one delivery adds to the store, with what each changed. Empty when nothing changed. */
public record ChangePlan(List<UnitChange> units, List<RuleChange> rules, int unitsUnchanged, int rulesUnchanged) {

    public record UnitChange(ChangeKind kind, StoredUnit next, StoredUnit previous, List<String> changedFields) {}

    public record RuleChange(ChangeKind kind, StoredRule next, StoredRule previous) {}

    public boolean isEmpty() {
        return units.isEmpty() && rules.isEmpty();
    }

    public int count(ChangeKind kind) {
        return (int) units.stream().filter(u -> u.kind() == kind).count();
    }

    public int countRules(ChangeKind kind) {
        return (int) rules.stream().filter(r -> r.kind() == kind).count();
    }
}
