package org.zoninghub.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.zoninghub.spatial.GaussKruger;

/**
 * Geometry on the fixed 1e-7° grid the dataset is written on, and the synthetic shapes it is built from.
 *
 * <p>Every coordinate is snapped to the grid when it is created and every overlay runs with snap-rounding on the
 * same grid, so the geometry in memory is exactly the geometry written with seven decimals, and neighbouring units
 * share their boundaries vertex for vertex (a partition without slivers). Shapes are drawn in a local kilometre
 * frame around the city and converted to longitude/latitude; trigonometry uses {@link StrictMath} so that every JVM
 * produces the same bytes.
 */
final class GridGeometry {

    /** Seven decimals of a degree: about 1 cm on the ground. */
    static final PrecisionModel GRID = new PrecisionModel(1e7);

    /** CGCS2000 geographic, longitude first. */
    static final GeometryFactory FACTORY = new GeometryFactory(GRID, 4490);

    /** Origin of the local kilometre frame (the middle of the city). */
    static final double LON0 = 125.40;

    static final double LAT0 = 42.80;

    /** Kilometres per degree of longitude and latitude at the origin's latitude. */
    static final double KM_PER_LON = 111.32 * StrictMath.cos(StrictMath.toRadians(LAT0));

    static final double KM_PER_LAT = 111.05;

    private GridGeometry() {}

    /** A grid coordinate from a point of the local kilometre frame. */
    static Coordinate fromKm(double xKm, double yKm) {
        Coordinate c = new Coordinate(LON0 + xKm / KM_PER_LON, LAT0 + yKm / KM_PER_LAT);
        GRID.makePrecise(c);
        return c;
    }

    static double xKm(double lon) {
        return (lon - LON0) * KM_PER_LON;
    }

    static double yKm(double lat) {
        return (lat - LAT0) * KM_PER_LAT;
    }

    static Geometry intersection(Geometry a, Geometry b) {
        return OverlayNG.overlay(a, b, OverlayNG.INTERSECTION, GRID);
    }

    static Geometry difference(Geometry a, Geometry b) {
        return OverlayNG.overlay(a, b, OverlayNG.DIFFERENCE, GRID);
    }

    static Geometry union(Geometry a, Geometry b) {
        return OverlayNG.overlay(a, b, OverlayNG.UNION, GRID);
    }

    /** Union of several geometries, pairwise in a balanced tree (faster than a running union). */
    static Geometry unionAll(List<? extends Geometry> geometries) {
        if (geometries.isEmpty()) {
            return FACTORY.createMultiPolygon();
        }
        List<Geometry> level = new ArrayList<>(geometries);
        while (level.size() > 1) {
            List<Geometry> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? union(level.get(i), level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.get(0);
    }

    /** Area in km² on the hub's Gauss–Krüger zone. */
    static double areaKm2(Geometry g) {
        return GaussKruger.areaM2(g) / 1e6;
    }

    /**
     * The polygonal part of an overlay result as a MultiPolygon in a canonical form: polygons and ring starts in
     * JTS normal order, exterior rings counter-clockwise and holes clockwise (RFC 7946).
     */
    static MultiPolygon canonical(Geometry g) {
        List<Polygon> polygons = new ArrayList<>();
        for (Object o : PolygonExtracter.getPolygons(g)) {
            Polygon p = (Polygon) o;
            if (!p.isEmpty()) {
                polygons.add(orient((Polygon) p.norm()));
            }
        }
        polygons.sort(Comparator.comparing((Polygon p) -> p.getExteriorRing().getCoordinateN(0)));
        return FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    private static Polygon orient(Polygon p) {
        LinearRing shell = p.getExteriorRing();
        if (!Orientation.isCCW(shell.getCoordinateSequence())) {
            shell = shell.reverse();
        }
        LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
        for (int i = 0; i < holes.length; i++) {
            LinearRing hole = p.getInteriorRingN(i);
            holes[i] = Orientation.isCCW(hole.getCoordinateSequence()) ? hole.reverse() : hole;
        }
        return FACTORY.createPolygon(shell, holes);
    }

    /**
     * A "fractal" radial profile: 1 + Σ a_k·sin(kθ + φ_k) over one or more bands of harmonics, amplitudes falling as
     * k^-roughness within a band and scaled so that each band moves the profile by at most its deviation. As long as
     * the deviations add up to less than one the radius stays positive, and a polygon whose radius is a positive
     * function of the angle is star-shaped around its centre, hence always simple.
     */
    static final class RadialNoise {
        private final List<double[]> terms = new ArrayList<>();

        /** Adds harmonics kMin..kMax moving the profile by at most {@code maxDeviation}. */
        RadialNoise band(Random random, int kMin, int kMax, double roughness, double maxDeviation) {
            terms.addAll(harmonics(random, kMin, kMax, roughness, maxDeviation));
            return this;
        }

        double at(double theta) {
            double v = 1.0;
            for (double[] t : terms) {
                v += t[1] * StrictMath.sin(t[0] * theta + t[2]);
            }
            return v;
        }
    }

    /** Terms {k, amplitude, phase} whose amplitudes add up to {@code total}. */
    private static List<double[]> harmonics(Random random, int kMin, int kMax, double roughness, double total) {
        List<double[]> terms = new ArrayList<>();
        double sum = 0;
        for (int k = kMin; k <= kMax; k++) {
            double amplitude = StrictMath.pow(k, -roughness) * (0.5 + random.nextDouble());
            terms.add(new double[] {k, amplitude, random.nextDouble() * 2 * StrictMath.PI});
            sum += amplitude;
        }
        for (double[] t : terms) {
            t[1] *= total / sum;
        }
        return terms;
    }

    /**
     * A shape drawn once at unit size around an anchor point and produced at any scale, the whole shape scaling about
     * the anchor in the local kilometre frame: parts are joined, holes are cut out. Each part or hole is a noisy
     * star-shaped blob: an ellipse of a mean radius (km), aspect ratio (long/short) and orientation (degrees
     * counter-clockwise from east), roughened by a radial noise profile.
     */
    static final class Sketch {
        private final double anchorX;
        private final double anchorY;
        private final List<double[][]> parts = new ArrayList<>();
        private final List<double[][]> holes = new ArrayList<>();

        Sketch(double anchorLon, double anchorLat) {
            anchorX = xKm(anchorLon);
            anchorY = yKm(anchorLat);
        }

        Sketch part(
                double offsetXKm,
                double offsetYKm,
                double radiusKm,
                double aspect,
                double orientationDeg,
                RadialNoise noise,
                int vertices) {
            parts.add(ring(offsetXKm, offsetYKm, radiusKm, aspect, orientationDeg, noise, vertices));
            return this;
        }

        Sketch hole(
                double offsetXKm,
                double offsetYKm,
                double radiusKm,
                double aspect,
                double orientationDeg,
                RadialNoise noise,
                int vertices) {
            holes.add(ring(offsetXKm, offsetYKm, radiusKm, aspect, orientationDeg, noise, vertices));
            return this;
        }

        /** The shape at a scale, on the grid. */
        Geometry at(double scale) {
            List<Polygon> shapes = parts.stream().map(r -> polygon(r, scale)).toList();
            Geometry shape = shapes.size() == 1 ? shapes.get(0) : unionAll(shapes);
            if (!holes.isEmpty()) {
                shape = difference(
                        shape,
                        unionAll(holes.stream().map(r -> polygon(r, scale)).toList()));
            }
            return shape;
        }

        private Polygon polygon(double[][] ring, double scale) {
            int n = ring[0].length;
            Coordinate[] coordinates = new Coordinate[n + 1];
            for (int i = 0; i < n; i++) {
                coordinates[i] = fromKm(anchorX + scale * ring[0][i], anchorY + scale * ring[1][i]);
            }
            coordinates[n] = coordinates[0].copy();
            return FACTORY.createPolygon(coordinates);
        }

        private static double[][] ring(
                double offsetX,
                double offsetY,
                double radiusKm,
                double aspect,
                double orientationDeg,
                RadialNoise noise,
                int vertices) {
            double a = radiusKm * StrictMath.sqrt(aspect);
            double b = radiusKm / StrictMath.sqrt(aspect);
            double rot = StrictMath.toRadians(orientationDeg);
            double[][] ring = new double[2][vertices];
            for (int i = 0; i < vertices; i++) {
                double theta = 2 * StrictMath.PI * i / vertices;
                double u = StrictMath.cos(theta - rot) / a;
                double v = StrictMath.sin(theta - rot) / b;
                double r = noise.at(theta) / StrictMath.sqrt(u * u + v * v);
                ring[0][i] = offsetX + r * StrictMath.cos(theta);
                ring[1][i] = offsetY + r * StrictMath.sin(theta);
            }
            return ring;
        }
    }

    /**
     * The half-plane to the right of a wiggly line, as a polygon: the line runs from (lon0, lat0) to (lon1, lat1),
     * shifted sideways by {@code offsetKm} (positive to the right) and displaced by a sum of sines along its length;
     * being the graph of a function over a straight base line it never crosses itself.
     */
    static Polygon rightOfWigglyLine(
            double lon0, double lat0, double lon1, double lat1, double offsetKm, WigglyProfile profile, int vertices) {
        double x0 = xKm(lon0);
        double y0 = yKm(lat0);
        double dx = xKm(lon1) - x0;
        double dy = yKm(lat1) - y0;
        double length = StrictMath.hypot(dx, dy);
        double ux = dx / length;
        double uy = dy / length;
        double nx = uy; // right-hand normal
        double ny = -ux;
        double far = 400.0;
        double[] displacement = profile.sample(vertices);
        Coordinate[] ring = new Coordinate[vertices + 4];
        for (int i = 0; i <= vertices; i++) {
            double t = (double) i / vertices;
            double off = offsetKm + displacement[i];
            ring[i] = fromKm(x0 + dx * t + nx * off, y0 + dy * t + ny * off);
        }
        ring[vertices + 1] = fromKm(x0 + dx + nx * far, y0 + dy + ny * far);
        ring[vertices + 2] = fromKm(x0 + nx * far, y0 + ny * far);
        ring[vertices + 3] = ring[0].copy();
        return FACTORY.createPolygon(ring);
    }

    /**
     * Sideways displacement (km) along a line, t in [0, 1]: Σ a_k·sin(πkt + φ_k) over bands of harmonics, amplitudes
     * falling as k^-roughness within a band.
     */
    static final class WigglyProfile {
        private final List<double[]> terms = new ArrayList<>();

        /** Adds harmonics kMin..kMax displacing the line by at most {@code maxKm}. */
        WigglyProfile band(Random random, int kMin, int kMax, double roughness, double maxKm) {
            terms.addAll(harmonics(random, kMin, kMax, roughness, maxKm));
            return this;
        }

        private double[] samples;

        /** The displacement at t = i / vertices for i = 0..vertices (computed once). */
        double[] sample(int vertices) {
            if (samples == null || samples.length != vertices + 1) {
                samples = new double[vertices + 1];
                for (int i = 0; i <= vertices; i++) {
                    double t = (double) i / vertices;
                    for (double[] term : terms) {
                        samples[i] += term[1] * StrictMath.sin(StrictMath.PI * term[0] * t + term[2]);
                    }
                }
            }
            return samples;
        }
    }

    /**
     * Solves f(x) = target for an increasing f on [lo, hi] by the Illinois variant of regula falsi, stopping when
     * f is within {@code tolerance} of the target (or after a fixed number of steps): deterministic, and far fewer
     * evaluations of an expensive f than bisection.
     */
    static double solve(DoubleUnaryOperator f, double target, double lo, double hi, double tolerance) {
        double flo = f.applyAsDouble(lo) - target;
        double fhi = f.applyAsDouble(hi) - target;
        if (flo > 0 || fhi < 0) {
            throw new IllegalStateException("no solution in [" + lo + ", " + hi + "]: " + flo + ", " + fhi);
        }
        int side = 0;
        double x = lo;
        for (int i = 0; i < 60; i++) {
            x = (lo * fhi - hi * flo) / (fhi - flo);
            double fx = f.applyAsDouble(x) - target;
            if (StrictMath.abs(fx) <= tolerance) {
                return x;
            }
            if (fx < 0) {
                lo = x;
                flo = fx;
                if (side == -1) {
                    fhi /= 2;
                }
                side = -1;
            } else {
                hi = x;
                fhi = fx;
                if (side == 1) {
                    flo /= 2;
                }
                side = 1;
            }
        }
        return x;
    }
}
