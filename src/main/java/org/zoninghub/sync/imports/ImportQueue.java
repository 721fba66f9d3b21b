package org.zoninghub.sync.imports;

/** Hands an uploaded file to the import route, whose single consumer executes imports one at a time. */
public interface ImportQueue {

    /** Queues a begun import; returns at once. */
    void submit(FileImports.Upload upload);
}
