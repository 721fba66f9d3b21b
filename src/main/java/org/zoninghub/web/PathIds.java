package org.zoninghub.web;

import java.util.UUID;

/** Ids taken from request paths. */
public final class PathIds {

    private PathIds() {}

    /**
     * The UUID a path segment holds.
     *
     * @param what what the id names, for the message, with its article, e.g. {@code "a sync run"}
     * @throws BadRequestException (problem+json 400) naming the value when it is not a UUID
     */
    public static UUID uuid(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("\"" + value + "\" is not " + what + " id (a UUID)");
        }
    }
}
