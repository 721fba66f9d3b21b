package org.zoninghub.sync.filing;

import java.util.List;
import org.zoninghub.store.SyncRuns.Rejection;

/** A dynamic update that cannot be applied; nothing of it was applied. Each defect names its record. */
public class DynamicUpdateRejectedException extends RuntimeException {

    private final List<Rejection> rejected;

    public DynamicUpdateRejectedException(String message, List<Rejection> rejected) {
        super(message);
        this.rejected = List.copyOf(rejected);
    }

    public List<Rejection> rejected() {
        return rejected;
    }
}
