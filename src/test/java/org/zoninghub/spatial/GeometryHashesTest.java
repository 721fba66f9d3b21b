package org.zoninghub.spatial;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class GeometryHashesTest {

    private static final String UNIT = "MULTIPOLYGON ("
            + "((125.1 42.9, 125.3 42.9, 125.3 43.1, 125.1 43.1, 125.1 42.9), "
            + "(125.15 42.95, 125.2 42.95, 125.2 43, 125.15 42.95)), "
            + "((125.5 42.5, 125.7 42.5, 125.6 42.7, 125.5 42.5)))";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "same text|" + UNIT,
                "polygons re-ordered|MULTIPOLYGON (((125.5 42.5, 125.7 42.5, 125.6 42.7, 125.5 42.5)), "
                        + "((125.1 42.9, 125.3 42.9, 125.3 43.1, 125.1 43.1, 125.1 42.9), "
                        + "(125.15 42.95, 125.2 42.95, 125.2 43, 125.15 42.95)))",
                "rings start at another vertex|MULTIPOLYGON ("
                        + "((125.3 43.1, 125.1 43.1, 125.1 42.9, 125.3 42.9, 125.3 43.1), "
                        + "(125.2 42.95, 125.2 43, 125.15 42.95, 125.2 42.95)), "
                        + "((125.7 42.5, 125.6 42.7, 125.5 42.5, 125.7 42.5)))",
                "rings reversed|MULTIPOLYGON ("
                        + "((125.1 42.9, 125.1 43.1, 125.3 43.1, 125.3 42.9, 125.1 42.9), "
                        + "(125.15 42.95, 125.2 43, 125.2 42.95, 125.15 42.95)), "
                        + "((125.5 42.5, 125.6 42.7, 125.7 42.5, 125.5 42.5)))",
                "noise in the last digits|MULTIPOLYGON ("
                        + "((125.10000000000001 42.9, 125.3 42.900000000000006, 125.3 43.1, 125.1 43.1, "
                        + "125.10000000000001 42.9), "
                        + "(125.15 42.95, 125.2 42.95, 125.2 43, 125.15 42.95)), "
                        + "((125.5 42.5, 125.7 42.5, 125.60000000000001 42.7, 125.5 42.5)))"
            })
    void ignoresSerialisationAndOrder(String change, String variant) {
        assertThat(GeometryHashes.sha256(wkt(variant))).isEqualTo(GeometryHashes.sha256(wkt(UNIT)));
    }

    @Test
    void changesWhenAVertexMovesByAMicrodegree() {
        String moved = UNIT.replace("125.6 42.7", "125.600001 42.7");

        assertThat(GeometryHashes.sha256(wkt(moved))).isNotEqualTo(GeometryHashes.sha256(wkt(UNIT)));
    }

    @Test
    void changesWhenAHoleIsRemoved() {
        String withoutHole = "MULTIPOLYGON (((125.1 42.9, 125.3 42.9, 125.3 43.1, 125.1 43.1, 125.1 42.9)), "
                + "((125.5 42.5, 125.7 42.5, 125.6 42.7, 125.5 42.5)))";

        assertThat(GeometryHashes.sha256(wkt(withoutHole))).isNotEqualTo(GeometryHashes.sha256(wkt(UNIT)));
    }

    @Test
    void survivesTheHubsOwnGeoJsonRoundTrip() {
        Geometry precise = wkt("POLYGON ((125.123456789123 42.987654321987, 125.3 42.9, 125.3 43.1, "
                + "125.123456789123 42.987654321987))");

        Geometry reread = GeoJsonGeometries.read(GeoJsonGeometries.writeString(precise));

        assertThat(reread.equalsExact(precise)).as("writing dropped decimals").isFalse();
        assertThat(GeometryHashes.sha256(reread)).isEqualTo(GeometryHashes.sha256(precise));
    }

    @Test
    void isSha256HexAndLeavesTheInputAlone() {
        Geometry unit = wkt(UNIT);
        Geometry before = unit.copy();

        String hash = GeometryHashes.sha256(unit);

        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(unit.equalsExact(before)).isTrue();
    }

    private static Geometry wkt(String wkt) {
        try {
            return new WKTReader(Geographic.FACTORY).read(wkt);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
