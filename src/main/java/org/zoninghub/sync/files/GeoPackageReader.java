package org.zoninghub.sync.files;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.zoninghub.spatial.GeoJsonGeometries;
import org.zoninghub.spatial.formats.GpkgFile;
import org.zoninghub.spatial.formats.ReadBudget;
import org.zoninghub.spatial.formats.SourceCrs;

/**
 * Reads a GeoPackage delivery ({@code .gpkg}, read by {@link GpkgFile}): at most one feature table of control units
 * with the fields of a Shapefile delivery (names by {@link FieldNames}), and attribute tables of access lists with the
 * headers of the list files ({@link ListTable}: unit level or city/basin level). Each table is one file of the
 * delivery, named {@code units.gpkg/table}; the units take their lists from the unit-level table as a Shapefile takes
 * them from its list file.
 *
 * <p>The feature table's SRS is resolved like a {@code .prj} (EPSG:4490/4326 or a CGCS2000 3-degree Gauss–Krüger
 * zone, transformed to EPSG:4490). Attribute values come as text; {@code GXSJ} without offset is China time.
 */
final class GeoPackageReader {

    static final String FORMAT = "GeoPackage";

    private final String edition;
    private final OffsetDateTime updatedAt;
    private final FieldNames names;

    GeoPackageReader(String edition, OffsetDateTime updatedAt, FieldNames names) {
        this.edition = edition;
        this.updatedAt = updatedAt;
        this.names = names;
    }

    /** The tables of the file, each as one import; one rejected import when the file as a whole is refused. */
    List<FileImport> read(String file, byte[] content, ReadBudget budget) {
        GpkgFile.Contents contents;
        Path temp = null;
        try {
            temp = Files.createTempFile("zoning-import-", ".gpkg");
            Files.write(temp, content);
            contents = GpkgFile.read(temp, budget);
        } catch (GpkgFile.GpkgException e) {
            return List.of(rejected(file, e.getMessage()));
        } catch (IOException e) {
            return List.of(rejected(file, "cannot be stored for reading: " + e.getMessage()));
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a temporary file left behind is removed with the temporary directory
                }
            }
        }
        List<GpkgFile.Layer> features = contents.layers().stream()
                .filter(l -> l.dataType() == GpkgFile.DataType.FEATURES)
                .toList();
        if (features.size() > 1) {
            return List.of(rejected(
                    file,
                    "holds " + features.size() + " feature tables, "
                            + String.join(
                                    " and ",
                                    features.stream()
                                            .map(GpkgFile.Layer::tableName)
                                            .toList())
                            + ": which one is the delivery? Send a GeoPackage holding one table of units"));
        }
        List<FileImport> out = new ArrayList<>();
        for (GpkgFile.Layer layer : contents.layers()) {
            String name = file + "/" + layer.tableName();
            out.add(layer.dataType() == GpkgFile.DataType.FEATURES ? units(name, layer) : lists(name, layer));
        }
        if (out.isEmpty()) {
            return List.of(rejected(file, "holds no feature table of units and no attribute table of lists"));
        }
        return out;
    }

    private FileImport units(String file, GpkgFile.Layer layer) {
        Optional<String> conflict = names.conflict(layer.columns());
        if (conflict.isPresent()) {
            return rejected(file, conflict.get());
        }
        Map<String, String> mappings = names.mappings(layer.columns());
        SourceCrs.Recognition recognition = layer.srs() == null
                ? new SourceCrs.Recognition(null, "the table has no SRS")
                : layer.srs().resolve();
        if (!recognition.recognised()) {
            return rejected(file, "the SRS of the table is not an accepted CRS: " + recognition.problem());
        }
        SourceCrs crs = recognition.crs();
        List<ObjectNode> units = new ArrayList<>();
        List<FileDefect> defects = new ArrayList<>();
        for (GpkgFile.Row row : layer.rows()) {
            ObjectNode props = JsonNodeFactory.instance.objectNode();
            row.values().forEach((column, value) -> {
                String field = names.field(column).orElse(column);
                if (value == null) {
                    props.putNull(field);
                } else if (field.equals(ListTable.UPDATED)) {
                    props.put(field, ListTable.time(value));
                } else {
                    props.put(field, value);
                }
            });
            String code = props.path("HJGKDYBM").asText("");
            String record = "feature #" + row.fid() + (code.isBlank() ? "" : " (" + code + ")");
            if (row.problem() != null) {
                defects.add(new FileDefect(file, record, row.problem()));
                continue;
            }
            ObjectNode feature = JsonNodeFactory.instance.objectNode();
            feature.put("type", "Feature");
            if (!code.isBlank()) {
                feature.put("id", code);
            }
            if (row.geometry() == null) {
                feature.putNull("geometry");
            } else {
                try {
                    Geometry g = crs.toGeographic(row.geometry());
                    feature.set("geometry", GeoJsonGeometries.write(g));
                } catch (IllegalArgumentException e) {
                    defects.add(new FileDefect(
                            file,
                            record,
                            "geometry cannot be transformed from " + crs.label() + ": " + e.getMessage()));
                    continue;
                }
            }
            feature.set("properties", props);
            units.add(feature);
        }
        return new FileImport(file, FORMAT, units, List.of(), List.of(), defects, 0, mappings);
    }

    private FileImport lists(String file, GpkgFile.Layer layer) {
        List<FileDefect> defects = new ArrayList<>();
        ListTable table = new ListTable(file, edition, updatedAt, names);
        ListTable.Layout layout = table.layout(layer.columns(), 1, defects);
        if (layout == null) {
            return FileImport.rejected(file, FORMAT, defects);
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (GpkgFile.Row row : layer.rows()) {
            if (row.problem() != null) {
                defects.add(new FileDefect(file, "row " + row.fid(), row.problem()));
                continue;
            }
            List<Object> cells = new ArrayList<>();
            layer.columns().forEach(c -> cells.add(row.values().get(c)));
            ObjectNode node = table.row(layout, (int) row.fid(), cells, defects);
            if (node != null) {
                rows.add(node);
            }
        }
        return table.toImport(FORMAT, layout, rows, defects);
    }

    private static FileImport rejected(String file, String reason) {
        return FileImport.rejected(file, FORMAT, List.of(FileDefect.ofFile(file, reason)));
    }
}
