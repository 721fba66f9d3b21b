package org.zoninghub.api.compliance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A footprint or request member that cannot be checked, with where it is: a JSON path such as
 * {@code geometry.coordinates[0][3]} (empty for the request as a whole) and what is wrong there.
 */
class FootprintDefect extends RuntimeException {

    private final String field;
    private final transient JsonNode id;

    FootprintDefect(String field, String detail) {
        this(field, detail, null);
    }

    /** A defect of a batch feature whose {@code id} was read before the defect was found. */
    FootprintDefect(String field, String detail, JsonNode id) {
        super(detail, null, false, false);
        this.field = field;
        this.id = id;
    }

    /** The feature's id when it is known, or null. */
    JsonNode id() {
        return id;
    }

    String field() {
        return field;
    }

    String detail() {
        return getMessage();
    }
}
