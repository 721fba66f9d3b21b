package org.zoninghub.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

class GeoJsonGeometriesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"Point\",\"coordinates\":[125.1,42.9]}",
                "{\"type\":\"Point\",\"coordinates\":[]}",
                "{\"type\":\"MultiPoint\",\"coordinates\":[[125.1,42.9],[125.2,43]]}",
                "{\"type\":\"LineString\",\"coordinates\":[[125.1,42.9],[125.2,43]]}",
                "{\"type\":\"MultiLineString\",\"coordinates\":[[[125.1,42.9],[125.2,43]],[[125,42],[125.5,42.5]]]}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[125,42],[126,42],[126,43],[125,43],[125,42]],"
                        + "[[125.2,42.2],[125.2,42.4],[125.4,42.4],[125.2,42.2]]]}",
                "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[125,42],[125.5,42],[125.5,42.5],[125,42]]],"
                        + "[[[125.6,42.6],[125.9,42.6],[125.9,42.9],[125.6,42.6]]]]}",
                "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[125.1,42.9]},"
                        + "{\"type\":\"LineString\",\"coordinates\":[[125.1,42.9],[125.2,43]]}]}"
            })
    void roundTripsEveryType(String json) {
        Geometry geometry = GeoJsonGeometries.read(json);

        assertThat(geometry.getSRID()).isEqualTo(4490);
        assertThat(GeoJsonGeometries.writeString(geometry)).isEqualTo(json);
        assertThat(GeoJsonGeometries.read(GeoJsonGeometries.writeString(geometry))
                        .equalsExact(geometry))
                .isTrue();
    }

    @Test
    void readsAMultiPolygonWithHoleIntoJts() {
        Geometry g = GeoJsonGeometries.read("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[125,42],[126,42],[126,43],"
                + "[125,43],[125,42]],[[125.2,42.2],[125.2,42.4],[125.4,42.4],[125.2,42.2]]]]}");

        assertThat(g).isInstanceOf(MultiPolygon.class);
        Polygon part = (Polygon) g.getGeometryN(0);
        assertThat(part.getNumInteriorRing()).isEqualTo(1);
        assertThat(part.getExteriorRing().getCoordinateN(1)).isEqualTo(new Coordinate(126, 42));
    }

    @Test
    void ignoresHeights() {
        Geometry g = GeoJsonGeometries.read("{\"type\":\"Point\",\"coordinates\":[125.1,42.9,230.5]}");

        assertThat(GeoJsonGeometries.writeString(g)).isEqualTo("{\"type\":\"Point\",\"coordinates\":[125.1,42.9]}");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "125.123456789|42.000000004|[125.12345679,42]",
                "125.10000000000001|42.9|[125.1,42.9]",
                "126|43|[126,43]",
                "-0.000000001|0.000000005|[0,1E-8]"
            })
    void writesAtMostEightDecimals(double lon, double lat, String expected) {
        Geometry point = Geographic.FACTORY.createPoint(new Coordinate(lon, lat));

        assertThat(GeoJsonGeometries.writeString(point))
                .isEqualTo("{\"type\":\"Point\",\"coordinates\":" + expected + "}");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"type\":\"Polygon\",\"coordinates\":[[[125,42],[126,42],[126,43],[125.5],[125,42]]]}"
                        + "|coordinates[0][3]: expected [lon, lat], got [125.5]",
                "{\"type\":\"Polygon\",\"coordinates\":[[[125,42],[126,42],[\"126\",43],[125,42]]]}"
                        + "|coordinates[0][2]: expected [lon, lat], got [\"126\",43]",
                "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[125,42],[126,42],[126,43],[125,42]]],[[[1,2],null]]]}"
                        + "|coordinates[1][0][1]: expected [lon, lat], got null",
                "{\"type\":\"Polygon\",\"coordinates\":[[[125,42],[126,42],[125,42]]]}"
                        + "|coordinates[0]: a ring needs at least 4 positions (closed), got 3",
                "{\"type\":\"Polygon\",\"coordinates\":{}}|coordinates: expected an array, got {}",
                "{\"type\":\"Polygon\"}|coordinates: expected an array, got nothing",
                "{\"coordinates\":[1,2]}|type: missing or not a string",
                "{\"type\":\"Circle\",\"coordinates\":[1,2]}|type: unknown geometry type 'Circle'",
                "{\"type\":\"Feature\",\"geometry\":null}|type: Feature is not a geometry; pass its geometry member",
                "[1,2]|geometry: expected a GeoJSON geometry object, got [1,2]",
                "{\"type\":\"LineString\",\"coordinates\":[[1,2]]}|coordinates: a LineString needs at least 2 positions",
                "{\"type\":\"Point\",\"coordinates\":[1,2,\"h\"]}|coordinates[2]: height must be a number",
                "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1]}]}"
                        + "|geometries[0].coordinates: expected [lon, lat], got [1]",
                "{\"type\":|geometry: not JSON"
            })
    void saysWhatIsWrongAndWhere(String json, String message) {
        assertThatThrownBy(() -> GeoJsonGeometries.read(json))
                .isInstanceOfSatisfying(
                        GeoJsonException.class, e -> assertThat(e.kind()).isEqualTo(GeoJsonException.Kind.MALFORMED))
                .hasMessageStartingWith(message);
    }

    @Test
    void reportsUnclosedRingWithItsEnds() {
        String json = "{\"type\":\"Polygon\",\"coordinates\":[[[125,42],[126,42],[126,43],[125,43]]]}";

        assertThatThrownBy(() -> GeoJsonGeometries.read(json))
                .isInstanceOfSatisfying(GeoJsonException.class, e -> {
                    assertThat(e.kind()).isEqualTo(GeoJsonException.Kind.UNCLOSED_RING);
                    assertThat(e.path()).isEqualTo("coordinates[0]");
                })
                .hasMessage("coordinates[0]: ring is not closed: first position (125, 42) differs from last (125, 43)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "POINT (125.1 42.9)",
                "POINT EMPTY",
                "MULTIPOINT ((125.1 42.9), (-0.0000001 0.5))",
                "LINESTRING (125.123456789 42.000000004, 126 43.5)",
                "MULTILINESTRING ((125 42, 125.5 42.5), (126 43, 126.25 43.125))",
                "POLYGON ((125 42, 126 42, 126 43, 125 43, 125 42), (125.2 42.2, 125.2 42.4, 125.4 42.4, 125.2 42.2))",
                "POLYGON EMPTY",
                "MULTIPOLYGON (((125 42, 126 42, 126 43, 125 42)), ((127.000000005 44, 128 44, 128 45, 127.000000005 44)))",
                "GEOMETRYCOLLECTION (POINT (125 42), LINESTRING (125 42, 126 43))"
            })
    void theTextIsThatOfTheTree(String wkt) throws Exception {
        Geometry g = new org.locationtech.jts.io.WKTReader(Geographic.FACTORY).read(wkt);

        assertThat(GeoJsonGeometries.writeString(g))
                .isEqualTo(GeoJsonGeometries.write(g).toString());
    }
}
