package org.zoninghub.api;

import java.util.stream.Stream;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.zoninghub.spatial.Geographic;
import org.zoninghub.web.BadRequestException;

/** Paging and filter parameters of the department API, each refused with a 400 naming it when malformed. */
final class Paging {

    private Paging() {}

    /** {@code limit}: default when absent; refused when not an integer in 1..max. */
    static int limit(String value, int defaultLimit, int max) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        int n = integer("limit", value, Integer.MIN_VALUE);
        if (n < 1 || n > max) {
            throw new BadRequestException("limit " + value.trim() + " is outside 1.." + max);
        }
        return n;
    }

    /** An integer parameter not below {@code min}. */
    static int integer(String name, String value, int min) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("parameter \"" + name + "\": \"" + shorten(value) + "\" is not an integer");
        }
        if (n < min) {
            throw new BadRequestException("parameter \"" + name + "\": " + n + " is below " + min);
        }
        return n;
    }

    static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("parameter \"" + name + "\": \"" + shorten(value) + "\" is not one of "
                    + String.join(
                            ", ",
                            Stream.of(type.getEnumConstants()).map(Enum::name).toList()));
        }
    }

    /** {@code minLon,minLat,maxLon,maxLat} in EPSG:4490 as a polygon (or a point or line when degenerate). */
    static Geometry bbox(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length != 4) {
            throw new BadRequestException(
                    "parameter \"bbox\": \"" + shorten(value) + "\" is not minLon,minLat,maxLon,maxLat");
        }
        double[] n = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                n[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new BadRequestException("parameter \"bbox\": value " + (i + 1) + " is not a number");
            }
            if (!Double.isFinite(n[i])) {
                throw new BadRequestException("parameter \"bbox\": value " + (i + 1) + " is not finite");
            }
        }
        if (n[0] > n[2] || n[1] > n[3]) {
            throw new BadRequestException("parameter \"bbox\": the minimum exceeds the maximum");
        }
        return Geographic.FACTORY.toGeometry(new Envelope(n[0], n[2], n[1], n[3]));
    }

    static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
