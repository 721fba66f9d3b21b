package org.zoninghub.sync.imports;

/** An upload refused because {@code zoning.sync.files.upload-queue} uploads already wait for their import. */
public class ImportQueueFullException extends RuntimeException {

    public ImportQueueFullException(int limit) {
        super(limit + " uploads are already waiting for their import (zoning.sync.files.upload-queue); send this one"
                + " again when they have been imported");
    }
}
