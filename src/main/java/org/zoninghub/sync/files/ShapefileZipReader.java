package org.zoninghub.sync.files;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.zoninghub.spatial.GeoJsonGeometries;
import org.zoninghub.spatial.formats.DbfFile;
import org.zoninghub.spatial.formats.ReadBudget;
import org.zoninghub.spatial.formats.ShpFile;
import org.zoninghub.spatial.formats.SourceCrs;
import org.zoninghub.spatial.formats.TextEncodings;

/**
 * Reads a zipped ESRI Shapefile of control units: exactly one {@code .shp .shx .dbf .prj} set (optionally
 * {@code .cpg}) anywhere in the zip, with the §3 property names as DBF columns (HJGKDYBM, HJGKDYMC, PROV, CITY, AREA,
 * ZHGKDYFL, LYMC, KJBJYS, PWWPFGK, HJFXFK, ZYKFXLYQ, BBH, GXSJ, ZT; DBF names hold at most 10 characters, which all
 * of these fit). Other files in the zip (metadata, spatial indexes, {@code __MACOSX}) are ignored.
 *
 * <p>Encoding of DBF text: the charset the {@code .cpg} names, otherwise the configured default (GBK). The CRS comes
 * from the {@code .prj} ({@link SourceCrs#ofWkt}); Gauss–Krüger coordinates are transformed to EPSG:4490. Without an
 * accepted {@code .prj} no feature is produced, since nothing says what the coordinates mean.
 *
 * <p>DBF text fields hold at most 254 bytes in dBASE III (127 Chinese characters in GBK, 84 in UTF-8); GDAL cuts
 * longer texts when it writes. A dimension text that fills such a field exactly is therefore reported as probably
 * cut, and long lists belong in GeoJSON or in a unit-level XLSX/CSV list. Wider text fields written GDAL's way (the
 * width's high byte in the decimal-count byte) are read whole. A numeric ZHGKDYFL (N field) becomes a number, a
 * date (D field) a {@code YYYY-MM-DD} text, and a date GXSJ midnight China time ({@code …T00:00:00+08:00}).
 * Records marked deleted in the DBF are skipped and counted, as every GIS skips them.
 */
final class ShapefileZipReader {

    static final String FORMAT = "Shapefile";
    private static final List<String> PARTS = List.of("shp", "shx", "dbf", "prj", "cpg");
    private static final List<String> TEXT_FIELDS = List.of("KJBJYS", "PWWPFGK", "HJFXFK", "ZYKFXLYQ", "HJGKDYMC");

    private final Charset defaultCharset;
    private final FieldNames names;

    /**
     * @param defaultCharset DBF text encoding when the set has no {@code .cpg} (GBK by default)
     * @param names which DBF field fills which field
     */
    ShapefileZipReader(Charset defaultCharset, FieldNames names) {
        this.defaultCharset = defaultCharset;
        this.names = names;
    }

    FileImport read(String file, byte[] content, ReadBudget budget) {
        return read(file, content, budget, java.util.Set.of());
    }

    /**
     * Reads the zip's Shapefile set; the entries named in {@code chargedElsewhere} (list files of a delivery's zip,
     * read and charged by their own readers) are skipped without being charged again.
     */
    FileImport read(String file, byte[] content, ReadBudget budget, java.util.Set<String> chargedElsewhere) {
        Map<String, Map<String, byte[]>> sets;
        try {
            sets = entries(content, StandardCharsets.UTF_8, budget, chargedElsewhere);
        } catch (IllegalArgumentException malformedNames) {
            try {
                // the first reading stopped at a name; the budget counts the entries read before it once more
                budget = new ReadBudget(budget.limits());
                sets = entries(content, TextEncodings.GBK, budget, chargedElsewhere);
            } catch (IOException | IllegalArgumentException e) {
                return rejected(file, "is not a readable zip: " + e.getMessage());
            }
        } catch (IOException e) {
            return rejected(file, "is not a readable zip: " + e.getMessage());
        }
        if (sets.isEmpty()) {
            return rejected(file, "holds no Shapefile (.shp .shx .dbf .prj)");
        }
        if (sets.size() > 1) {
            return rejected(
                    file,
                    "holds " + sets.size() + " Shapefile sets, " + names(List.copyOf(sets.keySet()))
                            + ": which one is the delivery? Send a zip holding only that set");
        }
        String base = sets.keySet().iterator().next();
        Map<String, byte[]> parts = sets.get(base);
        List<String> missing = PARTS.subList(0, 4).stream()
                .filter(p -> !parts.containsKey(p))
                .map(p -> leaf(base) + "." + p)
                .toList();
        List<FileDefect> defects = new ArrayList<>();
        if (!missing.isEmpty()) {
            String reason = "the Shapefile set " + base + " lacks " + String.join(", ", missing)
                    + " (a set needs .shp, .shx, .dbf and .prj)";
            if (!parts.containsKey("shp") || !parts.containsKey("dbf")) {
                return rejected(file, reason);
            }
            defects.add(FileDefect.ofFile(file, reason));
        }
        Charset charset = defaultCharset;
        if (parts.containsKey("cpg")) {
            String cpg = new String(parts.get("cpg"), StandardCharsets.US_ASCII);
            Optional<Charset> named = TextEncodings.ofCpg(cpg);
            if (named.isEmpty()) {
                return rejected(file, leaf(base) + ".cpg names the unknown encoding \"" + cpg.strip() + "\"");
            }
            charset = named.get();
        }
        // the counts of the three parts agree before any record is built: a header that claims millions of records
        // is refused here, not after building them
        int shpCount = ShpFile.countRecords(parts.get("shp"));
        long dbfCount = DbfFile.declaredRecords(parts.get("dbf"));
        if (dbfCount >= 0 && shpCount != dbfCount) {
            return rejected(
                    file,
                    leaf(base) + ".shp holds " + shpCount + " shapes but " + leaf(base) + ".dbf " + dbfCount
                            + " records; they must correspond one to one");
        }
        ShpFile.Contents shapes;
        DbfFile.Table table;
        try {
            shapes = ShpFile.read(parts.get("shp"), budget);
        } catch (ShpFile.ShpException e) {
            return rejected(file, leaf(base) + ".shp " + e.getMessage());
        }
        try {
            // the .shp's records are charged already; the .dbf's are the same records
            table = DbfFile.read(parts.get("dbf"), charset, new ReadBudget(budget.limits()));
        } catch (DbfFile.DbfException e) {
            return rejected(file, leaf(base) + ".dbf " + e.getMessage());
        }
        if (shapes.shapes().size() != table.rows().size()) {
            return rejected(
                    file,
                    leaf(base) + ".shp holds " + shapes.shapes().size() + " shapes but " + leaf(base) + ".dbf "
                            + table.rows().size() + " records; they must correspond one to one");
        }
        if (parts.containsKey("shx")) {
            long indexed = ShpFile.indexedRecords(parts.get("shx"));
            if (indexed != shapes.shapes().size()) {
                defects.add(FileDefect.ofFile(
                        file,
                        leaf(base) + ".shx indexes " + indexed + " shapes but " + leaf(base) + ".shp holds "
                                + shapes.shapes().size()));
            }
        }
        List<String> columns = table.fields().stream().map(DbfFile.Field::name).toList();
        Optional<String> conflict = names.conflict(columns);
        if (conflict.isPresent()) {
            return rejected(file, leaf(base) + ".dbf: " + conflict.get());
        }
        Map<String, String> mappings = names.mappings(columns);
        String codeColumn = mappings.get("HJGKDYBM");
        SourceCrs crs = null;
        if (parts.containsKey("prj")) {
            String wkt = new String(parts.get("prj"), StandardCharsets.UTF_8);
            SourceCrs.Recognition recognition = SourceCrs.ofWkt(wkt);
            if (recognition.recognised()) {
                crs = recognition.crs();
            } else {
                defects.add(FileDefect.ofFile(
                        file,
                        leaf(base) + ".prj is not an accepted CRS: " + recognition.problem() + undeclared(shapes)));
            }
        } else {
            String note = undeclared(shapes);
            if (!note.isEmpty()) {
                defects.add(FileDefect.ofFile(file, "the coordinate system is undeclared" + note));
            }
        }
        List<ObjectNode> features = new ArrayList<>();
        int deleted = 0;
        for (int i = 0; i < table.rows().size(); i++) {
            DbfFile.Row row = table.rows().get(i);
            if (row.deleted()) {
                deleted++;
                continue;
            }
            Object code = codeColumn == null ? null : row.values().get(codeColumn);
            String record = "record #" + (i + 1) + (code == null ? "" : " (" + code + ")");
            List<String> problems = new ArrayList<>(row.problems());
            ShpFile.Shape shape = shapes.shapes().get(i);
            if (shape.problem() != null) {
                problems.add("geometry: " + shape.problem());
            }
            for (DbfFile.Field f : table.fields()) {
                Integer bytes = row.textBytes().get(f.name());
                if (bytes != null
                        && f.filledBy(bytes)
                        && TEXT_FIELDS.contains(
                                names.field(f.name()).orElse(f.name().toUpperCase(Locale.ROOT)))) {
                    problems.add(f.name() + " fills its whole " + f.length() + "-byte DBF text field and was probably"
                            + " cut by the program that wrote it; deliver long lists as GeoJSON or as a unit-level"
                            + " XLSX/CSV list");
                }
            }
            ObjectNode feature = JsonNodeFactory.instance.objectNode();
            feature.put("type", "Feature");
            if (code != null) {
                feature.put("id", code.toString());
            }
            if (shape.geometry() == null || crs == null) {
                feature.putNull("geometry");
            } else {
                try {
                    Geometry g = crs.toGeographic(shape.geometry());
                    feature.set("geometry", GeoJsonGeometries.write(g));
                } catch (IllegalArgumentException e) {
                    problems.add("geometry cannot be transformed from " + crs.label() + ": " + e.getMessage());
                }
            }
            feature.set("properties", names.renamed(properties(row)));
            if (!problems.isEmpty()) {
                problems.forEach(p -> defects.add(new FileDefect(file, record, p)));
            } else if (crs != null) {
                features.add(feature);
            }
        }
        return new FileImport(file, FORMAT, features, List.of(), List.of(), defects, deleted, mappings);
    }

    private static ObjectNode properties(DbfFile.Row row) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        row.values().forEach((name, value) -> {
            if (value == null) {
                p.putNull(name);
            } else if (value instanceof String s) {
                p.put(name, s);
            } else if (value instanceof Long l) {
                if (l == l.intValue()) {
                    p.put(name, l.intValue());
                } else {
                    p.put(name, l);
                }
            } else if (value instanceof BigDecimal d) {
                p.put(name, d);
            } else if (value instanceof Boolean b) {
                p.put(name, b);
            } else if (value instanceof LocalDate d) {
                p.put(name, name.equalsIgnoreCase(ListTable.UPDATED) ? ListTable.time(d) : d.toString());
            }
        });
        return p;
    }

    /** A note for a missing or unaccepted {@code .prj}, saying whether the coordinates look projected. */
    private static String undeclared(ShpFile.Contents shapes) {
        for (ShpFile.Shape s : shapes.shapes()) {
            if (s.geometry() == null) {
                continue;
            }
            for (Coordinate c : s.geometry().getCoordinates()) {
                if (Math.abs(c.x) > 180 || Math.abs(c.y) > 90) {
                    return "; undeclared projected coordinates: (" + c.x + ", " + c.y + ") in record #"
                            + s.recordNumber() + " is not a longitude/latitude (add the .prj of the CRS, e.g."
                            + " CGCS2000 3-degree Gauss–Krüger zone 42, EPSG:4530)";
                }
            }
        }
        return "";
    }

    /**
     * The Shapefile sets of a zip: base path (without extension, as spelled by the first part seen) → extension →
     * bytes. Parts are grouped case-insensitively.
     */
    private static Map<String, Map<String, byte[]>> entries(
            byte[] content, Charset names, ReadBudget budget, java.util.Set<String> chargedElsewhere)
            throws IOException {
        Map<String, Map<String, byte[]>> byKey = new TreeMap<>();
        Map<String, String> spelling = new TreeMap<>();
        ZipEntries.read(content, names, budget, new ZipEntries.Visitor() {
            @Override
            public boolean wants(ZipEntry entry, String name) {
                return extension(name) != null;
            }

            @Override
            public boolean chargedElsewhere(String name) {
                return chargedElsewhere.contains(name);
            }

            @Override
            public void accept(ZipEntry entry, String name, byte[] bytes) {
                String basePath = name.substring(0, name.lastIndexOf('.'));
                String key = basePath.toLowerCase(Locale.ROOT);
                spelling.putIfAbsent(key, basePath);
                byKey.computeIfAbsent(key, k -> new TreeMap<>()).put(extension(name), bytes);
            }
        });
        Map<String, Map<String, byte[]>> sets = new TreeMap<>();
        byKey.forEach((key, parts) -> sets.put(spelling.get(key), parts));
        return sets;
    }

    /** The Shapefile part an entry is ({@code shp}, {@code dbf} …), or null for an entry that is not one. */
    private static String extension(String name) {
        String leaf = name.substring(name.lastIndexOf('/') + 1);
        if (name.startsWith("__MACOSX/") || leaf.startsWith("._")) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot < name.lastIndexOf('/')) {
            return null;
        }
        String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return PARTS.contains(ext) ? ext : null;
    }

    /** {@code a and b}, {@code a, b and c}. */
    private static String names(List<String> names) {
        return names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String leaf(String base) {
        return base.substring(base.lastIndexOf('/') + 1);
    }

    private static FileImport rejected(String file, String reason) {
        return FileImport.rejected(file, FORMAT, List.of(FileDefect.ofFile(file, reason)));
    }
}
