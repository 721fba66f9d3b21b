package org.zoninghub.sync;

import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;

/** Starts a provincial sync run; it executes in the background, one at a time across all hub instances. */
public interface SyncTrigger {

    /**
     * Takes the sync lock, records the run (RUNNING) and hands it to the sync route; returns at once.
     *
     * @throws SyncInProgressException when a sync is in progress on this or another instance; nothing is recorded
     */
    SyncRun trigger(Trigger trigger, Mode mode);

    /** An incremental pull (a full one when the source has no cursor yet). */
    default SyncRun trigger(Trigger trigger) {
        return trigger(trigger, Mode.INCREMENTAL);
    }
}
