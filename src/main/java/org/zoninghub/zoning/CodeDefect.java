package org.zoninghub.zoning;

import java.util.Objects;

/**
 * One thing wrong with a unit code. The message names the code and the defect so that a person can fix the record
 * from the message alone.
 */
public record CodeDefect(Kind kind, String code, String message) {

    /** What is wrong. */
    public enum Kind {
        /** Not of the shape {@code ZH} + 6-digit division + category digit 1/2/3 + 4-digit serial. */
        FORMAT,
        /** The category digit does not match the unit's category. */
        CATEGORY_MISMATCH,
        /** The six-digit part is not a county-level division of the jurisdiction. */
        DIVISION_OUTSIDE_JURISDICTION,
        /** The division the record declares differs from the one in its code. */
        DIVISION_MISMATCH
    }

    public CodeDefect {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
