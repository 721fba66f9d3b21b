package org.zoninghub.sync;

import org.zoninghub.publish.Announcements.Change;
import org.zoninghub.store.SyncRuns.Counts;
import org.zoninghub.store.SyncRuns.RuleCounts;

/** The counts of a sync run from the plan it applied. */
public final class SyncCounts {

    private SyncCounts() {}

    public static Counts of(ChangePlan plan, int rejectedRecords) {
        return new Counts(
                plan.count(Change.CREATED),
                plan.count(Change.UPDATED),
                plan.count(Change.RETIRED),
                plan.unitsUnchanged(),
                rejectedRecords,
                new RuleCounts(
                        plan.countRules(Change.CREATED),
                        plan.countRules(Change.UPDATED),
                        plan.countRules(Change.RETIRED),
                        plan.rulesUnchanged()));
    }
}
