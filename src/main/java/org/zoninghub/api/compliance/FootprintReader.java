package org.zoninghub.api.compliance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.zoninghub.spatial.GeoJsonException;
import org.zoninghub.spatial.GeoJsonGeometries;
import org.zoninghub.spatial.GeometryChecks;
import org.zoninghub.spatial.GeometryDefect;
import org.zoninghub.spatial.formats.SourceCrs;
import org.zoninghub.spatial.index.Footprint;

/**
 * Reads a footprint within its budgets ({@link ComplianceProperties}) and names every defect with its place.
 *
 * <p>Order of checks: JSON nesting and size (while the tokens are read, so that a too large feature of a batch is
 * skipped without being held), the geometry type (Point, MultiPoint, LineString, MultiLineString, Polygon,
 * MultiPolygon), the number of positions and parts, the GeoJSON structure ({@link GeoJsonGeometries}), the CRS
 * (transformed to EPSG:4490 when a CGCS2000 Gauss–Krüger zone is declared), emptiness, coordinates that look
 * projected although no CRS was declared, and OGC validity ({@link GeometryChecks}, the JTS reason and where).
 */
class FootprintReader {

    static final Set<String> TYPES =
            Set.of("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon");

    private static final String ACCEPTED_CRS = "EPSG:4490 (the default), OGC CRS84, EPSG:4326, or a CGCS2000"
            + " 3-degree Gauss–Krüger zone EPSG:4513–4554 (e.g. EPSG:4527 or"
            + " http://www.opengis.net/def/crs/EPSG/0/4527)";

    /** Everything but the longitude/latitude range is accepted: a site outside the jurisdiction is answered too. */
    private static final GeometryChecks CHECKS =
            new GeometryChecks(new Envelope(-180, 180, -90, 90), "longitude/latitude");

    /**
     * A footprint read, with the CRS it was given in.
     *
     * @param crs the CRS label as understood, e.g. {@code EPSG:4490} or {@code EPSG:4527}
     */
    record Read(Footprint footprint, String crs) {}

    private final ComplianceProperties budgets;

    FootprintReader(ComplianceProperties budgets) {
        this.budgets = budgets;
    }

    /**
     * Reads the JSON value the parser is on (an object) into a tree, within the token and nesting budgets; past a
     * budget the rest of the value is skipped token by token (nothing more is held) and a defect is thrown.
     *
     * @param where how the value is named in messages (empty for the request body)
     */
    JsonNode readBounded(JsonParser parser, ObjectMapper mapper, String where) throws IOException {
        TokenBuffer buffer = new TokenBuffer(parser, null);
        long tokens = 0;
        int depth = 0;
        String overBudget = null;
        JsonNode id = null;
        boolean idNext = false;
        JsonToken token = parser.currentToken();
        while (token != null) {
            tokens++;
            if (idNext && token.isScalarValue()) {
                id = mapper.getNodeFactory().textNode(parser.getText());
                if (token.isNumeric()) {
                    id = mapper.getNodeFactory().numberNode(parser.getLongValue());
                }
            }
            idNext = depth == 1 && token == JsonToken.FIELD_NAME && "id".equals(parser.currentName());
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
            if (overBudget == null) {
                if (depth > budgets.maxNesting()) {
                    overBudget = "JSON nesting deeper than " + budgets.maxNesting() + " levels"
                            + " (zoning.compliance.max-nesting)";
                } else if (tokens > budgets.maxFeatureTokens()) {
                    overBudget = "more than " + budgets.maxFeatureTokens() + " JSON tokens"
                            + " (zoning.compliance.max-feature-tokens)";
                } else {
                    buffer.copyCurrentEvent(parser);
                }
            }
            if (depth == 0) {
                break;
            }
            token = parser.nextToken();
        }
        if (token == null) {
            throw new FootprintDefect(where, "the JSON ends inside " + (where.isEmpty() ? "the body" : where), id);
        }
        if (overBudget != null) {
            throw new FootprintDefect(
                    where, (where.isEmpty() ? "the body" : where) + " is too large: " + overBudget, id);
        }
        try (JsonParser copy = buffer.asParser(mapper)) {
            // the buffer's parser does not inherit the request parser's features: it reads numbers as the request's
            // would (the fast parser where the mapper has it, spring.jackson.parser.use-fast-double-parser)
            copy.configure(
                    JsonParser.Feature.USE_FAST_DOUBLE_PARSER,
                    parser.isEnabled(JsonParser.Feature.USE_FAST_DOUBLE_PARSER));
            copy.nextToken();
            return mapper.readTree(copy);
        }
    }

    /**
     * The footprint of a GeoJSON geometry object in a declared CRS.
     *
     * @param field the geometry's path in the request, e.g. {@code geometry} or {@code features[3].geometry}
     * @param crs the declared CRS, or null for EPSG:4490 longitude/latitude
     * @param crsField where the CRS was declared, for messages
     */
    Read footprint(JsonNode geometry, String field, JsonNode crs, String crsField) {
        SourceCrs source = crs(crs, crsField);
        if (geometry == null || geometry.isNull() || geometry.isMissingNode()) {
            throw new FootprintDefect(field, "no geometry: give a GeoJSON Point, LineString, Polygon or MultiPolygon");
        }
        if (!geometry.isObject()) {
            throw new FootprintDefect(field, "expected a GeoJSON geometry object, got " + describe(geometry));
        }
        JsonNode type = geometry.get("type");
        if (type == null || !type.isTextual() || !TYPES.contains(type.asText())) {
            throw new FootprintDefect(
                    field + ".type",
                    "a footprint is a Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon, got "
                            + describe(type));
        }
        budgets(geometry.get("coordinates"), field + ".coordinates", type.asText());
        Geometry g;
        try {
            g = GeoJsonGeometries.read(geometry);
        } catch (GeoJsonException e) {
            String path = e.path().isEmpty() ? field : field + "." + e.path();
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            throw new FootprintDefect(path, colon < 0 ? message : message.substring(colon + 2));
        }
        if (g.isEmpty()) {
            throw new FootprintDefect(field + ".coordinates", "the geometry is empty");
        }
        Geometry geographic;
        try {
            geographic = source.toGeographic(g);
        } catch (IllegalArgumentException e) {
            throw new FootprintDefect(
                    field + ".coordinates", e.getMessage() + " from " + source.label() + " to EPSG:4490");
        }
        List<GeometryDefect> defects = CHECKS.check(geographic, crs != null);
        if (!defects.isEmpty()) {
            GeometryDefect first = defects.get(0);
            String where = first.location() == null ? null : pathOf(geometry.get("coordinates"), first.location());
            throw new FootprintDefect(
                    where == null ? field : field + ".coordinates" + where,
                    kindWord(first.kind()) + ": " + first.message());
        }
        return new Read(Footprint.of(geographic), source.label());
    }

    SourceCrs crs(JsonNode crs, String crsField) {
        if (crs == null || crs.isNull() || crs.isMissingNode()) {
            return SourceCrs.CGCS2000;
        }
        String name = null;
        if (crs.isTextual()) {
            name = crs.asText();
        } else if (crs.isObject() && crs.path("properties").path("name").isTextual()) {
            name = crs.path("properties").path("name").asText();
        }
        if (name == null) {
            throw new FootprintDefect(
                    crsField,
                    "expected a CRS name such as \"EPSG:4527\" (or {\"type\": \"name\", \"properties\":"
                            + " {\"name\": …}}), got " + describe(crs));
        }
        String n = name;
        return SourceCrs.ofName(n)
                .orElseThrow(() -> new FootprintDefect(
                        crsField, "unknown or unsupported CRS \"" + shorten(n) + "\"; accepted: " + ACCEPTED_CRS));
    }

    private void budgets(JsonNode coordinates, String path, String type) {
        if (coordinates == null || !coordinates.isArray()) {
            return; // the GeoJSON reader names the defect
        }
        int parts = switch (type) {
            case "MultiPoint", "MultiLineString", "MultiPolygon", "Polygon" -> coordinates.size();
            default -> 1;
        };
        if (parts > budgets.maxParts()) {
            throw new FootprintDefect(
                    path,
                    type + " of " + parts + " " + (type.equals("Polygon") ? "rings" : "parts") + " exceeds the budget"
                            + " of " + budgets.maxParts() + " (zoning.compliance.max-parts)");
        }
        if (type.equals("MultiPolygon")) {
            for (int i = 0; i < coordinates.size(); i++) {
                if (coordinates.get(i).size() > budgets.maxParts()) {
                    throw new FootprintDefect(
                            path + "[" + i + "]",
                            "polygon of " + coordinates.get(i).size() + " rings exceeds the budget of "
                                    + budgets.maxParts() + " (zoning.compliance.max-parts)");
                }
            }
        }
        long positions = positions(coordinates);
        if (positions > budgets.maxVertices()) {
            throw new FootprintDefect(
                    path,
                    positions + " positions exceed the budget of " + budgets.maxVertices()
                            + " (zoning.compliance.max-vertices); simplify the footprint or split it");
        }
    }

    private static long positions(JsonNode node) {
        if (!node.isArray()) {
            return 0;
        }
        if (!node.isEmpty() && node.get(0).isNumber()) {
            return 1;
        }
        long n = 0;
        for (JsonNode child : node) {
            n += positions(child);
        }
        return n;
    }

    /** The path (e.g. {@code [0][3]}) of the first position equal to a coordinate, or null. */
    private static String pathOf(JsonNode node, Coordinate c) {
        if (node == null || !node.isArray()) {
            return null;
        }
        if (!node.isEmpty() && node.get(0).isNumber()) {
            return node.size() >= 2
                            && node.get(0).doubleValue() == c.x
                            && node.get(1).doubleValue() == c.y
                    ? ""
                    : null;
        }
        for (int i = 0; i < node.size(); i++) {
            String sub = pathOf(node.get(i), c);
            if (sub != null) {
                return "[" + i + "]" + sub;
            }
        }
        return null;
    }

    private static String kindWord(GeometryDefect.Kind kind) {
        return switch (kind) {
            case EMPTY -> "empty geometry";
            case WRONG_TYPE -> "wrong geometry type";
            case UNCLOSED_RING -> "unclosed ring";
            case MALFORMED -> "malformed geometry";
            case INVALID -> "invalid geometry";
            case PROJECTED_COORDINATES -> "projected coordinates without a declared CRS";
            case OUTSIDE_ENVELOPE -> "coordinates out of range";
        };
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return shorten(node.toString());
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
