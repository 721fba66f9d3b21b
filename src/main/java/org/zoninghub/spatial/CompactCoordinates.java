package org.zoninghub.spatial;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFactory;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;

/**
 * Coordinate sequences of the hub's geometries: longitude and latitude packed in one {@code double[]} (16 bytes a
 * vertex), instead of one {@link Coordinate} object a vertex (about 48 bytes with its reference). A national set holds
 * some 13 million vertices: 200 MB packed against 640 MB as objects, in the compliance index and in a sync.
 *
 * <p>The values are the same doubles, so every measure, predicate and hash is the same. The hub's geometries are 2D
 * (a GeoJSON height is ignored, WKB is written 2D), so a sequence made from {@link Coordinate} objects keeps x and y
 * only; a sequence asked for with more dimensions (by an operation that needs them) gets them.
 */
public final class CompactCoordinates implements CoordinateSequenceFactory {

    /** The one instance. */
    public static final CompactCoordinates XY = new CompactCoordinates();

    private CompactCoordinates() {}

    @Override
    public CoordinateSequence create(Coordinate[] coordinates) {
        return new Packed(coordinates == null ? new Coordinate[0] : coordinates, 2, 0);
    }

    @Override
    public CoordinateSequence create(CoordinateSequence coordSeq) {
        Packed copy = new Packed(coordSeq.size(), 2, 0);
        for (int i = 0; i < coordSeq.size(); i++) {
            copy.setOrdinate(i, 0, coordSeq.getX(i));
            copy.setOrdinate(i, 1, coordSeq.getY(i));
        }
        return copy;
    }

    @Override
    public CoordinateSequence create(int size, int dimension) {
        return new Packed(size, Math.max(2, dimension), 0);
    }

    @Override
    public CoordinateSequence create(int size, int dimension, int measures) {
        return new Packed(size, Math.max(2, dimension), measures);
    }

    /**
     * A packed sequence that does not keep the coordinate objects it hands out: JTS's own keeps the array of
     * {@link #toCoordinateArray} behind a soft reference, which would hold the objects of every geometry once written
     * or checked (13 million of them in a national sync) until the heap runs short.
     */
    static final class Packed extends PackedCoordinateSequence.Double {

        Packed(Coordinate[] coordinates, int dimension, int measures) {
            super(coordinates, dimension, measures);
        }

        Packed(int size, int dimension, int measures) {
            super(size, dimension, measures);
        }

        Packed(double[] coordinates, int dimension, int measures) {
            super(coordinates, dimension, measures);
        }

        @Override
        public Coordinate[] toCoordinateArray() {
            Coordinate[] coordinates = new Coordinate[size()];
            for (int i = 0; i < coordinates.length; i++) {
                coordinates[i] = getCoordinateInternal(i);
            }
            return coordinates;
        }

        @Override
        public Packed copy() {
            double[] raw = getRawCoordinates();
            return new Packed(java.util.Arrays.copyOf(raw, raw.length), getDimension(), getMeasures());
        }
    }
}
