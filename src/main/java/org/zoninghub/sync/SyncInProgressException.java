package org.zoninghub.sync;

/**
 * A provincial sync cannot start because one is already in progress, on this hub instance or on another one that
 * shares the database (the sync lock is taken). Nothing was recorded; try again when that run has finished.
 */
public class SyncInProgressException extends IllegalStateException {

    public SyncInProgressException() {
        super("a provincial sync is already in progress (on this or another hub instance sharing the database);"
                + " no run was started: try again when it has finished (GET /api/v1/admin/sync-runs)");
    }
}
