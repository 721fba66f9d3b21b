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

    /**
     * Builds geometries in EPSG:4490 with floating precision, their coordinates packed ({@link CompactCoordinates}):
     * every geometry the hub reads (GeoJSON, WKB from the store, files) is built with it.
     */
    public static final GeometryFactory FACTORY =
            new GeometryFactory(new PrecisionModel(), SRID, CompactCoordinates.XY);

    private Geographic() {}

    /** {@code 10^DECIMALS}, the scale of {@link #decimal(double)} as a double. */
    private static final double SCALE = 1e8;

    /** Largest magnitude of {@code ordinate * SCALE} the fast path of {@link #decimal(double)} takes (below 2^52). */
    private static final double FAST_LIMIT = 1e15;

    /**
     * How far from a tie (a fraction of .5 in {@code ordinate * SCALE}) the fast path of {@link #decimal(double)}
     * decides the rounding; the product's own rounding error is below 0.07 there.
     */
    private static final double TIE_MARGIN = 0.1;

    /** What {@link #roundedUnits} answers when the exact decimal expansion must decide (beyond any fast result). */
    private static final long NOT_DECIDED = Long.MIN_VALUE;

    /**
     * A coordinate rounded half-up to {@link #DECIMALS} decimals (the exact binary value of {@code ordinate}), as a
     * decimal number without exponent. Every coordinate of every geometry read, hashed or written passes here: the
     * nearest integer to {@code ordinate * 10^8} is taken in double arithmetic unless the product is near a tie
     * (or too large to be exact), where the exact decimal expansion decides, so the result is always that of
     * {@code new BigDecimal(ordinate).setScale(8, HALF_UP)}.
     */
    public static BigDecimal decimal(double ordinate) {
        long units = roundedUnits(ordinate);
        if (units != NOT_DECIDED) {
            return withoutExponent(BigDecimal.valueOf(units, DECIMALS).stripTrailingZeros());
        }
        return withoutExponent(new BigDecimal(ordinate)
                .setScale(DECIMALS, RoundingMode.HALF_UP)
                .stripTrailingZeros());
    }

    /**
     * Appends the text of {@link #decimal(double)} as a JSON writer prints it ({@code decimal(ordinate).toString()}),
     * without building the {@code BigDecimal} where the fast path of {@code decimal} applies and the value is printed
     * without an exponent (0, or a magnitude of at least 1e-6).
     */
    public static void appendDecimal(StringBuilder out, double ordinate) {
        long units = roundedUnits(ordinate);
        if (units == 0) {
            out.append('0');
        } else if (units != NOT_DECIDED && Math.abs(units) >= 100) {
            appendPlain(out, units);
        } else {
            out.append(decimal(ordinate).toString());
        }
    }

    /**
     * The nearest integer to {@code ordinate * 10^8} where double arithmetic decides it (the product not near a tie
     * and small enough to be exact), else {@link #NOT_DECIDED}.
     */
    private static long roundedUnits(double ordinate) {
        double scaled = ordinate * SCALE;
        if (Math.abs(scaled) < FAST_LIMIT) {
            double floor = Math.floor(scaled);
            double fraction = scaled - floor;
            if (Math.abs(fraction - 0.5) > TIE_MARGIN) {
                return (long) floor + (fraction > 0.5 ? 1 : 0);
            }
        }
        return NOT_DECIDED;
    }

    /** {@code units} × 10^-DECIMALS in plain notation, trailing zeros of the fraction dropped. */
    private static void appendPlain(StringBuilder out, long units) {
        long magnitude = units;
        if (units < 0) {
            out.append('-');
            magnitude = -units;
        }
        long unit = (long) SCALE;
        out.append(magnitude / unit);
        long fraction = magnitude % unit;
        if (fraction != 0) {
            int digits = DECIMALS;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            out.append('.');
            String text = Long.toString(fraction);
            for (int i = text.length(); i < digits; i++) {
                out.append('0');
            }
            out.append(text);
        }
    }

    private static BigDecimal withoutExponent(BigDecimal d) {
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
