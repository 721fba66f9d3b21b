package org.zoninghub.spatial.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.zoninghub.spatial.index.UnitIndex.Method;

/**
 * The index against hand-made units near 辽源 (zone 42): expected measures are computed here with JTS and proj4j
 * directly (intersection in lon/lat, then a transverse Mercator of GRS80 on 126°E), not with the hub's own helpers.
 */
class UnitIndexTest {

    static final GeometryFactory F = new GeometryFactory();
    static final CoordinateTransform TO_ZONE_42 = new CoordinateTransformFactory()
            .createTransform(
                    new CRSFactory().createFromName("EPSG:4490"),
                    new CRSFactory()
                            .createFromParameters(
                                    "gk42", "+proj=tmerc +lat_0=0 +lon_0=126 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80"));

    // A | B side by side sharing x = 125.2; C a small unit inside the strip east of B, D the rest of that strip
    static final Geometry A = wkt("POLYGON ((125.0 42.8, 125.2 42.8, 125.2 43.0, 125.0 43.0, 125.0 42.8))");
    static final Geometry B = wkt("POLYGON ((125.2 42.8, 125.4 42.8, 125.4 43.0, 125.2 43.0, 125.2 42.8))");
    static final Geometry C = wkt("POLYGON ((125.45 42.85, 125.5 42.85, 125.5 42.9, 125.45 42.9, 125.45 42.85))");
    static final Geometry D = wkt("POLYGON ((125.4 42.8, 125.6 42.8, 125.6 43.0, 125.4 43.0, 125.4 42.8),"
            + " (125.45 42.85, 125.45 42.9, 125.5 42.9, 125.5 42.85, 125.45 42.85))");

    static final UnitIndex<String> INDEX = new UnitIndex<>(List.of(
            new UnitIndex.Entry<>("A", A, area(A)),
            new UnitIndex.Entry<>("B", B, area(B)),
            new UnitIndex.Entry<>("C", C, area(C)),
            new UnitIndex.Entry<>("D", D, area(D))));

    static Stream<Arguments> polygons() {
        return Stream.of(
                // footprint, expected units in order of overlap, methods
                Arguments.of(
                        "inside A",
                        "POLYGON ((125.05 42.85, 125.1 42.85, 125.1 42.9, 125.05 42.9, 125.05 42.85))",
                        List.of("A"),
                        List.of(Method.UNIT_COVERS_FOOTPRINT)),
                Arguments.of(
                        "across A and B",
                        "POLYGON ((125.15 42.85, 125.3 42.85, 125.3 42.9, 125.15 42.9, 125.15 42.85))",
                        List.of("B", "A"),
                        List.of(Method.INTERSECTED, Method.INTERSECTED)),
                Arguments.of(
                        "covering C, inside C + D",
                        "POLYGON ((125.42 42.82, 125.55 42.82, 125.55 42.95, 125.42 42.95, 125.42 42.82))",
                        List.of("D", "C"),
                        List.of(Method.INTERSECTED, Method.FOOTPRINT_COVERS_UNIT)),
                Arguments.of(
                        "along the boundary A and B share (a degenerate contact: intersected, not clipped)",
                        "POLYGON ((125.2 42.85, 125.3 42.85, 125.3 42.9, 125.2 42.9, 125.2 42.85))",
                        List.of("B"),
                        List.of(Method.UNIT_COVERS_FOOTPRINT)),
                Arguments.of(
                        "partly outside every unit",
                        "POLYGON ((125.55 42.95, 125.7 42.95, 125.7 43.1, 125.55 43.1, 125.55 42.95))",
                        List.of("D"),
                        List.of(Method.INTERSECTED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("polygons")
    void polygonOverlapsAreTheProjectedIntersections(
            String name, String footprintWkt, List<String> units, List<Method> methods) {
        Geometry footprint = wkt(footprintWkt);

        UnitIndex.Result<String> result = INDEX.overlaps(Footprint.of(footprint));

        assertThat(result.overlaps()).extracting(UnitIndex.Overlap::unit).containsExactlyElementsOf(units);
        assertThat(result.overlaps()).extracting(UnitIndex.Overlap::method).containsExactlyElementsOf(methods);
        double fpArea = area(footprint);
        assertThat(result.footprint().areaM2()).isCloseTo(fpArea, within(fpArea * 1e-9));
        double covered = 0;
        for (UnitIndex.Overlap<String> o : result.overlaps()) {
            Geometry unit = switch (o.unit()) {
                case "A" -> A;
                case "B" -> B;
                case "C" -> C;
                default -> D;
            };
            double expected = area(unit.intersection(footprint));
            assertThat(o.areaM2()).as(o.unit()).isCloseTo(expected, within(expected * 1e-9));
            assertThat(o.ratio()).isCloseTo(expected / fpArea, within(1e-9));
            covered += expected;
        }
        assertThat(result.outsideRatio()).isCloseTo(Math.max(0, 1 - covered / fpArea), within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("polygons")
    void aUnitCheckedOftenAnswersAsWhenClippedFirst(
            String name, String footprintWkt, List<String> units, List<Method> methods) {
        // prepared indexes built at once, by the check that hands them over
        UnitIndex<String> fresh = new UnitIndex<>(
                List.of(
                        new UnitIndex.Entry<>("A", A, area(A)),
                        new UnitIndex.Entry<>("B", B, area(B)),
                        new UnitIndex.Entry<>("C", C, area(C)),
                        new UnitIndex.Entry<>("D", D, area(D))),
                Runnable::run);
        Footprint footprint = Footprint.of(wkt(footprintWkt));
        UnitIndex.Result<String> first = fresh.overlaps(footprint);

        for (int i = 0; i < 2 * UnitIndex.CLIPS_BEFORE_PREPARED; i++) {
            UnitIndex.Result<String> again = fresh.overlaps(footprint);
            assertThat(again.overlaps()).as("check %d", i + 2).isEqualTo(first.overlaps());
            assertThat(again.outsideRatio()).isEqualTo(first.outsideRatio());
        }
        assertThat(first.overlaps()).extracting(UnitIndex.Overlap::unit).containsExactlyElementsOf(units);
        assertThat(first.overlaps()).extracting(UnitIndex.Overlap::method).containsExactlyElementsOf(methods);
        assertThat(fresh.preparedUnits())
                .as("units checked often answer from prepared indexes")
                .isPositive();
    }

    @Test
    void preparedIndexesAreBuiltByTheBuilderWhileChecksGoOnClipping() {
        List<Runnable> queued = new ArrayList<>();
        int[] refusals = {1};
        UnitIndex<String> index = new UnitIndex<>(
                List.of(new UnitIndex.Entry<>("A", A, area(A)), new UnitIndex.Entry<>("B", B, area(B))), task -> {
                    if (refusals[0]-- > 0) {
                        throw new RejectedExecutionException("queue full");
                    }
                    queued.add(task);
                });
        // inside A, its envelope apart from B's
        Footprint footprint =
                Footprint.of(wkt("POLYGON ((125.05 42.85, 125.1 42.85, 125.1 42.9, 125.05 42.9, 125.05 42.85))"));
        UnitIndex.Result<String> first = index.overlaps(footprint);
        for (int i = 1; i < 3 * UnitIndex.CLIPS_BEFORE_PREPARED; i++) {
            assertThat(index.overlaps(footprint).overlaps()).isEqualTo(first.overlaps());
        }
        assertThat(refusals[0]).as("the builder refused once").isNegative();
        assertThat(queued).as("handed over again after the refusal, once").hasSize(1);
        assertThat(index.preparedUnits())
                .as("nothing built before the builder ran")
                .isZero();

        queued.forEach(Runnable::run);
        assertThat(index.preparedUnits()).isEqualTo(1);
        for (int i = 0; i < UnitIndex.CLIPS_BEFORE_PREPARED; i++) {
            assertThat(index.overlaps(footprint).overlaps()).isEqualTo(first.overlaps());
        }
        assertThat(queued).as("a unit's indexes are handed over once").hasSize(1);
        assertThat(first.overlaps())
                .extracting(UnitIndex.Overlap::method)
                .containsExactly(Method.UNIT_COVERS_FOOTPRINT);
    }

    @Test
    void aPointOnASharedBoundaryLiesInBothUnits() {
        UnitIndex.Result<String> result = INDEX.overlaps(Footprint.of(wkt("POINT (125.2 42.9)")));

        assertThat(result.overlaps()).extracting(UnitIndex.Overlap::unit).containsExactlyInAnyOrder("A", "B");
        assertThat(result.overlaps()).allSatisfy(o -> assertThat(o.ratio()).isEqualTo(1.0));
        assertThat(result.outsideRatio()).isZero();
    }

    @Test
    void pointsOutsideEveryUnitCountAsOutside() {
        UnitIndex.Result<String> result = INDEX.overlaps(
                Footprint.of(wkt("MULTIPOINT ((125.1 42.9), (126.5 42.9), (125.3 42.95), (125.9 43.5))")));

        assertThat(result.overlaps()).extracting(UnitIndex.Overlap::unit).containsExactly("A", "B");
        assertThat(result.outsideRatio()).isEqualTo(0.5);
    }

    @Test
    void aLineAcrossTwoUnitsIsSharedByLength() {
        Geometry line = wkt("LINESTRING (125.1 42.9, 125.3 42.95)");

        UnitIndex.Result<String> result = INDEX.overlaps(Footprint.of(line));

        double total = length(line);
        assertThat(result.footprint().lengthM()).isCloseTo(total, within(1e-6));
        assertThat(result.overlaps()).extracting(UnitIndex.Overlap::unit).containsExactlyInAnyOrder("A", "B");
        for (UnitIndex.Overlap<String> o : result.overlaps()) {
            double expected = length((o.unit().equals("A") ? A : B).intersection(line));
            assertThat(o.lengthM()).isCloseTo(expected, within(1e-6));
            assertThat(o.areaM2()).isZero();
        }
        // the pieces are projected chords of a line straight in lon/lat: they sum to its length within 1e-6
        assertThat(result.overlaps().get(0).lengthM() + result.overlaps().get(1).lengthM())
                .isCloseTo(total, within(total * 1e-6));
        assertThat(result.outsideRatio()).isCloseTo(0, within(1e-6));
    }

    @Test
    void aLineAlongASharedBoundaryCountsInBothUnits() {
        Geometry line = wkt("LINESTRING (125.2 42.85, 125.2 42.95)");

        UnitIndex.Result<String> result = INDEX.overlaps(Footprint.of(line));

        assertThat(result.overlaps()).extracting(UnitIndex.Overlap::unit).containsExactlyInAnyOrder("A", "B");
        assertThat(result.overlaps()).allSatisfy(o -> assertThat(o.ratio()).isCloseTo(1.0, within(1e-9)));
    }

    @Test
    void aPolygonTouchingAUnitOnlyAlongItsBoundaryDoesNotOverlapIt() {
        UnitIndex.Result<String> result = INDEX.overlaps(
                Footprint.of(wkt("POLYGON ((125.1 42.85, 125.2 42.85, 125.2 42.9, 125.1 42.9, 125.1 42.85))")));

        assertThat(result.overlaps()).extracting(UnitIndex.Overlap::unit).containsExactly("A");
    }

    @Test
    void farAwayFootprintsOverlapNothing() {
        UnitIndex.Result<String> result = INDEX.overlaps(
                Footprint.of(wkt("POLYGON ((116.3 39.9, 116.4 39.9, 116.4 40.0, 116.3 40.0, 116.3 39.9))")));

        assertThat(result.overlaps()).isEmpty();
        assertThat(result.outsideRatio()).isEqualTo(1.0);
        assertThat(result.footprint().zone()).isEqualTo(39);
    }

    @Test
    void anEmptyIndexAnswersEverythingOutside() {
        UnitIndex<String> empty = new UnitIndex<>(List.of());

        assertThat(empty.overlaps(Footprint.of(A)).outsideRatio()).isEqualTo(1.0);
        assertThat(empty.size()).isZero();
    }

    @Test
    void aMixedCollectionIsNotAFootprint() {
        Geometry mixed = F.createGeometryCollection(new Geometry[] {wkt("POINT (125.1 42.9)"), A});

        assertThatThrownBy(() -> Footprint.of(mixed)).hasMessageContaining("mixing");
    }

    static double area(Geometry lonLat) {
        return project(lonLat).getArea();
    }

    static double length(Geometry lonLat) {
        return project(lonLat).getLength();
    }

    static Geometry project(Geometry lonLat) {
        Geometry g = lonLat.copy();
        g.apply((Coordinate c) -> {
            ProjCoordinate out = new ProjCoordinate();
            TO_ZONE_42.transform(new ProjCoordinate(c.x, c.y), out);
            c.x = out.x;
            c.y = out.y;
        });
        g.geometryChanged();
        return g;
    }

    static Geometry wkt(String text) {
        try {
            return new WKTReader(F).read(text);
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
