package org.zoninghub.api.compliance;

/**
 * A footprint or request member that cannot be checked, with where it is: a JSON path such as
 * {@code geometry.coordinates[0][3]} (empty for the request as a whole) and what is wrong there.
 */
class FootprintDefect extends RuntimeException {

    private final String field;

    FootprintDefect(String field, String detail) {
        super(detail, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }

    String detail() {
        return getMessage();
    }
}
