package org.zoninghub.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class OverlapsTest {

    @Test
    void intersectionAreaIsTheAreaOfTheSharedPart() throws Exception {
        WKTReader wkt = new WKTReader(Geographic.FACTORY);
        Geometry footprint = wkt.read("POLYGON ((125.5 42.9, 125.6 42.9, 125.6 43.0, 125.5 43.0, 125.5 42.9))");
        Geometry unit = wkt.read("POLYGON ((125.55 42.8, 125.7 42.8, 125.7 43.1, 125.55 43.1, 125.55 42.8))");
        Geometry shared = wkt.read("POLYGON ((125.55 42.9, 125.6 42.9, 125.6 43.0, 125.55 43.0, 125.55 42.9))");
        double[][] sharedRing = {{125.55, 42.9}, {125.6, 42.9}, {125.6, 43.0}, {125.55, 43.0}, {125.55, 42.9}};

        double overlap = Overlaps.intersectionAreaM2(footprint, unit);

        assertThat(overlap).isCloseTo(GaussKruger.areaM2(shared), within(1e-3));
        assertThat(overlap).isCloseTo(KrugerTransverseMercator.shoelaceArea(sharedRing, 126), within(overlap * 1e-6));
        assertThat(Overlaps.coveredRatio(footprint, unit)).isCloseTo(0.5, within(1e-3));
    }

    @Test
    void disjointGeometriesDoNotOverlap() throws Exception {
        WKTReader wkt = new WKTReader(Geographic.FACTORY);
        Geometry a = wkt.read("POLYGON ((125.5 42.9, 125.6 42.9, 125.6 43.0, 125.5 42.9))");
        Geometry b = wkt.read("POLYGON ((125.7 42.9, 125.8 42.9, 125.8 43.0, 125.7 42.9))");

        assertThat(Overlaps.intersectionAreaM2(a, b)).isZero();
        assertThat(Overlaps.coveredRatio(a, b)).isZero();
    }
}
