package org.zoninghub.spatial.formats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.zoninghub.spatial.Geographic;

/**
 * Reads the geometries of an ESRI Shapefile main file ({@code .shp}, ESRI Shapefile Technical Description, 1998) of
 * polygon type: Polygon (5), PolygonZ (15) and PolygonM (25), whose Z and M values are ignored, and Null shapes (0).
 *
 * <p>A polygon record is a list of rings. As the specification says, clockwise rings are outer rings and
 * counter-clockwise rings are holes; each hole belongs to the smallest outer ring that contains it. A record with
 * one outer ring becomes a {@link Polygon}, with several a MultiPolygon (as GDAL reads them). Nothing is repaired: an
 * unclosed ring, a ring of fewer than four points, a hole inside no outer ring or a record without an outer ring is
 * reported as the record's problem.
 *
 * <p>Coordinates are returned as stored (projected or not); the caller transforms them.
 */
public final class ShpFile {

    public static final int NULL_SHAPE = 0;
    public static final int POLYGON = 5;
    public static final int POLYGON_Z = 15;
    public static final int POLYGON_M = 25;

    private static final int FILE_CODE = 9994;
    private static final int VERSION = 1000;
    private static final int HEADER_LENGTH = 100;
    private static final GeometryFactory FACTORY = Geographic.FACTORY;

    /**
     * One record: a geometry (null for a Null shape) or the problem that kept it from being read.
     *
     * @param recordNumber the 1-based record number as stored
     */
    public record Shape(int recordNumber, Geometry geometry, String problem) {}

    /** The file's shape type and its records in file order. */
    public record Contents(int shapeType, List<Shape> shapes) {}

    /** A defect of the whole {@code .shp} file: not a Shapefile, or not of a polygon type. */
    public static final class ShpException extends Exception {
        ShpException(String message) {
            super(message);
        }
    }

    private ShpFile() {}

    public static Contents read(byte[] bytes) throws ShpException {
        return read(bytes, ReadBudget.standard());
    }

    /**
     * The number of records of a {@code .shp}, counted from the record headers alone (no geometry is built); records
     * past a truncated one are not counted.
     */
    public static int countRecords(byte[] bytes) {
        if (bytes.length < HEADER_LENGTH) {
            return 0;
        }
        ByteBuffer big = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int fileEnd = fileEnd(bytes, big);
        int count = 0;
        long pos = HEADER_LENGTH;
        while (pos + 8 <= fileEnd) {
            long contentLength = 2L * big.getInt((int) pos + 4);
            count++;
            if (contentLength < 4 || pos + 8 + contentLength > bytes.length) {
                break;
            }
            pos += 8 + contentLength;
        }
        return count;
    }

    /** The number of records a {@code .shx} index holds: 8 bytes each after its 100-byte header. */
    public static long indexedRecords(byte[] shx) {
        return Math.max(0, (shx.length - (long) HEADER_LENGTH) / 8);
    }

    private static int fileEnd(byte[] bytes, ByteBuffer big) {
        int fileEnd = Math.min(bytes.length, (int) Math.min(Integer.MAX_VALUE, 2L * big.getInt(24)));
        return fileEnd < HEADER_LENGTH ? bytes.length : fileEnd;
    }

    /**
     * Reads the records, charging the record count to the budget before any is built and each record's points before
     * its coordinates are.
     *
     * @throws ReadBudget.Exceeded when the file holds more records or points than the budget allows
     */
    public static Contents read(byte[] bytes, ReadBudget budget) throws ShpException {
        if (bytes.length < HEADER_LENGTH) {
            throw new ShpException("is " + bytes.length + " bytes long, shorter than the 100-byte Shapefile header");
        }
        ByteBuffer big = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer little = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (big.getInt(0) != FILE_CODE) {
            throw new ShpException("is not a Shapefile (file code " + big.getInt(0) + ", expected 9994)");
        }
        if (little.getInt(28) != VERSION) {
            throw new ShpException("has version " + little.getInt(28) + ", expected 1000");
        }
        int shapeType = little.getInt(32);
        if (shapeType != POLYGON && shapeType != POLYGON_Z && shapeType != POLYGON_M && shapeType != NULL_SHAPE) {
            throw new ShpException("holds " + typeName(shapeType) + " shapes; control units must be polygons"
                    + " (Polygon, PolygonZ or PolygonM)");
        }
        int count = countRecords(bytes);
        budget.records(count, "the .shp holds " + count + " records");
        List<Shape> shapes = new ArrayList<>(count);
        int pos = HEADER_LENGTH;
        int fileEnd = fileEnd(bytes, big);
        while (pos + 8 <= fileEnd) {
            int number = big.getInt(pos);
            long contentLength = 2L * big.getInt(pos + 4);
            int start = pos + 8;
            if (contentLength < 4 || start + contentLength > bytes.length) {
                shapes.add(new Shape(
                        number,
                        null,
                        "the record is truncated or its length (" + contentLength
                                + " bytes) runs past the end of the .shp file"));
                break;
            }
            shapes.add(shape(little, number, shapeType, start, (int) contentLength, budget));
            pos = start + (int) contentLength;
        }
        return new Contents(shapeType, shapes);
    }

    private static Shape shape(ByteBuffer in, int number, int fileType, int start, int length, ReadBudget budget) {
        int type = in.getInt(start);
        if (type == NULL_SHAPE) {
            return new Shape(number, null, null);
        }
        if (type != fileType) {
            return new Shape(
                    number, null, "shape type " + typeName(type) + " differs from the file's " + typeName(fileType));
        }
        if (length < 44) {
            return new Shape(number, null, "polygon record of " + length + " bytes is too short");
        }
        int numParts = in.getInt(start + 36);
        int numPoints = in.getInt(start + 40);
        long needed = 44L + 4L * numParts + 16L * numPoints;
        if (numParts < 0 || numPoints < 0 || needed > length) {
            return new Shape(
                    number,
                    null,
                    "polygon record declares " + numParts + " parts and " + numPoints + " points, more than its "
                            + length + " bytes hold");
        }
        if (numParts == 0) {
            return new Shape(number, null, "polygon record has no rings");
        }
        budget.vertices(numPoints, "record " + number + " of the .shp holds " + numPoints + " points");
        int[] partStarts = new int[numParts + 1];
        for (int i = 0; i < numParts; i++) {
            partStarts[i] = in.getInt(start + 44 + 4 * i);
        }
        partStarts[numParts] = numPoints;
        int pointsAt = start + 44 + 4 * numParts;
        List<LinearRing> shells = new ArrayList<>();
        List<Integer> shellParts = new ArrayList<>();
        List<LinearRing> holes = new ArrayList<>();
        List<Integer> holeParts = new ArrayList<>();
        for (int p = 0; p < numParts; p++) {
            int from = partStarts[p];
            int to = partStarts[p + 1];
            if (from < 0 || to > numPoints || from > to) {
                return new Shape(number, null, "ring #" + (p + 1) + " has invalid point indexes " + from + ".." + to);
            }
            Coordinate[] coords = new Coordinate[to - from];
            for (int i = from; i < to; i++) {
                coords[i - from] = new Coordinate(in.getDouble(pointsAt + 16 * i), in.getDouble(pointsAt + 16 * i + 8));
            }
            if (coords.length < 4) {
                return new Shape(
                        number,
                        null,
                        "ring #" + (p + 1) + " has " + coords.length + " points; a closed ring needs at least 4");
            }
            if (!coords[0].equals2D(coords[coords.length - 1])) {
                return new Shape(
                        number,
                        null,
                        "ring #" + (p + 1) + " is not closed: its first point ("
                                + coords[0].x + ", " + coords[0].y + ") differs from its last ("
                                + coords[coords.length - 1].x + ", " + coords[coords.length - 1].y + ")");
            }
            LinearRing ring = FACTORY.createLinearRing(coords);
            if (Orientation.isCCW(coords)) {
                holes.add(ring);
                holeParts.add(p + 1);
            } else {
                shells.add(ring);
                shellParts.add(p + 1);
            }
        }
        if (shells.isEmpty()) {
            return new Shape(
                    number,
                    null,
                    "no clockwise (outer) ring among its " + numParts
                            + " rings: the rings do not follow the Shapefile orientation rule (outer rings clockwise,"
                            + " holes counter-clockwise)");
        }
        // each hole goes to the smallest shell that holds it; an index of the shells' envelopes keeps this near
        // linear (a record of many rings and holes would otherwise compare every hole with every shell)
        List<List<LinearRing>> holesOfShell = new ArrayList<>();
        List<Polygon> shellPolygons = new ArrayList<>();
        double[] areas = new double[shells.size()];
        IndexedPointInAreaLocator[] locators = new IndexedPointInAreaLocator[shells.size()];
        STRtree index = new STRtree();
        for (int s = 0; s < shells.size(); s++) {
            holesOfShell.add(new ArrayList<>());
            Polygon polygon = FACTORY.createPolygon(shells.get(s));
            shellPolygons.add(polygon);
            areas[s] = polygon.getArea();
            index.insert(polygon.getEnvelopeInternal(), s);
        }
        for (int h = 0; h < holes.size(); h++) {
            LinearRing hole = holes.get(h);
            int best = -1;
            double bestArea = Double.POSITIVE_INFINITY;
            for (Object candidate : index.query(hole.getEnvelopeInternal())) {
                int s = (Integer) candidate;
                if (!shellPolygons.get(s).getEnvelopeInternal().covers(hole.getEnvelopeInternal())
                        || areas[s] >= bestArea) {
                    continue;
                }
                if (locators[s] == null) {
                    locators[s] = new IndexedPointInAreaLocator(shellPolygons.get(s));
                }
                if (inside(hole, locators[s])) {
                    best = s;
                    bestArea = areas[s];
                }
            }
            if (best < 0) {
                return new Shape(
                        number,
                        null,
                        "ring #" + holeParts.get(h)
                                + " is counter-clockwise (a hole) but lies inside no clockwise (outer) ring");
            }
            holesOfShell.get(best).add(hole);
        }
        Polygon[] polygons = new Polygon[shells.size()];
        for (int s = 0; s < shells.size(); s++) {
            polygons[s] =
                    FACTORY.createPolygon(shells.get(s), holesOfShell.get(s).toArray(LinearRing[]::new));
        }
        Geometry geometry = polygons.length == 1 ? polygons[0] : FACTORY.createMultiPolygon(polygons);
        return new Shape(number, geometry, null);
    }

    /** Whether a hole lies in a shell: its first vertex strictly inside, or else none of its vertices outside. */
    private static boolean inside(LinearRing hole, IndexedPointInAreaLocator shell) {
        boolean anyInterior = false;
        for (Coordinate c : hole.getCoordinates()) {
            int location = shell.locate(c);
            if (location == Location.EXTERIOR) {
                return false;
            }
            anyInterior |= location == Location.INTERIOR;
        }
        return anyInterior;
    }

    public static String typeName(int type) {
        String name = switch (type) {
            case 0 -> "Null";
            case 1 -> "Point";
            case 3 -> "PolyLine";
            case 5 -> "Polygon";
            case 8 -> "MultiPoint";
            case 11 -> "PointZ";
            case 13 -> "PolyLineZ";
            case 15 -> "PolygonZ";
            case 18 -> "MultiPointZ";
            case 21 -> "PointM";
            case 23 -> "PolyLineM";
            case 25 -> "PolygonM";
            case 28 -> "MultiPointM";
            case 31 -> "MultiPatch";
            default -> "unknown";
        };
        return name + " (" + type + ")";
    }
}
