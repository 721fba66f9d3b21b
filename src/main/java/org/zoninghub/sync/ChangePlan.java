package org.zoninghub.sync;

import java.util.List;
import org.zoninghub.publish.Announcements.Change;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;

/** The versions one delivery adds to the store, with what each changed. Empty when nothing changed. */
public record ChangePlan(List<UnitChange> units, List<RuleChange> rules, int unitsUnchanged, int rulesUnchanged) {

    public record UnitChange(Change kind, StoredUnit next, StoredUnit previous, List<String> changedFields) {}

    public record RuleChange(Change kind, StoredRule next, StoredRule previous) {}

    public boolean isEmpty() {
        return units.isEmpty() && rules.isEmpty();
    }

    public int count(Change kind) {
        return (int) units.stream().filter(u -> u.kind() == kind).count();
    }

    public int countRules(Change kind) {
        return (int) rules.stream().filter(r -> r.kind() == kind).count();
    }
}
