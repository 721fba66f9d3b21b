package org.zoninghub.sync;

import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;

/** Starts a provincial sync run; it executes in the background, one at a time. */
public interface SyncTrigger {

    /** Records the run (RUNNING) and hands it to the sync route; returns at once. */
    SyncRun trigger(Trigger trigger);
}
