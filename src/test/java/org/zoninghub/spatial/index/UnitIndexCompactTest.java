package org.zoninghub.spatial.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.zoninghub.spatial.Geographic;
import org.zoninghub.spatial.Wkb;

/**
 * The index answers exactly the same whether its units hold their coordinates as objects (JTS's default sequences)
 * or packed ({@link Geographic#FACTORY}, as the hub reads them from the store): same units, same order, same
 * measures to the last bit, same methods, for polygons, lines and points over a grid of jagged units with holes.
 */
class UnitIndexCompactTest {

    static final GeometryFactory OBJECTS = new GeometryFactory(new PrecisionModel(), Geographic.SRID);

    @Test
    void packedCoordinatesGiveIdenticalAnswers() {
        Random random = new Random(7);
        List<UnitIndex.Entry<String>> objects = new ArrayList<>();
        List<UnitIndex.Entry<String>> packed = new ArrayList<>();
        for (int row = 0; row < 12; row++) {
            for (int col = 0; col < 12; col++) {
                Geometry unit = jaggedCell(random, 125.0 + col * 0.05, 42.5 + row * 0.05, 0.05);
                Geometry fromStore = Wkb.read(Wkb.write(unit));
                String code = row + "/" + col;
                objects.add(new UnitIndex.Entry<>(code, unit, unit.getArea()));
                packed.add(new UnitIndex.Entry<>(code, fromStore, unit.getArea()));
            }
        }
        assertThat(((Polygon) packed.get(0).geometry()).getExteriorRing().getCoordinateSequence())
                .isInstanceOf(PackedCoordinateSequence.Double.class);
        UnitIndex<String> expected = new UnitIndex<>(objects);
        UnitIndex<String> actual = new UnitIndex<>(packed);
        int overlapsSeen = 0;
        for (int i = 0; i < 300; i++) {
            double x = 124.95 + random.nextDouble() * 0.7;
            double y = 42.45 + random.nextDouble() * 0.7;
            double size = 0.002 + random.nextDouble() * 0.12;
            Geometry footprint = switch (i % 3) {
                case 0 -> OBJECTS.toGeometry(new org.locationtech.jts.geom.Envelope(x, x + size, y, y + size));
                case 1 ->
                    OBJECTS.createLineString(new Coordinate[] {
                        new Coordinate(x, y),
                        new Coordinate(x + size, y + size / 3),
                        new Coordinate(x + size / 2, y + size)
                    });
                default ->
                    OBJECTS.createMultiPointFromCoords(
                            new Coordinate[] {new Coordinate(x, y), new Coordinate(x + size, y + size)});
            };
            UnitIndex.Result<String> want = expected.overlaps(Footprint.of(footprint));
            UnitIndex.Result<String> got = actual.overlaps(Footprint.of(footprint));
            assertThat(got.overlaps()).as("footprint %d", i).isEqualTo(want.overlaps());
            assertThat(got.outsideRatio()).as("footprint %d", i).isEqualTo(want.outsideRatio());
            overlapsSeen += want.overlaps().size();
        }
        assertThat(overlapsSeen).isGreaterThan(300);
    }

    /** A square cell with a jagged boundary (shared with no neighbour) and a hole, valid. */
    private static Geometry jaggedCell(Random random, double x0, double y0, double side) {
        List<Coordinate> shell = new ArrayList<>();
        int perSide = 40;
        double inset = side * 0.02;
        for (int s = 0; s < 4; s++) {
            for (int k = 0; k < perSide; k++) {
                double t = k / (double) perSide;
                double jitter = inset * random.nextDouble();
                Coordinate c = switch (s) {
                    case 0 -> new Coordinate(x0 + t * side, y0 + jitter);
                    case 1 -> new Coordinate(x0 + side - jitter, y0 + t * side);
                    case 2 -> new Coordinate(x0 + side - t * side, y0 + side - jitter);
                    default -> new Coordinate(x0 + jitter, y0 + side - t * side);
                };
                shell.add(c);
            }
        }
        shell.add(new Coordinate(shell.get(0)));
        double h = side * 0.2;
        double hx = x0 + side * 0.4;
        double hy = y0 + side * 0.4;
        Coordinate[] hole = {
            new Coordinate(hx, hy),
            new Coordinate(hx, hy + h),
            new Coordinate(hx + h, hy + h),
            new Coordinate(hx + h, hy),
            new Coordinate(hx, hy)
        };
        Polygon p = OBJECTS.createPolygon(
                OBJECTS.createLinearRing(shell.toArray(Coordinate[]::new)),
                new org.locationtech.jts.geom.LinearRing[] {OBJECTS.createLinearRing(hole)});
        assertThat(p.isValid()).isTrue();
        return p;
    }
}
