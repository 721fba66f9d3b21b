package org.zoninghub.spatial.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.zoninghub.spatial.CompactCoordinates;
import org.zoninghub.spatial.GaussKruger;

/**
 * The clipped area of a unit against that of the overlay it replaces, for convex footprints of every shape, within
 * 1e-9 of the footprint's area: rings that leave and re-enter a footprint many times, holes across its boundary, rings
 * oriented either way, packed coordinates; and degenerate contacts left to the overlay (NaN).
 */
class ConvexClipTest {

    static final GeometryFactory F = new GeometryFactory();

    /** A concave shell (a comb of teeth) with two holes, and a second part: rings leave and re-enter any footprint. */
    static final Geometry COMB = wkt("MULTIPOLYGON (((125.0 42.8, 125.4 42.8, 125.4 43.0, 125.35 43.0, 125.35 42.85,"
            + " 125.3 42.85, 125.3 43.0, 125.25 43.0, 125.25 42.85, 125.2 42.85, 125.2 43.0, 125.15 43.0,"
            + " 125.15 42.85, 125.1 42.85, 125.1 43.0, 125.0 43.0, 125.0 42.8),"
            + " (125.02 42.81, 125.02 42.83, 125.08 42.83, 125.08 42.81, 125.02 42.81),"
            + " (125.3 42.81, 125.3 42.84, 125.38 42.84, 125.38 42.81, 125.3 42.81)),"
            + " ((125.45 42.8, 125.6 42.8, 125.52 42.95, 125.45 42.8)))");

    @Test
    void theClippedAreaIsTheIntersectionsArea() {
        assertClippedAsIntersected(COMB, 2000, 200);
    }

    @Test
    void ringsOrientedAgainstTheirRolesAreClippedAlike() {
        assertClippedAsIntersected(COMB.reverse(), 2000, 200);
    }

    @Test
    void aRingCrossingTheFootprintsEdgesManyTimesIsClipped() {
        Geometry wiggly = wiggly(new GeometryFactory());
        assertClippedAsIntersected(wiggly, 1000, 300);
        assertClippedAsIntersected(new GeometryFactory(CompactCoordinates.XY).createGeometry(wiggly), 1000, 300);
    }

    @Test
    void degenerateContactsAreLeftToTheOverlay() {
        Geometry unit = wkt("POLYGON ((125 42, 125.2 42, 125.2 42.2, 125 42.2, 125 42))");
        int zone = 41;
        assertThat(ConvexClip.of(wkt("POLYGON ((125.1 42.1, 125.3 42.1, 125.3 42.3, 125.1 42.3, 125.1 42.1))"))
                        .areaM2(
                                wkt("POLYGON ((125 42, 125.2 42, 125.2 42.1, 125.15 42.1, 125.15 42.2, 125 42.2,"
                                        + " 125 42))"),
                                zone))
                .as("a unit's vertex on the footprint's edge")
                .isNaN();
        assertThat(ConvexClip.of(wkt("POLYGON ((125.1 42.1, 125.2 42.1, 125.2 42.3, 125.1 42.3, 125.1 42.1))"))
                        .areaM2(unit, zone))
                .as("an edge along the footprint's edge")
                .isNaN();
        Geometry diagonal = wkt("POLYGON ((125.1 42.1, 125.3 42.3, 125.1 42.3, 125.1 42.1))");
        double onDiagonal = ConvexClip.of(diagonal).areaM2(unit, zone);
        if (!Double.isNaN(onDiagonal)) {
            // the corner lies on the diagonal only as written in decimal: in binary it lies on one side
            assertThat(onDiagonal)
                    .as("the unit's corner on the footprint's diagonal edge, as rounded")
                    .isCloseTo(
                            GaussKruger.areaM2(OverlayNGRobust.overlay(unit, diagonal, OverlayNG.INTERSECTION), zone),
                            within(GaussKruger.areaM2(diagonal, zone) * 1e-9));
        }
        Geometry inside = wkt("POLYGON ((125.05 42.05, 125.15 42.05, 125.15 42.15, 125.05 42.15, 125.05 42.05))");
        assertThat(ConvexClip.of(inside).areaM2(unit, zone))
                .as("a footprint inside the unit")
                .isCloseTo(GaussKruger.areaM2(inside, zone), within(1e-6));
        assertThat(ConvexClip.of(inside).areaM2(wkt("POLYGON ((126 42, 126.1 42, 126.1 42.1, 126 42))"), zone))
                .as("apart")
                .isZero();
    }

    private static void assertClippedAsIntersected(Geometry unit, int footprints, int overlapping) {
        Random random = new Random(42);
        int clipped = 0;
        for (int i = 0; i < footprints; i++) {
            Polygon footprint = convex(random);
            ConvexClip clip = ConvexClip.of(footprint);
            assertThat(clip).as("a convex footprint is clipped").isNotNull();
            int zone = GaussKruger.zoneOf(footprint.getCentroid().getX());
            double expected =
                    GaussKruger.areaM2(OverlayNGRobust.overlay(unit, footprint, OverlayNG.INTERSECTION), zone);
            double actual = clip.areaM2(unit, zone);
            assertThat(actual)
                    .as("footprint %s", footprint)
                    .isCloseTo(expected, within(GaussKruger.areaM2(footprint, zone) * 1e-9));
            if (expected > 0) {
                clipped++;
            }
        }
        assertThat(clipped).as("footprints clipped that overlap the unit").isGreaterThan(overlapping);
    }

    /**
     * A unit whose shell runs in 2,000 vertices along a wave of short wavelength over the city's extent, with a ragged
     * hole: any footprint's edge line is crossed by it again and again.
     */
    static Geometry wiggly(GeometryFactory factory) {
        int n = 1000;
        Coordinate[] shell = new Coordinate[2 * n + 1];
        for (int i = 0; i < n; i++) {
            double x = 124.95 + 0.75 * i / (n - 1);
            shell[i] = new Coordinate(x, 42.95 + 0.04 * Math.sin(i * 0.7));
            shell[2 * n - 1 - i] = new Coordinate(x, 42.80 + 0.03 * Math.sin(i * 0.45 + 1));
        }
        shell[2 * n] = shell[0].copy();
        int h = 240;
        Coordinate[] hole = new Coordinate[h + 1];
        for (int i = 0; i < h; i++) {
            double a = -2 * Math.PI * i / h;
            double r = 0.02 + 0.008 * Math.sin(9 * a);
            hole[i] = new Coordinate(125.3 + 2.5 * r * Math.cos(a), 42.875 + r * Math.sin(a));
        }
        hole[h] = hole[0].copy();
        Polygon p = factory.createPolygon(
                factory.createLinearRing(shell), new LinearRing[] {factory.createLinearRing(hole)});
        assertThat(p.isValid()).as("the wavy unit is valid").isTrue();
        return p;
    }

    @Test
    void onlyAConvexPolygonWithoutHolesIsClipped() {
        assertThat(ConvexClip.of(wkt("POLYGON ((125 42, 125.1 42, 125.1 42.1, 125 42.1, 125 42))")))
                .isNotNull();
        assertThat(ConvexClip.of(wkt("POLYGON ((125 42, 125 42.1, 125.1 42.1, 125.1 42, 125 42))")))
                .as("clockwise")
                .isNotNull();
        assertThat(ConvexClip.of(wkt("POLYGON ((125 42, 125.05 42, 125.1 42, 125.1 42.1, 125 42.1, 125 42))")))
                .as("a collinear vertex")
                .isNotNull();
        assertThat(ConvexClip.of(wkt("POLYGON ((125 42, 125.1 42, 125.05 42.05, 125.1 42.1, 125 42.1, 125 42))")))
                .as("concave")
                .isNull();
        assertThat(ConvexClip.of(wkt("POLYGON ((125 42, 125.1 42, 125.1 42.1, 125 42.1, 125 42),"
                        + " (125.02 42.02, 125.02 42.04, 125.04 42.04, 125.04 42.02, 125.02 42.02))")))
                .as("with a hole")
                .isNull();
        assertThat(ConvexClip.of(wkt("MULTIPOLYGON (((125 42, 125.1 42, 125.1 42.1, 125 42.1, 125 42)))")))
                .isNull();
        assertThat(ConvexClip.of(regular(125.2, 42.9, 0.01, ConvexClip.MAX_EDGES + 1, 0)))
                .as("more edges than clipping pays for")
                .isNull();
    }

    /** A random convex polygon over or near the unit: a rotated rectangle, a triangle or a regular polygon. */
    static Polygon convex(Random random) {
        double cx = 124.95 + random.nextDouble() * 0.7;
        double cy = 42.75 + random.nextDouble() * 0.3;
        double r = 0.002 + random.nextDouble() * 0.1;
        double rotation = random.nextDouble() * Math.PI;
        return switch (random.nextInt(3)) {
            case 0 -> {
                double w = r;
                double h = r * (0.2 + random.nextDouble());
                Coordinate[] c = new Coordinate[5];
                double[][] corners = {{-w, -h}, {w, -h}, {w, h}, {-w, h}};
                for (int i = 0; i < 4; i++) {
                    double x = corners[i][0];
                    double y = corners[i][1];
                    c[i] = new Coordinate(
                            cx + x * Math.cos(rotation) - y * Math.sin(rotation),
                            cy + x * Math.sin(rotation) + y * Math.cos(rotation));
                }
                c[4] = c[0].copy();
                yield F.createPolygon(c);
            }
            case 1 -> regular(cx, cy, r, 3, rotation);
            default -> regular(cx, cy, r, 4 + random.nextInt(ConvexClip.MAX_EDGES - 4), rotation);
        };
    }

    static Polygon regular(double cx, double cy, double r, int n, double rotation) {
        Coordinate[] c = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double a = rotation + 2 * Math.PI * i / n;
            c[i] = new Coordinate(cx + r * Math.cos(a), cy + r * Math.sin(a));
        }
        c[n] = c[0].copy();
        return F.createPolygon(c);
    }

    static Geometry wkt(String text) {
        try {
            return new WKTReader(F).read(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
