package org.zoninghub.spatial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * GeoJSON (RFC 7946) geometry objects ⇄ JTS geometries in EPSG:4490: Point, MultiPoint, LineString, MultiLineString,
 * Polygon, MultiPolygon and GeometryCollection.
 *
 * <p>Reading is strict and names the offending member: {@code coordinates[0][3]: expected [lon, lat], got "x"}. A
 * third coordinate (height) and further elements of a position are ignored. Rings must be closed and have at least
 * four positions; an unclosed ring is reported as {@link GeoJsonException.Kind#UNCLOSED_RING} rather than closed
 * silently. Writing keeps rings as they are (no re-orientation) and prints coordinates as JSON numbers rounded to
 * {@link Geographic#DECIMALS} decimals, without trailing zeros ({@code 125.1}, {@code 126}); a magnitude below
 * 1e-6 (only near 0°, never in China) is printed with an exponent, e.g. {@code 1E-8}, which is still a JSON number.
 */
public final class GeoJsonGeometries {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeoJsonGeometries() {}

    /** The geometry of a GeoJSON text. */
    public static Geometry read(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new GeoJsonException(GeoJsonException.Kind.MALFORMED, "", "not JSON: " + e.getOriginalMessage());
        }
        return read(node);
    }

    /** The geometry of a GeoJSON geometry object, built with {@link Geographic#FACTORY}. */
    public static Geometry read(JsonNode geometry) {
        return new Reader(Geographic.FACTORY).geometry(geometry, "");
    }

    /** A GeoJSON geometry object for a JTS geometry. */
    public static ObjectNode write(Geometry geometry) {
        ObjectNode node = NODES.objectNode();
        node.put("type", geometry.getGeometryType());
        if (geometry instanceof GeometryCollection collection
                && !(geometry instanceof MultiPoint
                        || geometry instanceof MultiLineString
                        || geometry instanceof MultiPolygon)) {
            ArrayNode members = node.putArray("geometries");
            for (int i = 0; i < collection.getNumGeometries(); i++) {
                members.add(write(collection.getGeometryN(i)));
            }
        } else {
            node.set("coordinates", coordinates(geometry));
        }
        return node;
    }

    /**
     * The GeoJSON text of a geometry: the same text as {@code write(geometry).toString()}, written straight into one
     * buffer (no tree of number nodes), as the events of a national sync need it for 13 million vertices.
     */
    public static String writeString(Geometry geometry) {
        StringBuilder out = new StringBuilder(64 + geometry.getNumPoints() * 26);
        writeTo(out, geometry);
        return out.toString();
    }

    private static void writeTo(StringBuilder out, Geometry geometry) {
        out.append("{\"type\":\"").append(geometry.getGeometryType()).append('"');
        if (geometry instanceof GeometryCollection collection
                && !(geometry instanceof MultiPoint
                        || geometry instanceof MultiLineString
                        || geometry instanceof MultiPolygon)) {
            out.append(",\"geometries\":[");
            for (int i = 0; i < collection.getNumGeometries(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeTo(out, collection.getGeometryN(i));
            }
            out.append(']');
        } else {
            out.append(",\"coordinates\":");
            coordinatesTo(out, geometry);
        }
        out.append('}');
    }

    private static void coordinatesTo(StringBuilder out, Geometry g) {
        if (g instanceof Point p) {
            out.append('[');
            if (!p.isEmpty()) {
                appendOrdinates(out, p.getCoordinateSequence(), 0);
            }
            out.append(']');
        } else if (g instanceof LineString line) {
            CoordinateSequence sequence = line.getCoordinateSequence();
            out.append('[');
            for (int i = 0; i < sequence.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append('[');
                appendOrdinates(out, sequence, i);
                out.append(']');
            }
            out.append(']');
        } else if (g instanceof Polygon polygon) {
            out.append('[');
            if (!polygon.isEmpty()) {
                coordinatesTo(out, polygon.getExteriorRing());
                for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
                    out.append(',');
                    coordinatesTo(out, polygon.getInteriorRingN(i));
                }
            }
            out.append(']');
        } else if (g instanceof GeometryCollection multi) {
            out.append('[');
            for (int i = 0; i < multi.getNumGeometries(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Geometry part = multi.getGeometryN(i);
                if (part instanceof Point p) {
                    out.append('[');
                    appendOrdinates(out, p.getCoordinateSequence(), 0);
                    out.append(']');
                } else {
                    coordinatesTo(out, part);
                }
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + g.getGeometryType() + " as GeoJSON");
        }
    }

    private static void appendOrdinates(StringBuilder out, CoordinateSequence sequence, int i) {
        Geographic.appendDecimal(out, sequence.getX(i));
        out.append(',');
        Geographic.appendDecimal(out, sequence.getY(i));
    }

    private static ArrayNode coordinates(Geometry g) {
        ArrayNode out = NODES.arrayNode();
        if (g instanceof Point p) {
            if (!p.isEmpty()) {
                addPosition(out, p.getCoordinate());
            }
        } else if (g instanceof LineString line) {
            for (Coordinate c : line.getCoordinates()) {
                out.add(position(c));
            }
        } else if (g instanceof Polygon polygon) {
            if (!polygon.isEmpty()) {
                out.add(coordinates(polygon.getExteriorRing()));
                for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
                    out.add(coordinates(polygon.getInteriorRingN(i)));
                }
            }
        } else if (g instanceof GeometryCollection multi) {
            for (int i = 0; i < multi.getNumGeometries(); i++) {
                Geometry part = multi.getGeometryN(i);
                out.add(part instanceof Point p ? position(p.getCoordinate()) : coordinates(part));
            }
        } else {
            throw new IllegalArgumentException("cannot write " + g.getGeometryType() + " as GeoJSON");
        }
        return out;
    }

    private static ArrayNode position(Coordinate c) {
        ArrayNode pos = NODES.arrayNode(2);
        addPosition(pos, c);
        return pos;
    }

    private static void addPosition(ArrayNode pos, Coordinate c) {
        pos.add(DecimalNode.valueOf(Geographic.decimal(c.getX())));
        pos.add(DecimalNode.valueOf(Geographic.decimal(c.getY())));
    }

    /** Reads one geometry tree; every method takes the JSON path of the node it reads, for messages. */
    private record Reader(GeometryFactory factory) {

        Geometry geometry(JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                throw malformed(path, "expected a GeoJSON geometry object, got " + describe(node));
            }
            JsonNode typeNode = node.get("type");
            if (typeNode == null || !typeNode.isTextual()) {
                throw malformed(at(path, "type"), "missing or not a string (expected Point, Polygon, MultiPolygon, …)");
            }
            String type = typeNode.asText();
            if (type.equals("GeometryCollection")) {
                JsonNode members = array(node.get("geometries"), at(path, "geometries"));
                Geometry[] parts = new Geometry[members.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = geometry(members.get(i), at(path, "geometries") + "[" + i + "]");
                }
                return factory.createGeometryCollection(parts);
            }
            String cpath = at(path, "coordinates");
            JsonNode c = node.get("coordinates");
            return switch (type) {
                case "Point" ->
                    array(c, cpath).isEmpty() ? factory.createPoint() : factory.createPoint(position(c, cpath));
                case "MultiPoint" -> factory.createMultiPointFromCoords(positions(c, cpath));
                case "LineString" -> line(c, cpath);
                case "MultiLineString" -> {
                    JsonNode lines = array(c, cpath);
                    LineString[] parts = new LineString[lines.size()];
                    for (int i = 0; i < parts.length; i++) {
                        parts[i] = line(lines.get(i), cpath + "[" + i + "]");
                    }
                    yield factory.createMultiLineString(parts);
                }
                case "Polygon" -> polygon(c, cpath);
                case "MultiPolygon" -> {
                    JsonNode polygons = array(c, cpath);
                    Polygon[] parts = new Polygon[polygons.size()];
                    for (int i = 0; i < parts.length; i++) {
                        parts[i] = polygon(polygons.get(i), cpath + "[" + i + "]");
                    }
                    yield factory.createMultiPolygon(parts);
                }
                case "Feature", "FeatureCollection" ->
                    throw malformed(at(path, "type"), type + " is not a geometry; pass its geometry member");
                default ->
                    throw malformed(
                            at(path, "type"),
                            "unknown geometry type '" + type + "' (expected Point, MultiPoint, LineString, "
                                    + "MultiLineString, Polygon, MultiPolygon or GeometryCollection)");
            };
        }

        LineString line(JsonNode node, String path) {
            Coordinate[] coords = positions(node, path);
            if (coords.length == 1) {
                throw malformed(path, "a LineString needs at least 2 positions, got 1");
            }
            return factory.createLineString(coords);
        }

        Polygon polygon(JsonNode node, String path) {
            JsonNode rings = array(node, path);
            if (rings.isEmpty()) {
                return factory.createPolygon();
            }
            LinearRing shell = ring(rings.get(0), path + "[0]");
            LinearRing[] holes = new LinearRing[rings.size() - 1];
            for (int i = 1; i < rings.size(); i++) {
                holes[i - 1] = ring(rings.get(i), path + "[" + i + "]");
            }
            return factory.createPolygon(shell, holes);
        }

        LinearRing ring(JsonNode node, String path) {
            Coordinate[] coords = positions(node, path);
            if (coords.length > 0 && !coords[0].equals2D(coords[coords.length - 1])) {
                Coordinate first = coords[0];
                Coordinate last = coords[coords.length - 1];
                throw new GeoJsonException(
                        GeoJsonException.Kind.UNCLOSED_RING,
                        path,
                        "ring is not closed: first position " + Geographic.format(first.x, first.y)
                                + " differs from last " + Geographic.format(last.x, last.y));
            }
            if (coords.length < 4) {
                throw malformed(path, "a ring needs at least 4 positions (closed), got " + coords.length);
            }
            return factory.createLinearRing(coords);
        }

        Coordinate[] positions(JsonNode node, String path) {
            JsonNode array = array(node, path);
            List<Coordinate> coords = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                coords.add(position(array.get(i), path + "[" + i + "]"));
            }
            return coords.toArray(Coordinate[]::new);
        }

        Coordinate position(JsonNode node, String path) {
            if (node == null
                    || !node.isArray()
                    || node.size() < 2
                    || !isFiniteNumber(node.get(0))
                    || !isFiniteNumber(node.get(1))) {
                throw malformed(path, "expected [lon, lat], got " + describe(node));
            }
            if (node.size() > 2 && !isFiniteNumber(node.get(2))) {
                throw malformed(path + "[2]", "height must be a number, got " + describe(node.get(2)));
            }
            return new Coordinate(node.get(0).doubleValue(), node.get(1).doubleValue());
        }

        static JsonNode array(JsonNode node, String path) {
            if (node == null || !node.isArray()) {
                throw malformed(path, "expected an array, got " + describe(node));
            }
            return node;
        }

        static boolean isFiniteNumber(JsonNode n) {
            return n != null && n.isNumber() && Double.isFinite(n.doubleValue());
        }

        static String at(String path, String member) {
            return path.isEmpty() ? member : path + "." + member;
        }

        static GeoJsonException malformed(String path, String problem) {
            return new GeoJsonException(GeoJsonException.Kind.MALFORMED, path, problem);
        }

        static String describe(JsonNode node) {
            if (node == null || node.isMissingNode()) {
                return "nothing";
            }
            String text = node.toString();
            return text.length() > 60 ? text.substring(0, 57) + "..." : text;
        }
    }
}
