package org.zoninghub.spatial.index;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;
import org.zoninghub.spatial.GaussKruger;

/**
 * A site to check against the units: one geometry in EPSG:4490 (longitude first), valid and not empty, of one
 * dimension (points, lines or polygons; a GeometryCollection that mixes them is not a footprint), measured on the
 * CGCS2000 3-degree Gauss–Krüger zone of its centroid, as the store measures a unit's area.
 *
 * @param geometry the footprint, valid (see {@code GeometryChecks})
 * @param kind what is measured: points counted, lines by length, polygons by area
 * @param zone the Gauss–Krüger zone every measure of this footprint is taken on
 * @param areaM2 the footprint's area on {@code zone} (0 for points and lines)
 * @param lengthM the footprint's length on {@code zone} (0 for points and polygons)
 * @param points the number of points (0 for lines and polygons)
 */
public record Footprint(Geometry geometry, Kind kind, int zone, double areaM2, double lengthM, int points) {

    /** What a footprint measures. */
    public enum Kind {
        PUNTAL,
        LINEAL,
        AREAL
    }

    public Footprint {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * The footprint of a geometry.
     *
     * @throws IllegalArgumentException for an empty geometry or one that mixes dimensions
     */
    public static Footprint of(Geometry geometry) {
        if (geometry == null || geometry.isEmpty()) {
            throw new IllegalArgumentException("the footprint is empty");
        }
        Kind kind = kindOf(geometry);
        int zone = GaussKruger.zoneOf(geometry.getCentroid().getX());
        return switch (kind) {
            case AREAL -> new Footprint(geometry, kind, zone, GaussKruger.areaM2(geometry, zone), 0, 0);
            case LINEAL ->
                new Footprint(
                        geometry,
                        kind,
                        zone,
                        0,
                        GaussKruger.toZone(geometry, zone).getLength(),
                        0);
            case PUNTAL -> new Footprint(geometry, kind, zone, 0, 0, geometry.getNumGeometries());
        };
    }

    /** The kind of a geometry, or an exception for a collection that mixes points, lines and polygons. */
    public static Kind kindOf(Geometry geometry) {
        if (geometry instanceof Polygonal) {
            return Kind.AREAL;
        }
        if (geometry instanceof Lineal) {
            return Kind.LINEAL;
        }
        if (geometry instanceof Puntal) {
            return Kind.PUNTAL;
        }
        throw new IllegalArgumentException("a footprint is points, lines or polygons, not a "
                + geometry.getGeometryType() + " mixing them; check each part on its own");
    }

    /** The measure overlaps are a share of: the area, the length or the number of points. */
    public double measure() {
        return switch (kind) {
            case AREAL -> areaM2;
            case LINEAL -> lengthM;
            case PUNTAL -> points;
        };
    }
}
