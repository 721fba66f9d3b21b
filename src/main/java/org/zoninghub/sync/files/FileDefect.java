package org.zoninghub.sync.files;

import java.util.Objects;

/**
 * One problem found while reading an inbound file: which file, which record in it and what is wrong. A defect
 * concerning the file as a whole (wrong extension, a missing Shapefile part, an unknown header) names the file as its
 * record.
 *
 * @param file the file name as received, e.g. {@code units.zip}
 * @param record the record it concerns: {@code row 7}, {@code feature #3 (ZH22040210001)}, {@code record #2}, or the
 *     file name when it concerns the whole file
 * @param reason what is wrong, in words a person can act on
 */
public record FileDefect(String file, String record, String reason) {

    public FileDefect {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(reason, "reason");
    }

    /** A defect of the file as a whole. */
    static FileDefect ofFile(String file, String reason) {
        return new FileDefect(file, file, reason);
    }

    @Override
    public String toString() {
        return record.equals(file) ? file + ": " + reason : file + ": " + record + ": " + reason;
    }
}
