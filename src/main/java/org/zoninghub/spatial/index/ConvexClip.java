package org.zoninghub.spatial.index;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.zoninghub.spatial.GaussKruger;
import org.zoninghub.spatial.Geographic;

/**
 * The area a unit shares with a convex footprint (a parcel, a plant's fence, the 2 km square of a siting study),
 * measured without an overlay: each ring of the unit is clipped to the footprint (Sutherland–Hodgman, one pass per
 * edge of the footprint, linear in the ring's vertices), and the area of a polygon is that of its clipped shell less
 * those of its clipped holes, each projected and measured on the footprint's Gauss–Krüger zone as an intersection
 * would be.
 *
 * <p>Why the area is that of the intersection: a ring that crosses the line of an edge at most twice is cut by it into
 * one simple ring, the part on the inner side; clipped edge after edge so, the ring left is the boundary of the
 * ring's inside within the footprint. (A ring crossing a line more often is left to the overlay.) A valid polygon's
 * holes lie inside its shell and apart, so the polygon's share is the shell's less the holes'. The vertices are those an
 * intersection would have (the unit's inside the footprint, the crossings, the footprint's inside the unit), so the
 * measure on the zone agrees with that of the intersection to rounding. A hole is subtracted only when it lies
 * wholly inside or wholly outside the footprint: where it crosses the footprint's boundary, the intersection runs
 * along the footprint's edges in pieces split where the hole crosses them, and a straight edge in
 * longitude/latitude projected in pieces encloses a little more than projected whole (some 1e-5 of a 10 km
 * footprint's area), so such a unit is intersected.
 */
final class ConvexClip {

    /** Footprints of more vertices are intersected (a clip costs one pass over a ring per edge). */
    static final int MAX_EDGES = 64;

    private final double[] xs;
    private final double[] ys;

    private ConvexClip(double[] xs, double[] ys) {
        this.xs = xs;
        this.ys = ys;
    }

    /**
     * The clip of a footprint that is one convex polygon without holes of at most {@link #MAX_EDGES} edges (repeated
     * and collinear vertices allowed), or null.
     */
    static ConvexClip of(Geometry footprint) {
        if (!(footprint instanceof Polygon p) || p.getNumInteriorRing() > 0) {
            return null;
        }
        CoordinateSequence ring = p.getExteriorRing().getCoordinateSequence();
        int n = ring.size() - 1;
        if (n < 3 || n > MAX_EDGES) {
            return null;
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = ring.getX(i);
            ys[i] = ring.getY(i);
        }
        int turn = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            int k = (i + 2) % n;
            double cross = (xs[j] - xs[i]) * (ys[k] - ys[j]) - (ys[j] - ys[i]) * (xs[k] - xs[j]);
            int sign = cross > 0 ? 1 : cross < 0 ? -1 : 0;
            if (sign != 0) {
                if (turn != 0 && sign != turn) {
                    return null;
                }
                turn = sign;
            }
        }
        if (turn == 0) {
            return null;
        }
        if (turn < 0) {
            // counter-clockwise, so that "inside" is to the left of every edge
            reverse(xs);
            reverse(ys);
        }
        return new ConvexClip(xs, ys);
    }

    /**
     * The area in m² on {@code zone} of a polygonal unit's part inside the footprint, or NaN when a ring (as clipped
     * so far) crosses the line of one of the footprint's edges more than twice, or a hole crosses the footprint's
     * boundary: the caller intersects instead.
     * Clipping such a ring joins its parts on the inner side along the line, which encloses nothing in
     * longitude/latitude but, projected, a sliver (some 1e-5 of a 10 km footprint's area).
     */
    double areaM2(Geometry unit, int zone) {
        double area = 0;
        for (int i = 0; i < unit.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) unit.getGeometryN(i);
            area += ringAreaM2(polygon.getExteriorRing(), zone, false);
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                area -= ringAreaM2(polygon.getInteriorRingN(h), zone, true);
            }
        }
        return Double.isNaN(area) ? area : Math.max(0, area);
    }

    private double ringAreaM2(LinearRing ring, int zone, boolean hole) {
        CoordinateSequence seq = ring.getCoordinateSequence();
        int n = seq.size() - 1;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = seq.getX(i);
            y[i] = seq.getY(i);
        }
        for (int e = 0; e < xs.length && n > 0; e++) {
            double ax = xs[e];
            double ay = ys[e];
            double bx = xs[(e + 1) % xs.length];
            double by = ys[(e + 1) % xs.length];
            double[] ox = new double[n + 2];
            double[] oy = new double[n + 2];
            int m = 0;
            int leaving = 0;
            boolean cut = false;
            double px = x[n - 1];
            double py = y[n - 1];
            double ps = side(ax, ay, bx, by, px, py);
            for (int i = 0; i < n; i++) {
                double qx = x[i];
                double qy = y[i];
                double qs = side(ax, ay, bx, by, qx, qy);
                cut |= qs < 0;
                if (qs >= 0) {
                    if (ps < 0) {
                        double t = ps / (ps - qs);
                        ox[m] = px + t * (qx - px);
                        oy[m++] = py + t * (qy - py);
                    }
                    ox[m] = qx;
                    oy[m++] = qy;
                } else if (ps >= 0) {
                    if (++leaving > 1) {
                        // the ring crosses this edge's line more than twice: its parts inside would be joined
                        return Double.NaN;
                    }
                    double t = ps / (ps - qs);
                    ox[m] = px + t * (qx - px);
                    oy[m++] = py + t * (qy - py);
                }
                px = qx;
                py = qy;
                ps = qs;
            }
            x = ox;
            y = oy;
            n = m;
            if (hole && cut && n >= 3) {
                // a hole across the footprint's edge: the intersection runs along that edge in pieces, split where
                // the hole crosses it, which projected enclose a little more than the edge measured whole
                return Double.NaN;
            }
        }
        if (n < 3) {
            return 0;
        }
        Coordinate[] closed = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            closed[i] = new Coordinate(x[i], y[i]);
        }
        closed[n] = new Coordinate(x[0], y[0]);
        return GaussKruger.areaM2(Geographic.FACTORY.createPolygon(closed), zone);
    }

    /** Positive left of a→b, negative right, 0 on the line. */
    private static double side(double ax, double ay, double bx, double by, double px, double py) {
        return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
