package org.zoninghub.spatial;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * The geographic coordinate system geometries are exchanged and stored in: CGCS2000 (EPSG:4490), longitude as x and
 * latitude as y, and the decimal grid coordinates are written on.
 *
 * <p>Eight decimals of a degree are about 1 mm on the ground. The GeoJSON writer rounds to this grid and
 * {@link GeometryHashes} snaps to the same grid, so a geometry written by the hub and read back keeps its hash.
 */
public final class Geographic {

    /** CGCS2000 geographic 2D. EPSG:4326 (WGS 84) input is accepted as equal. */
    public static final int SRID = 4490;

    /** The SRID accepted as equal to {@link #SRID}. */
    public static final int WGS84_SRID = 4326;

    /** Decimals of a degree kept when coordinates are written or hashed. */
    public static final int DECIMALS = 8;

    /** Builds geometries in EPSG:4490 with floating precision. */
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), SRID);

    private Geographic() {}

    /** A coordinate rounded half-up to {@link #DECIMALS} decimals, as a decimal number without exponent. */
    public static BigDecimal decimal(double ordinate) {
        BigDecimal d = new BigDecimal(ordinate)
                .setScale(DECIMALS, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** The double nearest to {@link #decimal(double)}: the value a reader of the written number gets back. */
    public static double snap(double ordinate) {
        return decimal(ordinate).doubleValue();
    }

    /** Whether an SRID means geographic CGCS2000 here: 4490, 4326, or 0 (not set, taken as 4490). */
    public static boolean isGeographicSrid(int srid) {
        return srid == SRID || srid == WGS84_SRID || srid == 0;
    }

    /** A coordinate pair for messages, e.g. {@code (125.1234, 42.9876)}. */
    static String format(double x, double y) {
        return "(" + decimal(x).toPlainString() + ", " + decimal(y).toPlainString() + ")";
    }
}
