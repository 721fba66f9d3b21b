package org.zoninghub.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/** Checks the proj4j-based Gauss–Krüger areas against an independent implementation of the Krüger series. */
class GaussKrugerTest {

    private static final double MM = 0.001;

    @ParameterizedTest
    @CsvSource({
        "125.5, 42.9",
        "126.0, 42.3",
        "124.9, 43.3",
        "125.25, 42.75",
        "124.51, 42.2",
        "127.49, 43.4",
        "126.7, 42.0"
    })
    void projectsLikeTheKrugerSeriesToAMillimetre(double lon, double lat) {
        Point point = Geographic.FACTORY.createPoint(new Coordinate(lon, lat));
        Coordinate projected = GaussKruger.toZone(point, 42).getCoordinate();
        double[] expected = KrugerTransverseMercator.forward(lon, lat, 126);

        assertThat(projected.x).isCloseTo(expected[0], within(MM));
        assertThat(projected.y).isCloseTo(expected[1], within(MM));
    }

    @Test
    void zoneOfLiaoyuanIs42WithCentralMeridian126() {
        int zone = GaussKruger.zoneOf(125.4);

        assertThat(zone).isEqualTo(42);
        assertThat(GaussKruger.centralMeridian(zone)).isEqualTo(126);
        assertThat(GaussKruger.epsgWithZonePrefix(zone)).isEqualTo(4530);
        assertThat(GaussKruger.zoneOf(124.49)).isEqualTo(41);
        assertThat(GaussKruger.zoneOf(124.51)).isEqualTo(42);
        assertThat(GaussKruger.zoneOf(127.49)).isEqualTo(42);
        assertThat(GaussKruger.zoneOf(127.51)).isEqualTo(43);
    }

    @Test
    void zoneMatchesTheEpsgDefinitionOfEpsg4530() {
        // EPSG:4530 is the same projection with the zone number as easting prefix (42 500 000 m false easting)
        var factory = new CRSFactory();
        var transform = new CoordinateTransformFactory()
                .createTransform(factory.createFromName("EPSG:4490"), factory.createFromName("EPSG:4530"));
        ProjCoordinate out = transform.transform(new ProjCoordinate(125.4, 42.9), new ProjCoordinate());
        Coordinate ours = GaussKruger.toZone(Geographic.FACTORY.createPoint(new Coordinate(125.4, 42.9)), 42)
                .getCoordinate();

        assertThat(out.x).isCloseTo(42_000_000 + ours.x, within(MM));
        assertThat(out.y).isCloseTo(ours.y, within(MM));
    }

    @Test
    void areaOfATenthDegreeCellAgreesWithTheKrugerSeries() {
        double[][] ring = {{125.5, 42.9}, {125.6, 42.9}, {125.6, 43.0}, {125.5, 43.0}, {125.5, 42.9}};
        double expected = KrugerTransverseMercator.shoelaceArea(ring, 126);

        assertThat(expected).isBetween(9.0e7, 9.2e7); // about 8.16 km × 11.1 km
        assertThat(GaussKruger.areaM2(polygon(ring))).isCloseTo(expected, within(expected * 1e-6));
    }

    @Test
    void areaOfALargeIrregularPolygonAgreesWithTheKrugerSeries() {
        double[][] ring = {
            {124.92, 42.41},
            {125.31, 42.33},
            {125.77, 42.52},
            {125.88, 42.97},
            {125.62, 43.28},
            {125.21, 43.12},
            {125.35, 42.84},
            {124.98, 42.77},
            {124.92, 42.41}
        };
        double expected = KrugerTransverseMercator.shoelaceArea(ring, 126);
        Polygon polygon = polygon(ring);

        assertThat(GaussKruger.zoneOf(polygon.getCentroid().getX())).isEqualTo(42);
        assertThat(expected).isGreaterThan(2.0e9);
        assertThat(GaussKruger.areaM2(polygon)).isCloseTo(expected, within(expected * 1e-6));
    }

    /**
     * On the central meridian the projection's scale is 1, so a 0.01° cell (≈ 815 m × 1.1 km) straddling it has nearly
     * its ellipsoidal area. The differences: the mean areal scale k² − 1 ≈ w²/(3R²) ≈ 1.4e-9 for half-width w ≈ 410 m,
     * and the projected cell's straight edges against the slightly curved images of its parallels and meridians, a few
     * 1e-9 more. So the relative difference must be below 1e-8; anything larger is a projection or formula error.
     */
    @Test
    void cellOnTheCentralMeridianHasItsEllipsoidalArea() {
        double[][] ring = {{125.995, 42.9}, {126.005, 42.9}, {126.005, 42.91}, {125.995, 42.91}, {125.995, 42.9}};
        double ellipsoidal = KrugerTransverseMercator.ellipsoidalQuadrangleArea(125.995, 126.005, 42.9, 42.91);

        double gk = GaussKruger.areaM2(polygon(ring));

        assertThat(ellipsoidal).isBetween(9.0e5, 9.2e5);
        assertThat(Math.abs(gk / ellipsoidal - 1)).isLessThan(1e-8);
    }

    /**
     * Away from the central meridian Gauss–Krüger areas are larger than ellipsoidal ones by the areal scale
     * k² ≈ 1 + x²/(ρν) at easting offset x (ρ, ν the radii of curvature); 1.4° west of 126°E at 42.9°N that is about
     * 3.2e-4. The neglected terms are of order (x²/(ρν))² ≈ 1e-7.
     */
    @Test
    void cellAwayFromTheCentralMeridianIsEnlargedByTheScaleFactor() {
        double lat = 42.905;
        double[][] ring = {{124.595, 42.9}, {124.605, 42.9}, {124.605, 42.91}, {124.595, 42.91}, {124.595, 42.9}};
        double ellipsoidal = KrugerTransverseMercator.ellipsoidalQuadrangleArea(124.595, 124.605, 42.9, 42.91);
        double s2 = Math.pow(Math.sin(Math.toRadians(lat)), 2);
        double a = KrugerTransverseMercator.A;
        double e2 = KrugerTransverseMercator.E2;
        double nu = a / Math.sqrt(1 - e2 * s2);
        double rho = a * (1 - e2) / Math.pow(1 - e2 * s2, 1.5);
        double x = KrugerTransverseMercator.forward(124.6, lat, 126)[0] - 500_000;
        double expectedScale = 1 + x * x / (rho * nu);

        double ratio = GaussKruger.areaM2(polygon(ring)) / ellipsoidal;

        assertThat(expectedScale - 1).isBetween(3.0e-4, 3.4e-4);
        assertThat(ratio).isCloseTo(expectedScale, within(1e-6));
    }

    @Test
    void emptyGeometryHasNoArea() {
        Geometry empty = Geographic.FACTORY.createPolygon();
        assertThat(GaussKruger.areaM2(empty)).isZero();
    }

    static Polygon polygon(double[][] ring) {
        return Geographic.FACTORY.createPolygon(
                Arrays.stream(ring).map(p -> new Coordinate(p[0], p[1])).toArray(Coordinate[]::new));
    }
}
