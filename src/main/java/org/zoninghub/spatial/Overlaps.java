package org.zoninghub.spatial;

import org.locationtech.jts.geom.Geometry;

/**
 * How much of one geographic geometry another covers, in m² on the Gauss–Krüger zone of the first one's centroid, so
 * that the overlap and the footprint it is a share of are measured on the same projection.
 *
 * <p>The intersection is computed in longitude/latitude, where the stored edges are straight, and then projected like
 * any unit geometry; both inputs must be valid (see {@link GeometryChecks}).
 */
public final class Overlaps {

    private Overlaps() {}

    /** Area in m² of the intersection of {@code a} and {@code b}, on the zone of {@code a}'s centroid; 0 if disjoint. */
    public static double intersectionAreaM2(Geometry a, Geometry b) {
        if (a.isEmpty() || b.isEmpty() || !a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) {
            return 0.0;
        }
        Geometry intersection = a.intersection(b);
        return GaussKruger.areaM2(
                intersection, GaussKruger.zoneOf(a.getCentroid().getX()));
    }

    /** The share (0–1) of {@code a}'s area that {@code b} covers, both measured on the zone of {@code a}; 0 for an empty or zero-area {@code a}. */
    public static double coveredRatio(Geometry a, Geometry b) {
        if (a.isEmpty()) {
            return 0.0;
        }
        double area = GaussKruger.areaM2(a);
        return area == 0.0 ? 0.0 : Math.min(1.0, intersectionAreaM2(a, b) / area);
    }
}
