package org.zoninghub.spatial.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.zoninghub.spatial.GaussKruger;

/**
 * The clipped area of a unit against that of the overlay it replaces, for convex footprints of every shape, within
 * 1e-9 of the footprint's area; what the clip leaves to the overlay (NaN: a ring crossing an edge's line more than
 * twice, a hole across the footprint's boundary) is not compared.
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
        Random random = new Random(42);
        int clipped = 0;
        for (int i = 0; i < 2000; i++) {
            Polygon footprint = convex(random);
            ConvexClip clip = ConvexClip.of(footprint);
            assertThat(clip).as("a convex footprint is clipped").isNotNull();
            int zone = GaussKruger.zoneOf(footprint.getCentroid().getX());
            double expected =
                    GaussKruger.areaM2(OverlayNGRobust.overlay(COMB, footprint, OverlayNG.INTERSECTION), zone);
            double actual = clip.areaM2(COMB, zone);
            if (Double.isNaN(actual)) {
                continue;
            }
            assertThat(actual)
                    .as("footprint %s", footprint)
                    .isCloseTo(expected, within(GaussKruger.areaM2(footprint, zone) * 1e-9));
            if (expected > 0) {
                clipped++;
            }
        }
        assertThat(clipped).as("footprints clipped that overlap the unit").isGreaterThan(200);
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
