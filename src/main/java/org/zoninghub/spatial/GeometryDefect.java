package org.zoninghub.spatial;

import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;

/**
 * One reason a geometry cannot be stored. The message names the defect and, where there is one, the coordinate where
 * it lies; callers prefix it with the unit it belongs to.
 *
 * @param location where the defect is, or {@code null} when it concerns the geometry as a whole
 */
public record GeometryDefect(Kind kind, String message, Coordinate location) {

    /** What is wrong. */
    public enum Kind {
        /** No geometry, or an empty one. */
        EMPTY,
        /** A control unit that is not a Polygon or MultiPolygon. */
        WRONG_TYPE,
        /** A polygon ring whose last position differs from its first. */
        UNCLOSED_RING,
        /** Unreadable input: a member of the wrong shape, a ring of fewer than four positions. */
        MALFORMED,
        /** Invalid by the OGC simple-feature rules (self-intersection, ring self-intersection, hole outside, …). */
        INVALID,
        /** Coordinates out of longitude/latitude range although no CRS was declared: projected data sent as lon/lat. */
        PROJECTED_COORDINATES,
        /** Coordinates outside the jurisdiction's envelope. */
        OUTSIDE_ENVELOPE
    }

    public GeometryDefect {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
