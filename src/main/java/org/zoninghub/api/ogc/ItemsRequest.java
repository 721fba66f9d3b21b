package org.zoninghub.api.ogc;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.util.MultiValueMap;
import org.zoninghub.spatial.Geographic;
import org.zoninghub.web.AsOf;
import org.zoninghub.web.BadRequestException;

/**
 * The query parameters of an items request, checked: unknown or repeated parameters, a {@code limit} that is not a
 * positive integer, a malformed {@code bbox} or {@code datetime} are answered 400 naming the parameter.
 * {@code limit} defaults to {@value #DEFAULT_LIMIT}; above {@value #MAX_LIMIT} it is clamped to it.
 */
final class ItemsRequest {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 10_000;

    private final MultiValueMap<String, String> params;

    ItemsRequest(MultiValueMap<String, String> params, Set<String> allowed) {
        this.params = params;
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new BadRequestException("unknown query parameter \"" + e.getKey() + "\"; this resource takes "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
            if (e.getValue().size() > 1) {
                throw new BadRequestException("parameter \"" + e.getKey() + "\" is given more than once");
            }
        }
    }

    String get(String name) {
        String v = params.getFirst(name);
        return v == null || v.isEmpty() ? null : v;
    }

    int limit() {
        String v = get("limit");
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        int n = integer("limit", v);
        if (n < 1) {
            throw new BadRequestException("parameter \"limit\": " + n + " is not a positive integer");
        }
        return Math.min(n, MAX_LIMIT);
    }

    int offset() {
        String v = get("offset");
        if (v == null) {
            return 0;
        }
        int n = integer("offset", v);
        if (n < 0) {
            throw new BadRequestException("parameter \"offset\": " + n + " is negative");
        }
        return n;
    }

    /** The validity asked: [from, to] (null for an open end); equal ends for an instant; now when absent. */
    OffsetDateTime[] datetime(OffsetDateTime now) {
        String v = get("datetime");
        if (v == null) {
            return new OffsetDateTime[] {now, now};
        }
        int slash = v.indexOf('/');
        if (slash < 0) {
            OffsetDateTime t = instant(v);
            return new OffsetDateTime[] {t, t};
        }
        OffsetDateTime from = open(v.substring(0, slash));
        OffsetDateTime to = open(v.substring(slash + 1));
        if (from == null && to == null) {
            throw new BadRequestException("parameter \"datetime\": \"" + v + "\" is open at both ends");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadRequestException("parameter \"datetime\": the interval \"" + v + "\" ends before it starts");
        }
        return new OffsetDateTime[] {from, to};
    }

    /**
     * The {@code bbox} as a lon/lat polygon (a box in the {@code bbox-crs}, its edges densified when projected),
     * or null.
     */
    Geometry bbox() {
        String v = get("bbox");
        if (v == null) {
            return null;
        }
        String[] parts = v.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw new BadRequestException("parameter \"bbox\": \"" + v
                    + "\" must be four numbers (or six, with heights) separated by commas");
        }
        double[] n = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                n[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new BadRequestException(
                        "parameter \"bbox\": value " + (i + 1) + " (\"" + parts[i].trim() + "\") is not a number");
            }
            if (!Double.isFinite(n[i])) {
                throw new BadRequestException("parameter \"bbox\": value " + (i + 1) + " is not finite");
            }
        }
        int half = n.length / 2;
        double x1 = n[0], y1 = n[1], x2 = n[half], y2 = n[half + 1];
        if (x1 > x2 || y1 > y2) {
            throw new BadRequestException("parameter \"bbox\": \"" + v
                    + "\" has a lower corner above its upper corner (boxes across the antimeridian are not supported)");
        }
        OgcCrs crs = OgcCrs.parse(get("bbox-crs"), "bbox-crs");
        if (crs.epsg() == 0 && (y1 < -90 || y2 > 90 || x1 < -180 || x2 > 180)) {
            throw new BadRequestException(
                    "parameter \"bbox\": \"" + v + "\" lies outside longitude −180…180," + " latitude −90…90");
        }
        Geometry box = Geographic.FACTORY.toGeometry(new Envelope(x1, x2, y1, y2));
        if (!crs.source().geographic() && box.getDimension() == 2) {
            box = Densifier.densify(box, Math.max(x2 - x1, y2 - y1) / 32.0);
        }
        try {
            return crs.toLonLat(box);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("parameter \"bbox\": \"" + v + "\" cannot be transformed from " + crs.uri());
        }
    }

    private static OffsetDateTime open(String s) {
        return s.isEmpty() || s.equals("..") ? null : instant(s);
    }

    private static OffsetDateTime instant(String s) {
        try {
            return AsOf.parse(s).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (BadRequestException e) {
            throw new BadRequestException("parameter \"datetime\": \"" + s
                    + "\" is not an RFC 3339 date-time (2025-01-26T00:00:00Z), a date, or an interval of them"
                    + " (start/end, \"..\" for an open end)");
        }
    }

    private static int integer(String name, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            if (v.trim().matches("\\d{10,}")) {
                return Integer.MAX_VALUE;
            }
            throw new BadRequestException("parameter \"" + name + "\": \"" + v + "\" is not an integer");
        }
    }
}
