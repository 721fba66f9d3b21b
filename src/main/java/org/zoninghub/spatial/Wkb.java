package org.zoninghub.spatial;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * Geometries as (E)WKB bytes, the form the canonical store keeps them in ({@code bytea}). Written as 2D little-endian
 * EWKB carrying SRID 4490, which PostGIS's {@code ST_GeomFromEWKB} also reads; read back from WKB with or without
 * SRID.
 */
public final class Wkb {

    private Wkb() {}

    /**
     * The EWKB of a geographic geometry (SRID 4490; a geometry with SRID 0 or 4326 is written as 4490).
     *
     * @throws IllegalArgumentException when the geometry carries another SRID (e.g. a projected one)
     */
    public static byte[] write(Geometry geometry) {
        requireGeographic(geometry.getSRID(), "geometry");
        Geometry g = geometry;
        if (g.getSRID() != Geographic.SRID) {
            g = geometry.copy();
            g.setSRID(Geographic.SRID);
        }
        return new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true).write(g);
    }

    /**
     * The geometry of WKB or EWKB bytes, with SRID 4490.
     *
     * @throws IllegalArgumentException when the bytes are not WKB or carry an SRID other than 4490/4326
     */
    public static Geometry read(byte[] wkb) {
        Geometry g;
        try {
            g = new WKBReader(Geographic.FACTORY).read(wkb);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("not WKB (" + wkb.length + " bytes): " + e.getMessage(), e);
        }
        requireGeographic(g.getSRID(), "WKB");
        g.setSRID(Geographic.SRID);
        return g;
    }

    private static void requireGeographic(int srid, String what) {
        if (!Geographic.isGeographicSrid(srid)) {
            throw new IllegalArgumentException(what + " carries SRID " + srid + "; expected " + Geographic.SRID
                    + " (CGCS2000 geographic, longitude/latitude)");
        }
    }
}
