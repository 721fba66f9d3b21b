package org.zoninghub.spatial.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.zoninghub.spatial.GaussKruger;

/**
 * The area a unit shares with a convex footprint (a parcel, a plant's fence, the 2 km square of a siting study),
 * measured without an overlay, in one pass over the unit's rings.
 *
 * <p>The area of a polygon is a sum over its boundary's directed edges (the shoelace formula: half the sum of the
 * cross products of each edge's ends), whichever rings the edges join into. The boundary of the intersection of a
 * unit and a footprint is made of two kinds of edges, each directed with the intersection's inside on its left: the
 * parts of the unit's edges inside the footprint (each edge clipped to the convex footprint, Cyrus–Beck), and the
 * parts of the footprint's edges inside the unit, between the points where the unit's boundary crosses the footprint's.
 * Where the unit's boundary leaves the footprint, a stretch of the footprint's boundary inside the unit begins; it ends
 * where the unit's boundary comes back in. The footprint's boundary is walked from each such exit to the next entry,
 * through the corners between. With no crossing at all, the footprint's boundary lies wholly inside or wholly outside
 * the unit, which one point of it tells.
 *
 * <p>The vertices are those an intersection would have (the unit's inside the footprint, the crossings, the
 * footprint's corners inside the unit), each projected on the footprint's Gauss–Krüger zone, and the edges are the
 * intersection's edges between them, so the measure agrees with that of the intersection projected and measured, to
 * rounding, however often a ring leaves and re-enters the footprint and whether or not holes cross it. Rings may be
 * oriented either way: each ring's edges are summed as read and the ring's sum turned when its orientation is not that
 * of its role (a shell counter-clockwise, a hole clockwise).
 *
 * <p>Degenerate contacts are left to the overlay: a vertex of the unit on the footprint's boundary, a crossing at a
 * footprint corner, two crossings at one point, or crossings that do not alternate between exit and entry along the
 * footprint's boundary (the signs of nearly collinear configurations rounded apart). The area is then NaN.
 */
final class ConvexClip {

    /** Footprints of more vertices are intersected (a clip costs a test per edge of the footprint). */
    static final int MAX_EDGES = 64;

    private final double[] xs;
    private final double[] ys;
    private final Envelope envelope;

    private ConvexClip(double[] xs, double[] ys) {
        this.xs = xs;
        this.ys = ys;
        this.envelope = new Envelope();
        for (int i = 0; i < xs.length; i++) {
            envelope.expandToInclude(xs[i], ys[i]);
        }
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
        int size = ring.size() - 1;
        if (size < 3 || size > MAX_EDGES) {
            return null;
        }
        double[] xs = new double[size];
        double[] ys = new double[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            double x = ring.getX(i);
            double y = ring.getY(i);
            if (n > 0 && x == xs[n - 1] && y == ys[n - 1]) {
                continue; // a repeated vertex: no edge
            }
            xs[n] = x;
            ys[n++] = y;
        }
        while (n > 1 && xs[n - 1] == xs[0] && ys[n - 1] == ys[0]) {
            n--;
        }
        if (n < 3) {
            return null;
        }
        xs = Arrays.copyOf(xs, n);
        ys = Arrays.copyOf(ys, n);
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

    /** How a unit lies against the footprint. */
    enum Contact {
        /** No part of the unit is inside the footprint. */
        APART,
        /** The unit covers the footprint: no edge of the unit inside it, and the footprint's boundary inside the unit. */
        UNIT_COVERS_FOOTPRINT,
        /** The footprint covers the unit: every edge of the unit inside it. */
        FOOTPRINT_COVERS_UNIT,
        /** The unit's boundary crosses the footprint, or parts of it lie inside and others outside. */
        CROSSING
    }

    /** The part of a unit inside the footprint: its area in m² on the zone asked for, and how the two lie. */
    record Clipped(double areaM2, Contact contact) {}

    /**
     * The area in m² on {@code zone} of a polygonal unit's part inside the footprint, or NaN where the unit touches the
     * footprint degenerately (see the class): the caller intersects instead.
     */
    double areaM2(Geometry unit, int zone) {
        Clipped clipped = clip(unit, zone);
        return clipped == null ? Double.NaN : clipped.areaM2();
    }

    /**
     * The part of a polygonal unit inside the footprint, measured on {@code zone}, or null where the unit touches the
     * footprint degenerately (see the class): the caller intersects instead.
     */
    Clipped clip(Geometry unit, int zone) {
        if (!envelope.intersects(unit.getEnvelopeInternal())) {
            return new Clipped(0, Contact.APART);
        }
        Sum sum = new Sum(zone);
        for (int i = 0; i < unit.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) unit.getGeometryN(i);
            if (!envelope.intersects(polygon.getEnvelopeInternal())) {
                sum.allInside = false;
                continue;
            }
            if (!sum.ring(polygon.getExteriorRing(), true)) {
                return null;
            }
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                if (!sum.ring(polygon.getInteriorRingN(h), false)) {
                    return null;
                }
            }
        }
        double area = sum.area(unit);
        if (Double.isNaN(area)) {
            return null;
        }
        Contact contact;
        if (area == 0) {
            contact = Contact.APART;
        } else if (!sum.crossings.isEmpty()) {
            contact = Contact.CROSSING;
        } else if (sum.noneInside && sum.boundaryInside) {
            contact = Contact.UNIT_COVERS_FOOTPRINT;
        } else if (sum.allInside && !sum.boundaryInside) {
            contact = Contact.FOOTPRINT_COVERS_UNIT;
        } else {
            contact = Contact.CROSSING;
        }
        return new Clipped(area, contact);
    }

    /** Where the unit's boundary crosses edge {@code edge} of the footprint, at {@code s} along it (0…1). */
    private record Crossing(int edge, double s, boolean exit, double px, double py) {}

    /** The shoelace sum of one unit's intersection with the footprint, projected, relative to the first corner. */
    private final class Sum {
        private final GaussKruger.Projection projection;
        private final double[] corners;
        private final double[] point = new double[2];
        private final List<Crossing> crossings = new ArrayList<>();
        private double total;
        /** Whether every edge of the unit lies wholly inside the footprint (so far). */
        boolean allInside = true;
        /** Whether no edge of the unit has any part inside the footprint (so far). */
        boolean noneInside = true;
        /** Whether the footprint's boundary lies inside the unit, found when the unit's boundary does not cross it. */
        boolean boundaryInside;

        Sum(int zone) {
            projection = GaussKruger.projection(zone);
            corners = new double[2 * xs.length];
            for (int i = 0; i < xs.length; i++) {
                projection.project(xs[i], ys[i], corners, 2 * i);
            }
        }

        /**
         * Adds the parts of a ring's edges inside the footprint and notes where it crosses the footprint's boundary;
         * false when it touches the boundary degenerately.
         */
        boolean ring(LinearRing ring, boolean shell) {
            if (!envelope.intersects(ring.getEnvelopeInternal())) {
                allInside = false;
                return true;
            }
            CoordinateSequence seq = ring.getCoordinateSequence();
            double[] raw;
            int dim;
            if (seq instanceof PackedCoordinateSequence.Double packed) {
                raw = packed.getRawCoordinates();
                dim = packed.getDimension();
            } else {
                raw = new double[2 * seq.size()];
                dim = 2;
                for (int i = 0; i < seq.size(); i++) {
                    raw[2 * i] = seq.getX(i);
                    raw[2 * i + 1] = seq.getY(i);
                }
            }
            int n = seq.size();
            double minX = envelope.getMinX();
            double maxX = envelope.getMaxX();
            double minY = envelope.getMinY();
            double maxY = envelope.getMaxY();
            double x0 = raw[0];
            double y0 = raw[1];
            double orientation = 0;
            double ringSum = 0;
            int first = crossings.size();
            // the projection of the last vertex found inside, to be reused by the next edge starting there
            int projectedVertex = -1;
            double qpx = 0;
            double qpy = 0;
            for (int i = 0; i + 1 < n; i++) {
                double px = raw[i * dim];
                double py = raw[i * dim + 1];
                double qx = raw[(i + 1) * dim];
                double qy = raw[(i + 1) * dim + 1];
                orientation += (px - x0) * (qy - y0) - (qx - x0) * (py - y0);
                if ((px < minX && qx < minX)
                        || (px > maxX && qx > maxX)
                        || (py < minY && qy < minY)
                        || (py > maxY && qy > maxY)) {
                    allInside = false;
                    continue;
                }
                // Cyrus–Beck: the stretch [t0, t1] of p→q inside every edge's half-plane
                double t0 = 0;
                double t1 = 1;
                int in = -1;
                int out = -1;
                boolean tieIn = false;
                boolean tieOut = false;
                boolean outside = false;
                double minP = Double.POSITIVE_INFINITY;
                double minQ = Double.POSITIVE_INFINITY;
                for (int e = 0; e < xs.length; e++) {
                    double sp = side(e, px, py);
                    double sq = side(e, qx, qy);
                    minP = Math.min(minP, sp);
                    minQ = Math.min(minQ, sq);
                    if (sp < 0 && sq < 0) {
                        outside = true;
                    } else if (sp < 0) {
                        double t = sp / (sp - sq);
                        if (t > t0) {
                            t0 = t;
                            in = e;
                            tieIn = false;
                        } else if (t == t0 && in >= 0) {
                            tieIn = true;
                        }
                    } else if (sq < 0) {
                        double t = sp / (sp - sq);
                        if (t < t1) {
                            t1 = t;
                            out = e;
                            tieOut = false;
                        } else if (t == t1 && out >= 0) {
                            tieOut = true;
                        }
                    }
                }
                if (minP == 0 || minQ == 0) {
                    return false; // a vertex on the footprint's boundary
                }
                if (outside || t0 > t1) {
                    allInside = false;
                    continue;
                }
                if (t0 == t1 || tieIn || tieOut) {
                    return false; // through a corner, or touching the boundary at one point
                }
                double ax;
                double ay;
                if (in < 0) {
                    if (projectedVertex == i) {
                        ax = qpx;
                        ay = qpy;
                    } else {
                        projection.project(px, py, point, 0);
                        ax = point[0];
                        ay = point[1];
                    }
                } else {
                    if (!cross(in, px, py, qx, qy, t0, false)) {
                        return false;
                    }
                    ax = point[0];
                    ay = point[1];
                }
                double bx;
                double by;
                if (out < 0) {
                    projection.project(qx, qy, point, 0);
                    bx = point[0];
                    by = point[1];
                    projectedVertex = i + 1;
                    qpx = bx;
                    qpy = by;
                } else {
                    if (!cross(out, px, py, qx, qy, t1, true)) {
                        return false;
                    }
                    bx = point[0];
                    by = point[1];
                }
                noneInside = false;
                if (in >= 0 || out >= 0) {
                    allInside = false;
                }
                ringSum += crossProduct(ax, ay, bx, by);
            }
            if ((orientation > 0) != shell) {
                // the ring runs against its role: its edges are summed turned, and its exits are entries
                ringSum = -ringSum;
                for (int c = first; c < crossings.size(); c++) {
                    Crossing k = crossings.get(c);
                    crossings.set(c, new Crossing(k.edge(), k.s(), !k.exit(), k.px(), k.py()));
                }
            }
            total += ringSum;
            return true;
        }

        /**
         * Notes where edge p→q of the unit crosses footprint edge {@code e}, at {@code t} along p→q, and leaves the
         * crossing projected in {@code point}; false when it lies at a corner of the footprint.
         */
        private boolean cross(int e, double px, double py, double qx, double qy, double t, boolean exit) {
            double x = px + t * (qx - px);
            double y = py + t * (qy - py);
            int f = (e + 1) % xs.length;
            double dx = xs[f] - xs[e];
            double dy = ys[f] - ys[e];
            double s = ((x - xs[e]) * dx + (y - ys[e]) * dy) / (dx * dx + dy * dy);
            if (!(s > 0 && s < 1)) {
                return false;
            }
            projection.project(x, y, point, 0);
            crossings.add(new Crossing(e, s, exit, point[0], point[1]));
            return true;
        }

        /** The area in m², the footprint's boundary inside the unit added; NaN when the crossings do not pair up. */
        double area(Geometry unit) {
            int m = xs.length;
            if (crossings.isEmpty()) {
                int location = SimplePointInAreaLocator.locate(new Coordinate(xs[0], ys[0]), unit);
                if (location == Location.BOUNDARY) {
                    return Double.NaN;
                }
                if (location == Location.INTERIOR) {
                    boundaryInside = true;
                    total += boundarySum();
                }
            } else {
                crossings.sort(Comparator.comparingInt(Crossing::edge).thenComparingDouble(Crossing::s));
                int k = crossings.size();
                for (int c = 0; c < k; c++) {
                    Crossing a = crossings.get(c);
                    Crossing b = crossings.get((c + 1) % k);
                    if (a.exit() == b.exit() || (k > 1 && a.edge() == b.edge() && a.s() == b.s())) {
                        return Double.NaN;
                    }
                    if (!a.exit()) {
                        continue;
                    }
                    // from an exit along the footprint's boundary, through the corners between, to the next entry
                    double fx = a.px();
                    double fy = a.py();
                    if (b.edge() != a.edge() || b.s() < a.s()) {
                        int corner = (a.edge() + 1) % m;
                        while (true) {
                            double cx = corners[2 * corner];
                            double cy = corners[2 * corner + 1];
                            total += crossProduct(fx, fy, cx, cy);
                            fx = cx;
                            fy = cy;
                            if (corner == b.edge()) {
                                break;
                            }
                            corner = (corner + 1) % m;
                        }
                    }
                    total += crossProduct(fx, fy, b.px(), b.py());
                }
            }
            double area = total / 2;
            if (area < 0) {
                // rounding of an intersection of nothing, or a configuration the signs did not agree on
                return area > -1e-9 * boundarySum() / 2 ? 0 : Double.NaN;
            }
            return area;
        }

        /** The shoelace sum of the footprint's whole boundary, projected: twice its area. */
        private double boundarySum() {
            double s = 0;
            int m = xs.length;
            for (int i = 0; i < m; i++) {
                int j = (i + 1) % m;
                s += crossProduct(corners[2 * i], corners[2 * i + 1], corners[2 * j], corners[2 * j + 1]);
            }
            return s;
        }

        /** The cross product of a and b taken from the first corner (projected), for the shoelace sum. */
        private double crossProduct(double ax, double ay, double bx, double by) {
            double ox = corners[0];
            double oy = corners[1];
            return (ax - ox) * (by - oy) - (bx - ox) * (ay - oy);
        }
    }

    /** Positive left of footprint edge {@code e}, negative right, 0 on its line. */
    private double side(int e, double px, double py) {
        int f = e + 1 == xs.length ? 0 : e + 1;
        double ax = xs[e];
        double ay = ys[e];
        return (xs[f] - ax) * (py - ay) - (ys[f] - ay) * (px - ax);
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
