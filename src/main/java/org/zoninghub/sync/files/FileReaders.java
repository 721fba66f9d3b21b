package org.zoninghub.sync.files;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.zoninghub.spatial.formats.ReadBudget;
import org.zoninghub.spatial.formats.TextEncodings;

/**
 * Reads the inbound files of docs/files.md into the records the provincial API delivers, chosen by the file name's
 * extension:
 *
 * <ul>
 *   <li>{@code .geojson}, {@code .json}: a GeoJSON FeatureCollection of units (or a {@code {"items": […]}} list
 *       document);
 *   <li>{@code .zip}: one Shapefile set of units;
 *   <li>{@code .xlsx}, {@code .csv}: a unit-level or city/basin access list with Chinese headers;
 *   <li>{@code .gpkg}: a GeoPackage with a table of units and attribute tables of lists.
 * </ul>
 *
 * A delivery of several files ({@link #readSet}) is read within one budget; a zip may hold list files beside its
 * Shapefile set. Column names are matched to fields by {@link FieldNames}.
 *
 * Any other extension gives an import with one defect saying which are read. Problems of a file's content are
 * reported as {@link FileDefect}s, never thrown; only a file that cannot be read from disk throws. Each file is read
 * within a {@link ReadBudget}: a file that would cost more (a decompression bomb, a header declaring millions of
 * records, a text nested thousands deep) is rejected naming the limit, before it takes the memory.
 *
 * <p>Thread-safe: the readers keep no state between files.
 */
public final class FileReaders {

    /** DBF and CSV text encoding assumed when a file does not say (Chinese Windows software writes GBK). */
    public static final Charset DEFAULT_CHARSET = TextEncodings.GBK;

    private final GeoJsonFileReader geoJson;
    private final ShapefileZipReader shapefile;
    private final XlsxListReader xlsx;
    private final CsvListReader csv;
    private final GeoPackageReader gpkg;
    private final ReadBudget.Limits limits;
    private final String edition;
    private final OffsetDateTime updatedAt;
    private final Charset dbfCharset;
    private final Charset csvFallback;
    private final FieldNames names;

    /**
     * @param edition the edition (BBH) recorded for table rows when the table has no 版本号 column, e.g. {@code 2025};
     *     null when no edition is in force: a table without 版本号 is then refused as a whole, with the reason "no
     *     edition in force: give 版本号 (BBH) in the file or import the units first"
     * @param updatedAt the update time (GXSJ) recorded for table rows when the table has no 更新时间 column; null to
     *     require the column
     * @param dbfCharset DBF text encoding of a Shapefile set without {@code .cpg}
     * @param csvFallback CSV encoding when a file is neither marked nor valid as UTF-8
     * @param limits what reading one file may cost (decompressed bytes, entries, records, vertices, nesting depth)
     * @param names which column (DBF field, GeoJSON property, table header) fills which field
     */
    public FileReaders(
            String edition,
            OffsetDateTime updatedAt,
            Charset dbfCharset,
            Charset csvFallback,
            ReadBudget.Limits limits,
            FieldNames names) {
        Objects.requireNonNull(dbfCharset, "dbfCharset");
        Objects.requireNonNull(csvFallback, "csvFallback");
        Objects.requireNonNull(names, "names");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.edition = edition;
        this.updatedAt = updatedAt;
        this.dbfCharset = dbfCharset;
        this.csvFallback = csvFallback;
        this.names = names;
        this.geoJson = new GeoJsonFileReader(names);
        this.shapefile = new ShapefileZipReader(dbfCharset, names);
        this.xlsx = new XlsxListReader(edition, updatedAt, names);
        this.csv = new CsvListReader(edition, updatedAt, csvFallback, names);
        this.gpkg = new GeoPackageReader(edition, updatedAt, names);
    }

    /** Readers with the built-in field names. */
    public FileReaders(
            String edition,
            OffsetDateTime updatedAt,
            Charset dbfCharset,
            Charset csvFallback,
            ReadBudget.Limits limits) {
        this(edition, updatedAt, dbfCharset, csvFallback, limits, FieldNames.STANDARD);
    }

    /** Readers with the default read budget. */
    public FileReaders(String edition, OffsetDateTime updatedAt, Charset dbfCharset, Charset csvFallback) {
        this(edition, updatedAt, dbfCharset, csvFallback, ReadBudget.Limits.DEFAULT);
    }

    /** Readers assuming GBK for DBF files without {@code .cpg} and for CSV files that are not UTF-8. */
    public FileReaders(String edition, OffsetDateTime updatedAt) {
        this(edition, updatedAt, DEFAULT_CHARSET, DEFAULT_CHARSET);
    }

    /** Whether a file name has an extension these readers read. */
    public static boolean isSupported(String fileName) {
        return switch (extension(fileName)) {
            case "geojson", "json", "zip", "xlsx", "csv", "gpkg" -> true;
            default -> false;
        };
    }

    /** One file of a delivery: its name (which chooses the reader) and its content. */
    public record Part(String name, byte[] content) {
        public Part {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
        }
    }

    /** The list files a zip may hold beside its Shapefile set, each read as a file of the delivery. */
    private static final List<String> IN_ZIP = List.of("xlsx", "csv", "geojson", "gpkg");

    /**
     * Reads the files of one delivery (an upload of several files, an inbox folder, or one file) within ONE read
     * budget, so that every file charges the delivery's bytes, entries and records. A list table without 版本号 takes
     * the edition (BBH) of the delivery's units when they all carry the same one, else the edition given. A zip's Shapefile set is read as
     * one file and each XLSX, CSV, GeoJSON ({@code .geojson}) or GeoPackage in the zip as a further file named
     * {@code zip/entry}; a GeoPackage is one file per table, {@code name.gpkg/table}. A delivery that
     * would exceed the budget is rejected as a whole with a defect naming the limit.
     *
     * @param name the delivery's name, e.g. the inbox folder or the uploaded files' names
     * @param parts the files of the delivery; one part is read exactly as {@link #read(String, byte[])} reads it
     * @return the files read, in the order given (a zip's own files after its Shapefile set)
     */
    public List<FileImport> readSet(String name, List<Part> parts) {
        List<FileImport> files = readSetOnce(name, parts);
        // the lists of a delivery belong to its units: a table without 版本号 takes their edition, when they agree
        java.util.Set<String> editions = new java.util.TreeSet<>();
        boolean tables = false;
        for (FileImport f : files) {
            f.unitFeatures()
                    .forEach(u -> editions.add(
                            u.path("properties").path(ListTable.EDITION).asText("")));
            tables |= !f.unitListRows().isEmpty()
                    || !f.listItems().isEmpty()
                    || f.defects().stream().anyMatch(d -> d.reason().equals(ListTable.NO_EDITION));
        }
        String units = editions.size() == 1 ? editions.iterator().next().strip() : "";
        if (tables && !units.isEmpty() && !units.equals(edition)) {
            return new FileReaders(units, updatedAt, dbfCharset, csvFallback, limits, names).readSetOnce(name, parts);
        }
        return files;
    }

    private List<FileImport> readSetOnce(String name, List<Part> parts) {
        Objects.requireNonNull(parts, "parts");
        if (parts.size() == 1
                && !hasListEntries(parts.get(0))
                && !extension(parts.get(0).name()).equals("gpkg")) {
            return List.of(read(parts.get(0).name(), parts.get(0).content()));
        }
        ReadBudget budget = new ReadBudget(limits);
        List<FileImport> out = new java.util.ArrayList<>();
        try {
            for (Part part : parts) {
                budget.entry("file " + part.name() + " of the delivery");
                if (extension(part.name()).equals("zip")) {
                    Map<String, byte[]> lists = listEntries(part.content(), new ReadBudget(limits));
                    // a zip of list files only has no Shapefile set to read
                    if (lists.isEmpty() || hasShapefile(part.content())) {
                        // the list files are charged once, by their own readers below
                        out.add(shapefile.read(part.name(), part.content(), budget, lists.keySet()));
                    }
                    for (Map.Entry<String, byte[]> e : lists.entrySet()) {
                        budget.entry("file " + e.getKey() + " of the delivery");
                        out.addAll(readAll(part.name() + "/" + e.getKey(), e.getValue(), budget));
                    }
                } else if (extension(part.name()).equals("gpkg")) {
                    out.addAll(gpkg.read(part.name(), part.content(), budget));
                } else {
                    out.add(readWithin(part.name(), part.content(), budget));
                }
            }
        } catch (ReadBudget.Exceeded e) {
            return List.of(FileImport.rejected(name, "set", List.of(FileDefect.ofFile(name, e.getMessage()))));
        } catch (IOException | IllegalArgumentException e) {
            return List.of(FileImport.rejected(
                    name,
                    "set",
                    List.of(FileDefect.ofFile(name, "a zip of the delivery cannot be read: " + e.getMessage()))));
        }
        return out;
    }

    /** A file as the imports it holds: a GeoPackage's tables, or the one file. */
    private List<FileImport> readAll(String name, byte[] content, ReadBudget budget) {
        return extension(name).equals("gpkg")
                ? gpkg.read(name, content, budget)
                : List.of(readWithin(name, content, budget));
    }

    private static boolean hasListEntries(Part part) {
        if (!extension(part.name()).equals("zip")) {
            return false;
        }
        try {
            return !listEntries(part.content(), ReadBudget.standard()).isEmpty();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The list files of a zip (not in {@code __MACOSX}): entry name → bytes, in the zip's order. */
    private static Map<String, byte[]> listEntries(byte[] zip, ReadBudget budget) throws IOException {
        try {
            return listEntries(zip, java.nio.charset.StandardCharsets.UTF_8, budget);
        } catch (IllegalArgumentException malformedNames) {
            return listEntries(zip, TextEncodings.GBK, new ReadBudget(budget.limits()));
        }
    }

    private static Map<String, byte[]> listEntries(byte[] zip, Charset names, ReadBudget budget) throws IOException {
        Map<String, byte[]> lists = new java.util.LinkedHashMap<>();
        ZipEntries.read(zip, names, budget, new ZipEntries.Visitor() {
            @Override
            public boolean wants(java.util.zip.ZipEntry entry, String name) {
                String leaf = name.substring(name.lastIndexOf('/') + 1);
                // not macOS resource forks, nor the lock files Office leaves beside an open workbook (~$…)
                return !name.startsWith("__MACOSX/")
                        && !leaf.startsWith("._")
                        && !leaf.startsWith("~$")
                        && IN_ZIP.contains(extension(name));
            }

            @Override
            public void accept(java.util.zip.ZipEntry entry, String name, byte[] bytes) {
                lists.put(name, bytes);
            }
        });
        return lists;
    }

    private static boolean hasShapefile(byte[] zip) throws IOException {
        boolean[] found = {false};
        ZipEntries.read(
                zip, java.nio.charset.StandardCharsets.ISO_8859_1, ReadBudget.standard(), new ZipEntries.Visitor() {
                    @Override
                    public boolean wants(java.util.zip.ZipEntry entry, String name) {
                        String ext = extension(name);
                        found[0] |= ext.equals("shp") || ext.equals("dbf");
                        return false;
                    }

                    @Override
                    public void accept(java.util.zip.ZipEntry entry, String name, byte[] bytes) {}
                });
        return found[0];
    }

    /**
     * Reads a file from disk.
     *
     * @throws IOException when the file itself cannot be read (its content never throws)
     */
    public FileImport read(Path file) throws IOException {
        return read(file.getFileName().toString(), Files.readAllBytes(file));
    }

    /**
     * Reads a file's content, e.g. an upload; {@code fileName} chooses the reader and names the file in defects. A
     * file that would exceed the read budget is rejected as a whole with a defect naming the limit.
     */
    public FileImport read(String fileName, byte[] content) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        ReadBudget budget = new ReadBudget(limits);
        String format = switch (extension(fileName)) {
            case "geojson", "json" -> GeoJsonFileReader.FORMAT;
            case "zip" -> ShapefileZipReader.FORMAT;
            case "xlsx" -> XlsxListReader.FORMAT;
            case "csv" -> CsvListReader.FORMAT;
            case "gpkg" -> GeoPackageReader.FORMAT;
            default -> "unsupported";
        };
        try {
            return readWithin(fileName, content, budget);
        } catch (ReadBudget.Exceeded e) {
            return FileImport.rejected(fileName, format, List.of(FileDefect.ofFile(fileName, e.getMessage())));
        }
    }

    private FileImport readWithin(String fileName, byte[] content, ReadBudget budget) {
        return switch (extension(fileName)) {
            case "geojson", "json" -> geoJson.read(fileName, content, budget);
            case "zip" -> shapefile.read(fileName, content, budget);
            case "xlsx" -> xlsx.read(fileName, content, budget);
            case "csv" -> csv.read(fileName, content, budget);
            case "gpkg" -> FileImport.combined(fileName, gpkg.read(fileName, content, budget));
            case "xls" -> unsupported(fileName, "Excel 97–2003 workbooks (.xls) are not read; save it as .xlsx");
            case "shp", "dbf", "shx", "prj", "cpg" ->
                unsupported(fileName, "a Shapefile comes as one .zip holding its .shp, .shx, .dbf and .prj (and .cpg)");
            default ->
                unsupported(
                        fileName,
                        "unsupported file type "
                                + (extension(fileName).isEmpty() ? "(no extension)" : "." + extension(fileName))
                                + "; expected .geojson or .json (GeoJSON), .zip (Shapefile), .gpkg (GeoPackage), .xlsx or"
                                + " .csv (access lists)");
        };
    }

    private static FileImport unsupported(String fileName, String reason) {
        return FileImport.rejected(fileName, "unsupported", List.of(FileDefect.ofFile(fileName, reason)));
    }

    private static String extension(String fileName) {
        String leaf = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = leaf.lastIndexOf('.');
        return dot < 0 ? "" : leaf.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
