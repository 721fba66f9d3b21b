package org.zoninghub.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;

class WkbTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "POINT (125.123456789012 42.987654321098)",
                "LINESTRING (125 42, 125.5 42.5, 126 43)",
                "POLYGON ((125 42, 126 42, 126 43, 125 43, 125 42), (125.2 42.2, 125.2 42.4, 125.4 42.4, 125.2 42.2))",
                "MULTIPOLYGON (((125 42, 125.5 42, 125.5 42.5, 125 42)), ((125.6 42.6, 125.9 42.6, 125.9 42.9, 125.6 42.6)))",
                "GEOMETRYCOLLECTION (POINT (125 42), LINESTRING (125 42, 126 43))",
                "POLYGON EMPTY"
            })
    void roundTripsExactly(String wkt) throws Exception {
        Geometry geometry = new WKTReader(Geographic.FACTORY).read(wkt);

        Geometry back = Wkb.read(Wkb.write(geometry));

        assertThat(back.equalsExact(geometry)).isTrue();
        assertThat(back.getGeometryType()).isEqualTo(geometry.getGeometryType());
        assertThat(back.getSRID()).isEqualTo(4490);
    }

    @Test
    void writesEwkbWithSrid4490() throws Exception {
        Geometry point = new WKTReader().read("POINT (125 42)"); // SRID 0

        String hex = WKBWriter.toHex(Wkb.write(point));

        // little endian, type 1 with the SRID flag 0x20000000, then SRID 4490 = 0x118A
        assertThat(hex).startsWith("0101000020" + "8A110000");
    }

    @Test
    void readsPlainWkbAndWgs84AsCgcs2000() throws Exception {
        Geometry plain = new WKTReader().read("POINT (125 42)");
        byte[] wkb = new WKBWriter().write(plain);
        Geometry wgs84 = new WKTReader().read("POINT (125 42)");
        wgs84.setSRID(4326);

        assertThat(Wkb.read(wkb).getSRID()).isEqualTo(4490);
        assertThat(Wkb.read(new WKBWriter(2, true).write(wgs84)).getSRID()).isEqualTo(4490);
    }

    @Test
    void refusesProjectedSrid() throws Exception {
        Geometry projected = new WKTReader().read("POINT (42512345 4751234)");
        projected.setSRID(4530);

        assertThatThrownBy(() -> Wkb.write(projected)).hasMessageContaining("carries SRID 4530; expected 4490");
        assertThatThrownBy(() -> Wkb.read(new WKBWriter(2, true).write(projected)))
                .hasMessageContaining("WKB carries SRID 4530");
    }

    @Test
    void refusesGarbage() {
        assertThatThrownBy(() -> Wkb.read(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not WKB (3 bytes)");
    }
}
