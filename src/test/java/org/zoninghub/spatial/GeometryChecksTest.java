package org.zoninghub.spatial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class GeometryChecksTest {

    private static final GeometryChecks CHECKS =
            new GeometryChecks(new Envelope(124.7, 126.0, 42.2, 43.4), "辽源市 (220400)");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "POLYGON ((125 42.5, 125.5 42.5, 125.5 43, 125 43, 125 42.5))",
                "MULTIPOLYGON (((125 42.5, 125.5 42.5, 125.5 43, 125 42.5)), ((125.6 42.6, 125.9 42.6, 125.9 42.9, 125.6 42.6)))",
                "POLYGON ((124.7 42.2, 126 42.2, 126 43.4, 124.7 43.4, 124.7 42.2), (125 42.5, 125 43, 125.5 43, 125 42.5))"
            })
    void acceptsValidUnits(String wkt) {
        assertThat(CHECKS.checkUnit(wkt(wkt), false)).isEmpty();
    }

    @Test
    void reportsSelfIntersectionWithItsLocation() {
        // a bow tie: the edges cross at (125.25, 42.75)
        List<GeometryDefect> defects =
                CHECKS.checkUnit(wkt("POLYGON ((125 42.5, 125.5 43, 125.5 42.5, 125 43, 125 42.5))"), false);

        assertThat(defects).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(GeometryDefect.Kind.INVALID);
            assertThat(d.message()).isEqualTo("Self-intersection at (125.25, 42.75)");
            assertThat(d.location()).isEqualTo(new Coordinate(125.25, 42.75));
        });
    }

    @Test
    void reportsHoleOutsideShell() {
        List<GeometryDefect> defects = CHECKS.checkUnit(
                wkt("POLYGON ((125 42.5, 125.5 42.5, 125.5 43, 125 43, 125 42.5), "
                        + "(125.6 42.6, 125.7 42.6, 125.7 42.7, 125.6 42.6))"),
                false);

        assertThat(defects).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(GeometryDefect.Kind.INVALID);
            assertThat(d.message()).startsWith("Hole lies outside shell at (125.6, 42.6)");
        });
    }

    @Test
    void reportsUnclosedRingFromGeoJson() throws Exception {
        var json = new ObjectMapper()
                .readTree("{\"type\":\"Polygon\",\"coordinates\":[[[125,42.5],[125.5,42.5],[125.5,43],[125,43]]]}");

        assertThat(CHECKS.checkGeoJson(json, false, true)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(GeometryDefect.Kind.UNCLOSED_RING);
            assertThat(d.message())
                    .isEqualTo("coordinates[0]: ring is not closed: first position (125, 42.5) differs from last "
                            + "(125, 43)");
        });
    }

    @Test
    void reportsMalformedGeoJson() throws Exception {
        var json = new ObjectMapper().readTree("{\"type\":\"Polygon\",\"coordinates\":[[[125,42.5],[125.5]]]}");

        assertThat(CHECKS.checkGeoJson(json, false, true)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(GeometryDefect.Kind.MALFORMED);
            assertThat(d.message()).isEqualTo("coordinates[0][1]: expected [lon, lat], got [125.5]");
        });
    }

    @Test
    void reportsOutsideEnvelopeNamingEnvelopeAndCoordinate() {
        List<GeometryDefect> defects =
                CHECKS.checkUnit(wkt("POLYGON ((125 42.5, 126.3 42.5, 126.3 43, 125 43, 125 42.5))"), false);

        assertThat(defects).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(GeometryDefect.Kind.OUTSIDE_ENVELOPE);
            assertThat(d.message())
                    .isEqualTo("extent [125–126.3°E, 42.5–43°N] is not inside the envelope of 辽源市 (220400) "
                            + "[124.7–126°E, 42.2–43.4°N]; first coordinate outside: (126.3, 42.5)");
            assertThat(d.location()).isEqualTo(new Coordinate(126.3, 42.5));
        });
    }

    @Test
    void reportsUndeclaredProjectedCoordinates() {
        Geometry projected = wkt("POLYGON ((42460000 4750000, 42470000 4750000, 42470000 4760000, 42460000 4750000))");

        List<GeometryDefect> defects = CHECKS.checkUnit(projected, false);

        assertThat(defects).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(GeometryDefect.Kind.PROJECTED_COORDINATES);
            assertThat(d.message())
                    .startsWith("coordinates look projected: (42460000, 4750000) is not a longitude/latitude and no "
                            + "CRS was declared");
        });
    }

    @Test
    void declaredCrsWithProjectedCoordinatesIsOutsideTheEnvelope() {
        Geometry projected = wkt("POLYGON ((42460000 4750000, 42470000 4750000, 42470000 4760000, 42460000 4750000))");

        assertThat(CHECKS.checkUnit(projected, true))
                .extracting(GeometryDefect::kind)
                .containsExactly(GeometryDefect.Kind.OUTSIDE_ENVELOPE);
    }

    @Test
    void reportsEmptyAndMissing() {
        assertThat(CHECKS.checkUnit(wkt("POLYGON EMPTY"), false))
                .extracting(GeometryDefect::kind)
                .containsExactly(GeometryDefect.Kind.EMPTY);
        assertThat(CHECKS.check(null, false))
                .extracting(GeometryDefect::kind)
                .containsExactly(GeometryDefect.Kind.EMPTY);
    }

    @Test
    void reportsWrongTypeForUnitsOnly() {
        Geometry point = wkt("POINT (125.3 42.9)");

        assertThat(CHECKS.checkUnit(point, false)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(GeometryDefect.Kind.WRONG_TYPE);
            assertThat(d.message()).isEqualTo("a control unit must be a Polygon or MultiPolygon, got Point");
        });
        assertThat(CHECKS.check(point, false)).isEmpty();
    }

    @Test
    void reportsSeveralDefectsTogether() {
        Geometry bowTieOutside = wkt("POLYGON ((125 42.5, 126.5 43, 126.5 42.5, 125 43, 125 42.5))");

        assertThat(CHECKS.checkUnit(bowTieOutside, false))
                .extracting(GeometryDefect::kind)
                .containsExactly(GeometryDefect.Kind.INVALID, GeometryDefect.Kind.OUTSIDE_ENVELOPE);
    }

    @Test
    void neverRepairs() {
        Geometry bowTie = wkt("POLYGON ((125 42.5, 125.5 43, 125.5 42.5, 125 43, 125 42.5))");
        Geometry before = bowTie.copy();

        CHECKS.checkUnit(bowTie, false);

        assertThat(bowTie.equalsExact(before)).isTrue();
    }

    private static Geometry wkt(String wkt) {
        try {
            return new WKTReader(Geographic.FACTORY).read(wkt);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
