package org.zoninghub.spatial;

import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Areas on the CGCS2000 3-degree Gauss–Krüger zone that holds a geometry's centroid, as the national technical
 * requirement for zoning statistics asks. Zone n has central meridian 3n°E (EPSG:4513–4533 with zone prefix,
 * EPSG:4534–4554 without); the false easting does not change areas, so the zone's transverse Mercator is used.
 */
public final class GaussKruger {

    private static final CRSFactory CRS_FACTORY = new CRSFactory();
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();
    private static final CoordinateReferenceSystem CGCS2000 = CRS_FACTORY.createFromName("EPSG:4490");
    private static final ConcurrentHashMap<Integer, CoordinateReferenceSystem> ZONES = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, CoordinateReferenceSystem> PROJECTED = new ConcurrentHashMap<>();

    private GaussKruger() {}

    /** The 3-degree zone number (25…45 for China) whose central meridian is nearest to the longitude. */
    public static int zoneOf(double longitude) {
        return (int) Math.floor((longitude + 1.5) / 3.0);
    }

    /** Central meridian of a 3-degree zone, in degrees east. */
    public static int centralMeridian(int zone) {
        return zone * 3;
    }

    /** The EPSG code of the CGCS2000 3-degree Gauss–Krüger CRS of a zone, with zone prefix (e.g. 42 → 4530). */
    public static int epsgWithZonePrefix(int zone) {
        return 4513 + (zone - 25);
    }

    /** Area in m² of a geographic (EPSG:4490, longitude first) geometry, on the zone of its centroid. */
    public static double areaM2(Geometry geographic) {
        if (geographic.isEmpty()) {
            return 0.0;
        }
        return areaM2(geographic, zoneOf(geographic.getCentroid().getX()));
    }

    /** Area in m² of a geographic geometry on a given zone (e.g. the zone of another geometry it is compared with). */
    public static double areaM2(Geometry geographic, int zone) {
        return geographic.isEmpty() ? 0.0 : toZone(geographic, zone).getArea();
    }

    /** A copy of a geographic geometry projected onto a Gauss–Krüger zone (metres, without false easting prefix). */
    public static Geometry toZone(Geometry geographic, int zone) {
        CoordinateTransform transform = TRANSFORMS.createTransform(CGCS2000, zoneCrs(zone));
        Geometry projected = geographic.copy();
        projected.apply(new TransformFilter(transform));
        projected.geometryChanged();
        return projected;
    }

    /** Projects points one at a time onto a zone, as {@link #toZone} projects a geometry's vertices. */
    public static Projection projection(int zone) {
        return new Projection(TRANSFORMS.createTransform(CGCS2000, zoneCrs(zone)));
    }

    /** The projection of single points onto one zone; not thread-safe (it keeps its transform's buffers). */
    public static final class Projection {
        private final CoordinateTransform transform;
        private final ProjCoordinate in = new ProjCoordinate();
        private final ProjCoordinate out = new ProjCoordinate();

        private Projection(CoordinateTransform transform) {
            this.transform = transform;
        }

        /**
         * Projects a point into {@code xy[at]} (x) and {@code xy[at + 1]} (y).
         *
         * @throws IllegalArgumentException when the point cannot be transformed
         */
        public void project(double longitude, double latitude, double[] xy, int at) {
            in.x = longitude;
            in.y = latitude;
            try {
                transform.transform(in, out);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "cannot transform (" + longitude + ", " + latitude + "): " + e.getMessage());
            }
            if (!Double.isFinite(out.x) || !Double.isFinite(out.y)) {
                throw new IllegalArgumentException("cannot transform (" + longitude + ", " + latitude + ")");
            }
            xy[at] = out.x;
            xy[at + 1] = out.y;
        }
    }

    /**
     * A copy in EPSG:4490 (longitude, latitude) of a geometry in CGCS2000 Gauss–Krüger coordinates (easting first),
     * e.g. read from a Shapefile whose {@code .prj} names the zone.
     *
     * @param centralMeridian the zone's central meridian in degrees east
     * @param falseEasting 500000, or zone × 1e6 + 500000 for coordinates with the zone prefix
     * @throws IllegalArgumentException naming the coordinate that cannot be transformed
     */
    public static Geometry toGeographic(Geometry projected, double centralMeridian, double falseEasting) {
        CoordinateReferenceSystem source = PROJECTED.computeIfAbsent(
                centralMeridian + "/" + falseEasting, k -> tmerc("CGCS2000-GK-" + k, centralMeridian, falseEasting));
        Geometry geographic = Geographic.FACTORY.createGeometry(projected);
        geographic.apply(new TransformFilter(TRANSFORMS.createTransform(source, CGCS2000)));
        geographic.geometryChanged();
        return geographic;
    }

    static CoordinateReferenceSystem zoneCrs(int zone) {
        return ZONES.computeIfAbsent(zone, z -> tmerc("CGCS2000-GK-3deg-zone-" + z, centralMeridian(z), 500000));
    }

    private static CoordinateReferenceSystem tmerc(String name, double centralMeridian, double falseEasting) {
        return CRS_FACTORY.createFromParameters(
                name,
                "+proj=tmerc +lat_0=0 +lon_0=" + centralMeridian + " +k=1 +x_0=" + falseEasting
                        + " +y_0=0 +ellps=GRS80 +units=m +no_defs");
    }

    private static final class TransformFilter implements CoordinateSequenceFilter {
        private final Projection projection;
        private final double[] xy = new double[2];

        TransformFilter(CoordinateTransform transform) {
            this.projection = new Projection(transform);
        }

        @Override
        public void filter(CoordinateSequence seq, int i) {
            projection.project(seq.getX(i), seq.getY(i), xy, 0);
            seq.setOrdinate(i, Coordinate.X, xy[0]);
            seq.setOrdinate(i, Coordinate.Y, xy[1]);
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }
}
