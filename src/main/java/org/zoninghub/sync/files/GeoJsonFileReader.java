package org.zoninghub.sync.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.zoninghub.spatial.GeoJsonGeometries;
import org.zoninghub.spatial.formats.ReadBudget;
import org.zoninghub.spatial.formats.SourceCrs;

/**
 * Reads a GeoJSON FeatureCollection of control units (docs/provincial-api.md shape), or a list document
 * {@code {"items": [...]}} of city/basin lists as the provincial {@code /lists} endpoint returns.
 *
 * <p>Coordinates are EPSG:4490 longitude/latitude. A top-level {@code crs} member (GeoJSON 2008) may declare the
 * CRS: EPSG:4490, EPSG:4326 or OGC CRS84 are taken as they are; a CGCS2000 3-degree Gauss–Krüger zone
 * (EPSG:4513–4554, as {@code EPSG:4530}, {@code urn:ogc:def:crs:EPSG::4530} or an opengis.net URI) is transformed to
 * EPSG:4490; any other declared CRS rejects the file. Undeclared projected coordinates are not guessed at: they pass
 * through and the geometry checks name them.
 *
 * <p>Features keep every member as given, except the transformed geometry (written with 8 decimals).
 */
final class GeoJsonFileReader {

    static final String FORMAT = "GeoJSON";

    private final FieldNames names;

    GeoJsonFileReader(FieldNames names) {
        this.names = names;
    }

    FileImport read(String file, byte[] content, ReadBudget budget) {
        budget.bytes(content.length, "the file");
        ObjectMapper mapper = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(budget.limits().maxDepth())
                        .build())
                .build());
        JsonNode root;
        try {
            root = mapper.readTree(content);
        } catch (StreamConstraintsException e) {
            budget.depth(budget.limits().maxDepth() + 1, "the JSON text");
            return rejected(file, "is not JSON this hub reads: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return rejected(
                    file,
                    "is not JSON: " + e.getOriginalMessage() + " (line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            return rejected(file, "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return rejected(file, "is not a JSON object; expected a GeoJSON FeatureCollection");
        }
        String type = root.path("type").asText("");
        if (!type.equals("FeatureCollection")) {
            if (type.isEmpty() && root.path("items").isArray()) {
                return items(file, root.get("items"), budget);
            }
            return rejected(
                    file,
                    "is a " + (type.isEmpty() ? "JSON object without \"type\"" : type)
                            + ", expected a GeoJSON FeatureCollection (or a list document {\"items\": […]})");
        }
        JsonNode features = root.get("features");
        if (features == null || !features.isArray()) {
            return rejected(file, "the FeatureCollection has no \"features\" array");
        }
        SourceCrs crs = null;
        JsonNode crsMember = root.get("crs");
        if (crsMember != null && !crsMember.isNull()) {
            Optional<SourceCrs> declared = crs(crsMember);
            if (declared.isEmpty()) {
                return rejected(
                        file,
                        "declares the CRS " + crsMember + ", which is not accepted: expected EPSG:4490"
                                + " (CGCS2000), EPSG:4326, OGC CRS84 or a CGCS2000 3-degree Gauss–Krüger zone"
                                + " (EPSG:4513–4554)");
            }
            crs = declared.get();
        }
        budget.records(features.size(), "the FeatureCollection holds " + features.size() + " features");
        java.util.Set<String> columns = new java.util.LinkedHashSet<>();
        for (JsonNode f : features) {
            f.path("properties").fieldNames().forEachRemaining(columns::add);
        }
        Optional<String> conflict = names.conflict(columns);
        if (conflict.isPresent()) {
            return rejected(file, conflict.get());
        }
        for (int i = 0; i < features.size(); i++) {
            budget.vertices(positions(features.get(i).path("geometry").path("coordinates")), "feature #" + (i + 1));
        }
        List<ObjectNode> units = new ArrayList<>();
        List<FileDefect> defects = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            String record = "feature #" + (i + 1);
            if (!f.isObject() || !"Feature".equals(f.path("type").asText())) {
                defects.add(new FileDefect(file, record, "is not a GeoJSON Feature"));
                continue;
            }
            ObjectNode feature = ((ObjectNode) f).deepCopy();
            if (feature.get("properties") instanceof ObjectNode props) {
                feature.set("properties", names.renamed(props));
            }
            String code = feature.path("properties").path("HJGKDYBM").asText("");
            if (!code.isBlank()) {
                record += " (" + code + ")";
            }
            JsonNode geometry = f.get("geometry");
            if (crs != null && !crs.geographic() && geometry != null && !geometry.isNull()) {
                try {
                    Geometry g = crs.toGeographic(GeoJsonGeometries.read(geometry));
                    feature.set("geometry", GeoJsonGeometries.write(g));
                } catch (IllegalArgumentException e) {
                    defects.add(new FileDefect(
                            file,
                            record,
                            "geometry cannot be transformed from " + crs.label() + ": " + e.getMessage()));
                    continue;
                }
            }
            units.add(feature);
        }
        return new FileImport(file, FORMAT, units, List.of(), List.of(), defects, 0, names.mappings(columns));
    }

    /** The positions (innermost arrays) of a GeoJSON coordinates member, counted without building anything. */
    private static long positions(JsonNode coordinates) {
        if (!coordinates.isArray() || coordinates.isEmpty()) {
            return 0;
        }
        if (!coordinates.get(0).isArray()) {
            return 1;
        }
        long n = 0;
        for (JsonNode child : coordinates) {
            n += positions(child);
        }
        return n;
    }

    private FileImport items(String file, JsonNode items, ReadBudget budget) {
        List<ObjectNode> lists = new ArrayList<>();
        List<FileDefect> defects = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            budget.records(1, "the list document holds " + items.size() + " items");
            if (items.get(i).isObject()) {
                lists.add(names.renamed(((ObjectNode) items.get(i)).deepCopy()));
            } else {
                defects.add(new FileDefect(file, "list item #" + (i + 1), "is not a JSON object"));
            }
        }
        return new FileImport(file, FORMAT, List.of(), lists, List.of(), defects, 0);
    }

    /** The CRS a GeoJSON 2008 {@code crs} member names: {@code {"type": "name", "properties": {"name": …}}}. */
    static Optional<SourceCrs> crs(JsonNode member) {
        String type = member.path("type").asText("");
        JsonNode props = member.path("properties");
        if (type.equalsIgnoreCase("name") && props.path("name").isTextual()) {
            return SourceCrs.ofName(props.get("name").asText());
        }
        if (type.equalsIgnoreCase("EPSG") && props.path("code").canConvertToInt()) {
            return SourceCrs.ofEpsg(props.get("code").asInt());
        }
        return Optional.empty();
    }

    private static FileImport rejected(String file, String reason) {
        return FileImport.rejected(file, FORMAT, List.of(FileDefect.ofFile(file, reason)));
    }
}
