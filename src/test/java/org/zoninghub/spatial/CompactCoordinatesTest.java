package org.zoninghub.spatial;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.locationtech.jts.io.WKTReader;

/** Geometries the hub reads hold x and y packed, the same doubles, and keep no coordinate objects they hand out. */
class CompactCoordinatesTest {

    static final String WKT = "POLYGON ((125.123456789 42.8, 125.2 42.8, 125.2 43.000000001, 125.0 43.0,"
            + " 125.123456789 42.8), (125.1 42.9, 125.15 42.9, 125.15 42.95, 125.1 42.9))";

    @Test
    void geometriesFromTheStoreAndFromGeoJsonArePackedXyWithTheSameValues() throws Exception {
        Geometry objects = new WKTReader(new GeometryFactory(new PrecisionModel(), Geographic.SRID)).read(WKT);
        Geometry fromWkb = Wkb.read(Wkb.write(objects));
        Geometry fromGeoJson = GeoJsonGeometries.read(GeoJsonGeometries.writeString(objects));
        for (Geometry g : new Geometry[] {fromWkb, fromGeoJson.copy()}) {
            CoordinateSequence shell = ((Polygon) g).getExteriorRing().getCoordinateSequence();
            assertThat(shell).isInstanceOf(PackedCoordinateSequence.Double.class);
            assertThat(shell.getDimension()).isEqualTo(2);
        }
        assertThat(fromWkb.equalsExact(objects)).isTrue();
        assertThat(fromWkb.getArea()).isEqualTo(objects.getArea());
        assertThat(fromWkb.getCentroid().getCoordinate())
                .isEqualTo(objects.getCentroid().getCoordinate());
    }

    @Test
    void aPackedSequenceDoesNotKeepTheCoordinatesItHandsOut() {
        CoordinateSequence seq = ((Polygon) Wkb.read(Wkb.write(
                        Geographic.FACTORY.toGeometry(new org.locationtech.jts.geom.Envelope(125, 126, 42, 43)))))
                .getExteriorRing()
                .getCoordinateSequence();
        assertThat(seq.toCoordinateArray()).isNotSameAs(seq.toCoordinateArray());
        assertThat(seq.toCoordinateArray()).isEqualTo(seq.toCoordinateArray());
        assertThat(seq.copy()).isInstanceOf(CompactCoordinates.Packed.class);
    }
}
