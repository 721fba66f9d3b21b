package org.zoninghub.sync;

import org.zoninghub.store.SyncRuns.Counts;
import org.zoninghub.store.SyncRuns.RuleCounts;
import org.zoninghub.zoning.ChangeKind;

/** The counts of a sync run from the plan it applied. */
public final class SyncCounts {

    private SyncCounts() {}

    public static Counts of(ChangePlan plan, int rejectedRecords) {
        return new Counts(
                plan.count(ChangeKind.CREATED),
                plan.count(ChangeKind.UPDATED),
                plan.count(ChangeKind.RETIRED),
                plan.unitsUnchanged(),
                rejectedRecords,
                new RuleCounts(
                        plan.countRules(ChangeKind.CREATED),
                        plan.countRules(ChangeKind.UPDATED),
                        plan.countRules(ChangeKind.RETIRED),
                        plan.rulesUnchanged()));
    }
}
