package org.zoninghub.sync.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one inbound file held, as the records the provincial API delivers (docs/provincial-api.md), so that the provincial mapper
 * validates file and API input alike.
 *
 * <p>Each list keeps the order of the file. A record a reader could not convert is not in the lists but in
 * {@link #defects()}; since an import is applied whole or not at all, a caller rejects the file when any defect is
 * present ({@link #isClean()}).
 *
 * @param file the file name as received
 * @param format {@code GeoJSON}, {@code Shapefile}, {@code XLSX}, {@code CSV}, or {@code unsupported}
 * @param unitFeatures GeoJSON Features of control units in EPSG:4490 with the §3 properties (HJGKDYBM, …)
 * @param listItems city-wide and basin lists with CJ, SYDXBM, SYDXMC, the four dimension fields, BBH, GXSJ, ZT
 * @param unitListRows unit-level lists without geometry: HJGKDYBM, HJGKDYMC, PROV, CITY, AREA, ZHGKDYFL, the four
 *     dimension fields, BBH, GXSJ and, where given, ZT
 * @param defects every problem found, each naming its record
 * @param deletedRecords DBF records marked as deleted, which a Shapefile reader skips as every GIS does
 * @param fieldMappings which column of the file filled which field ({@link FieldNames}): field code → column name as
 *     found, e.g. {@code HJGKDYBM → 环境管控单元编码}
 */
public record FileImport(
        String file,
        String format,
        List<ObjectNode> unitFeatures,
        List<ObjectNode> listItems,
        List<ObjectNode> unitListRows,
        List<FileDefect> defects,
        int deletedRecords,
        Map<String, String> fieldMappings) {

    /** The numbers a report shows for a file. */
    public record Counts(int unitFeatures, int listItems, int unitListRows, int defects, int deletedRecords) {}

    public FileImport {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        unitFeatures = List.copyOf(unitFeatures);
        listItems = List.copyOf(listItems);
        unitListRows = List.copyOf(unitListRows);
        defects = List.copyOf(defects);
        fieldMappings = fieldMappings == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(fieldMappings));
    }

    /** An import whose columns were the field codes themselves (or whose mappings are not known). */
    public FileImport(
            String file,
            String format,
            List<ObjectNode> unitFeatures,
            List<ObjectNode> listItems,
            List<ObjectNode> unitListRows,
            List<FileDefect> defects,
            int deletedRecords) {
        this(file, format, unitFeatures, listItems, unitListRows, defects, deletedRecords, Map.of());
    }

    /** The same import with further defects. */
    public FileImport withDefects(List<FileDefect> more) {
        List<FileDefect> all = new java.util.ArrayList<>(defects);
        all.addAll(more);
        return new FileImport(file, format, unitFeatures, listItems, unitListRows, all, deletedRecords, fieldMappings);
    }

    /** An import that read nothing because of defects of the file as a whole. */
    static FileImport rejected(String file, String format, List<FileDefect> defects) {
        return new FileImport(file, format, List.of(), List.of(), List.of(), defects, 0);
    }

    /**
     * The files of one delivery as one import, joined in the order given; each defect keeps the file it names. One
     * file is returned as it is.
     *
     * @param name the delivery's name, e.g. an inbox folder or the uploaded files' names
     */
    public static FileImport combined(String name, List<FileImport> files) {
        if (files.size() == 1) {
            return files.get(0);
        }
        List<ObjectNode> units = new java.util.ArrayList<>();
        List<ObjectNode> lists = new java.util.ArrayList<>();
        List<ObjectNode> rows = new java.util.ArrayList<>();
        List<FileDefect> defects = new java.util.ArrayList<>();
        int deleted = 0;
        for (FileImport f : files) {
            units.addAll(f.unitFeatures());
            lists.addAll(f.listItems());
            rows.addAll(f.unitListRows());
            defects.addAll(f.defects());
            deleted += f.deletedRecords();
        }
        return new FileImport(name, "set", units, lists, rows, defects, deleted, Map.of());
    }

    /** Whether the file was read without any defect. */
    public boolean isClean() {
        return defects.isEmpty();
    }

    public Counts counts() {
        return new Counts(unitFeatures.size(), listItems.size(), unitListRows.size(), defects.size(), deletedRecords);
    }
}
