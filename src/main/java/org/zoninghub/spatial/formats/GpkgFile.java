package org.zoninghub.spatial.formats;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;
import org.zoninghub.spatial.Geographic;

/**
 * Reads an OGC GeoPackage ({@code .gpkg}, OGC 12-128r18): the feature and attribute tables its {@code gpkg_contents}
 * lists, with their SRS, columns and rows, and for feature tables the polygon geometry of each row.
 *
 * <p>The file is an SQLite database from outside, so it is opened read-only and immutable, with no extension loaded,
 * {@code trusted_schema} off, and a progress handler that stops every statement past the time limit. Before SQLite
 * sees it, the 100-byte SQLite header is checked: the magic {@code SQLite format 3\0}, the {@code application_id}
 * ({@code GPKG}, {@code GP10} or {@code GP11}) and the length its page count declares (a truncated file is named).
 * The required tables {@code gpkg_contents}, {@code gpkg_spatial_ref_sys} and {@code gpkg_geometry_columns} must be
 * there. Only real tables are read: a content that is a view or a virtual table is refused (a view runs a query of
 * the file's own making), and so is one of another data type (tiles, coverages).
 *
 * <p>A geometry blob is a GeoPackage binary header (magic {@code GP}, version 0, flags with byte order, envelope
 * indicator 0–4, empty flag and extended-type flag, the SRS id, the envelope) followed by ISO WKB. Polygons and
 * MultiPolygons are read, with Z and M values dropped; an empty geometry, another geometry type, an extended
 * (non-standard) geometry, a SpatiaLite blob or a malformed WKB is the row's problem. A null blob is a row without
 * geometry and without a problem, like a Null shape of a Shapefile. Points are counted from the WKB and charged to
 * the budget before any coordinate is built.
 *
 * <p>Attribute values are returned as text: integers in decimal, reals as the shortest decimal that reads back to
 * the same double, text as stored, null as null. A binary value is the row's problem. Coordinates are returned as
 * stored; the caller resolves the layer's {@link Srs} through {@link SourceCrs} and transforms them.
 */
public final class GpkgFile {

    /**
     * A text or binary attribute value longer than this (in bytes) is refused before it is read into memory: a
     * list's clauses take a few kilobytes.
     */
    public static final int MAX_VALUE_BYTES = 1024 * 1024;

    /**
     * A geometry blob longer than this (in bytes, 4 million points of x and y) is refused before it is read into
     * memory; its points are then charged to the budget before they are built.
     */
    public static final int MAX_GEOMETRY_BYTES = 64 * 1024 * 1024;

    /** How long reading one file may take, unless the caller gives another limit. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(60);

    private static final GeometryFactory FACTORY = Geographic.FACTORY;
    private static final int HEADER_LENGTH = 100;
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> APPLICATION_IDS = List.of("GPKG", "GP10", "GP11");
    private static final List<String> REQUIRED_TABLES =
            List.of("gpkg_contents", "gpkg_spatial_ref_sys", "gpkg_geometry_columns");
    private static final int WKB_POLYGON = 3;
    private static final int WKB_MULTIPOLYGON = 6;
    /** SQLite virtual machine instructions between two calls of the progress handler. */
    private static final int PROGRESS_STEPS = 10_000;

    /** The data type of a content ({@code gpkg_contents.data_type}) this reader reads. */
    public enum DataType {
        FEATURES("features"),
        ATTRIBUTES("attributes");

        private final String keyword;

        DataType(String keyword) {
            this.keyword = keyword;
        }

        /** The keyword as {@code gpkg_contents} spells it. */
        public String keyword() {
            return keyword;
        }
    }

    /**
     * A spatial reference system of {@code gpkg_spatial_ref_sys}.
     *
     * @param srsId the id the file uses for it
     * @param organization e.g. {@code EPSG}, as stored (may be null)
     * @param organizationCoordsysId the organisation's code, e.g. 4530
     * @param definition its WKT definition as stored (may be {@code undefined})
     */
    public record Srs(int srsId, String organization, int organizationCoordsysId, String definition) {

        /**
         * The accepted CRS this SRS names: by its EPSG code where the organisation is EPSG and the code is accepted,
         * else by its WKT definition like a {@code .prj}.
         */
        public SourceCrs.Recognition resolve() {
            if (organization != null && organization.strip().equalsIgnoreCase("EPSG")) {
                Optional<SourceCrs> crs = SourceCrs.ofEpsg(organizationCoordsysId);
                if (crs.isPresent()) {
                    return new SourceCrs.Recognition(crs.get(), null);
                }
            }
            if (definition == null || definition.isBlank() || definition.strip().equalsIgnoreCase("undefined")) {
                return new SourceCrs.Recognition(
                        null,
                        "SRS " + srsId + " (" + organization + ":" + organizationCoordsysId
                                + ") is not an accepted CRS and has no WKT definition");
            }
            return SourceCrs.ofWkt(definition);
        }
    }

    /**
     * One row of a table.
     *
     * @param fid the row's integer primary key
     * @param values the attribute values by column name, in column order (the fid and geometry columns are not
     *     among them); null where the value is null
     * @param geometry the polygon geometry of a feature row, or null (no geometry, a problem, or an attribute row)
     * @param problem what kept the geometry or a value from being read, or null
     */
    public record Row(long fid, Map<String, String> values, Geometry geometry, String problem) {}

    /**
     * One table of {@code gpkg_contents}.
     *
     * @param tableName the table's name as {@code sqlite_master} spells it
     * @param srs the SRS of the geometry column (feature tables only, else null)
     * @param geometryColumn the geometry column (feature tables only, else null)
     * @param columns the attribute columns in table order (without the fid and geometry columns)
     * @param rows the rows in fid order
     */
    public record Layer(
            String tableName,
            DataType dataType,
            Srs srs,
            String geometryColumn,
            List<String> columns,
            List<Row> rows) {}

    /** The tables of the file, in {@code gpkg_contents} order (by table name). */
    public record Contents(List<Layer> layers) {

        /** The layer of that table name (as SQLite compares names: ASCII letters in any case). */
        public Optional<Layer> layer(String tableName) {
            return layers.stream()
                    .filter(l -> l.tableName().equalsIgnoreCase(tableName))
                    .findFirst();
        }
    }

    /** A defect of the whole file: not a GeoPackage, damaged, or holding a content this reader refuses. */
    public static final class GpkgException extends Exception {
        GpkgException(String message) {
            super(message);
        }
    }

    private GpkgFile() {}

    /** Reads with the {@link ReadBudget#standard() standard budget} and the default time limit. */
    public static Contents read(Path file) throws GpkgException {
        return read(file, ReadBudget.standard(), DEFAULT_TIME_LIMIT);
    }

    /** Reads with the default time limit. */
    public static Contents read(Path file, ReadBudget budget) throws GpkgException {
        return read(file, budget, DEFAULT_TIME_LIMIT);
    }

    /**
     * Reads the file's feature and attribute tables, charging its bytes, each table's row count (before any row is
     * read) and each geometry's points (before they are built) to the budget.
     *
     * @throws ReadBudget.Exceeded when the file is larger, or holds more rows or points, than the budget allows
     * @throws GpkgException when the file is not a GeoPackage, is damaged, holds a content this reader refuses, or
     *     takes longer than {@code timeLimit} to read
     */
    public static Contents read(Path file, ReadBudget budget, Duration timeLimit) throws GpkgException {
        Objects.requireNonNull(budget, "budget");
        long size;
        byte[] header;
        try {
            size = Files.size(file);
            header = readHeader(file);
        } catch (IOException e) {
            throw new GpkgException("could not be read from disk");
        }
        budget.bytes(size, "the .gpkg file is " + size + " bytes");
        checkHeader(header, size);
        long deadline = System.nanoTime() + timeLimit.toNanos();
        try (Connection connection = open(file)) {
            ProgressHandler.setHandler(connection, PROGRESS_STEPS, new ProgressHandler() {
                @Override
                protected int progress() {
                    return System.nanoTime() - deadline > 0 ? 1 : 0;
                }
            });
            return read(connection, budget);
        } catch (SQLException e) {
            throw new GpkgException(describe(e, timeLimit));
        }
    }

    private static byte[] readHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEADER_LENGTH);
        }
    }

    private static void checkHeader(byte[] header, long size) throws GpkgException {
        if (header.length < HEADER_LENGTH) {
            throw new GpkgException(
                    "is " + size + " bytes long, shorter than the 100-byte SQLite header of a" + " GeoPackage");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (header[i] != MAGIC[i]) {
                throw new GpkgException(
                        "is not a GeoPackage: it is not an SQLite database (it does not begin with \"SQLite format 3\")");
            }
        }
        ByteBuffer big = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN);
        int applicationId = big.getInt(68);
        String id = fourCharacters(applicationId);
        if (!APPLICATION_IDS.contains(id)) {
            throw new GpkgException("is not a GeoPackage: an SQLite database whose application_id is "
                    + (isPrintable(applicationId) ? "\"" + id + "\"" : Integer.toString(applicationId))
                    + ", not GPKG, GP10 or GP11");
        }
        int pageSizeField = Short.toUnsignedInt(big.getShort(16));
        long pageSize = pageSizeField == 1 ? 65_536 : pageSizeField;
        if (pageSize < 512 || pageSize > 65_536 || Long.bitCount(pageSize) != 1) {
            throw new GpkgException("is damaged: its SQLite header declares a page size of " + pageSize + " bytes");
        }
        long pages = Integer.toUnsignedLong(big.getInt(28));
        boolean pagesValid = pages > 0 && big.getInt(92) == big.getInt(24);
        if (pagesValid && size < pages * pageSize) {
            throw new GpkgException("is truncated: its SQLite header declares " + pages + " pages of " + pageSize
                    + " bytes (" + pages * pageSize + " bytes), but the file holds " + size + " bytes");
        }
        if (!pagesValid && size % pageSize != 0) {
            throw new GpkgException(
                    "is truncated: its " + size + " bytes are not a whole number of its " + pageSize + "-byte pages");
        }
    }

    private static String fourCharacters(int value) {
        return new String(ByteBuffer.allocate(4).putInt(value).array(), StandardCharsets.ISO_8859_1);
    }

    private static boolean isPrintable(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (value >>> shift) & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        config.enableLoadExtension(false);
        // immutable: no locks, no journal and no WAL are read or written; the file is ours alone while we read it
        String url = "jdbc:sqlite:" + file.toAbsolutePath().toUri().toASCIIString() + "?immutable=1";
        SQLiteConnection connection = (SQLiteConnection) config.createConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA trusted_schema = OFF");
            statement.execute("PRAGMA query_only = ON");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static String describe(SQLException e, Duration timeLimit) {
        int code = e instanceof SQLiteException s ? s.getResultCode().code & 0xFF : -1;
        if (code == SQLiteErrorCode.SQLITE_INTERRUPT.code) {
            return "took longer than the " + timeLimit.toSeconds() + " s a GeoPackage may take to read";
        }
        if (code == SQLiteErrorCode.SQLITE_NOTADB.code) {
            return "is not a GeoPackage: SQLite does not read it as a database";
        }
        if (code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            return "is damaged: SQLite finds the database malformed";
        }
        if (code == SQLiteErrorCode.SQLITE_IOERR.code) {
            return "is damaged or truncated: SQLite could not read all of its pages";
        }
        return "could not be read as a GeoPackage (SQLite error " + (code < 0 ? "unknown" : code) + ")";
    }

    private static Contents read(Connection connection, ReadBudget budget) throws SQLException, GpkgException {
        Map<String, Master> master = master(connection);
        List<String> missing = REQUIRED_TABLES.stream()
                .filter(t -> {
                    Master m = master.get(t);
                    return m == null || !m.isTable();
                })
                .toList();
        if (!missing.isEmpty()) {
            throw new GpkgException("is not a complete GeoPackage: it has no table " + String.join(", ", missing));
        }
        List<String[]> contents = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery("SELECT table_name, data_type FROM gpkg_contents ORDER BY table_name")) {
            while (rs.next()) {
                contents.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        // every content is checked before any table is read, so that a refused one costs no reading
        List<Master> tables = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (String[] content : contents) {
            String listed = content[0];
            String type = content[1];
            Master table = listed == null ? null : master.get(listed.toLowerCase(Locale.ROOT));
            if (table == null) {
                throw new GpkgException("lists " + quote(listed) + " in gpkg_contents, but holds no such table");
            }
            if (table.type().equals("view")) {
                throw new GpkgException("lists " + quote(table.name()) + " in gpkg_contents, which is a view; only"
                        + " tables are read (a view runs a query of the file's own making)");
            }
            if (!table.isTable()) {
                throw new GpkgException("lists " + quote(table.name()) + " in gpkg_contents, which is a " + table.type()
                        + ", not a table");
            }
            if (table.isVirtual()) {
                throw new GpkgException("lists " + quote(table.name()) + " in gpkg_contents, which is a virtual"
                        + " table; only tables stored in the file are read");
            }
            DataType dataType;
            if ("features".equals(type)) {
                dataType = DataType.FEATURES;
            } else if ("attributes".equals(type)) {
                dataType = DataType.ATTRIBUTES;
            } else {
                throw new GpkgException("lists " + quote(table.name()) + " in gpkg_contents with data type "
                        + quote(type) + "; a delivery holds features and attributes tables only");
            }
            tables.add(table);
            types.add(dataType);
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            layers.add(layer(connection, tables.get(i).name(), types.get(i), budget));
        }
        return new Contents(List.copyOf(layers));
    }

    /** A schema object of {@code sqlite_master}. */
    private record Master(String name, String type, String sql) {
        boolean isTable() {
            return type.equals("table");
        }

        boolean isVirtual() {
            return sql != null
                    && sql.stripLeading()
                            .toUpperCase(Locale.ROOT)
                            .replaceAll("\\s+", " ")
                            .startsWith("CREATE VIRTUAL TABLE");
        }
    }

    private static Map<String, Master> master(Connection connection) throws SQLException {
        Map<String, Master> objects = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view')")) {
            while (rs.next()) {
                Master m = new Master(rs.getString(1), rs.getString(2), rs.getString(3));
                objects.putIfAbsent(m.name().toLowerCase(Locale.ROOT), m);
            }
        }
        return objects;
    }

    private record Column(String name, String type, int pk) {}

    private static Layer layer(Connection connection, String table, DataType dataType, ReadBudget budget)
            throws SQLException, GpkgException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), rs.getString(2), rs.getInt(3)));
                }
            }
        }
        List<Column> keys = columns.stream().filter(c -> c.pk() > 0).toList();
        if (keys.size() != 1 || !"INTEGER".equalsIgnoreCase(keys.get(0).type().strip())) {
            throw new GpkgException("table " + quote(table) + " has no INTEGER PRIMARY KEY column, which a"
                    + " GeoPackage table must have");
        }
        String fid = keys.get(0).name();
        String geometryColumn = null;
        Srs srs = null;
        if (dataType == DataType.FEATURES) {
            int srsId;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ? COLLATE NOCASE")) {
                statement.setString(1, table);
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        throw new GpkgException(
                                "feature table " + quote(table) + " has no row in gpkg_geometry_columns");
                    }
                    geometryColumn = rs.getString(1);
                    srsId = rs.getInt(2);
                    if (rs.next()) {
                        throw new GpkgException("feature table " + quote(table)
                                + " has more than one geometry column in gpkg_geometry_columns");
                    }
                }
            }
            String wanted = geometryColumn;
            Optional<Column> geometry = columns.stream()
                    .filter(c -> c.name().equalsIgnoreCase(wanted))
                    .findFirst();
            if (geometry.isEmpty()) {
                throw new GpkgException("feature table " + quote(table) + " has no column " + quote(geometryColumn)
                        + ", which gpkg_geometry_columns names as its geometry");
            }
            geometryColumn = geometry.get().name();
            srs = srs(connection, table, srsId);
        }
        String geometryName = geometryColumn;
        List<String> attributes = columns.stream()
                .map(Column::name)
                .filter(n -> !n.equals(fid) && !n.equals(geometryName))
                .toList();

        long count;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + identifier(table))) {
            rs.next();
            count = rs.getLong(1);
        }
        budget.records(count, "table " + quote(table) + " holds " + count + " rows");

        StringBuilder sql = new StringBuilder("SELECT ").append(identifier(fid));
        for (String column : attributes) {
            appendValue(sql, column, MAX_VALUE_BYTES);
        }
        if (geometryColumn != null) {
            appendValue(sql, geometryColumn, MAX_GEOMETRY_BYTES);
        }
        sql.append(" FROM ").append(identifier(table)).append(" ORDER BY ").append(identifier(fid));
        List<Row> rows = new ArrayList<>((int) Math.min(count, 10_000));
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql.toString())) {
            while (rs.next()) {
                rows.add(row(rs, table, attributes, geometryColumn, srs, budget));
            }
        }
        return new Layer(table, dataType, srs, geometryColumn, attributes, List.copyOf(rows));
    }

    /** The value (null when it is longer than the limit), its type and its length in bytes. */
    private static void appendValue(StringBuilder sql, String column, int limit) {
        String c = identifier(column);
        sql.append(", CASE WHEN length(CAST(")
                .append(c)
                .append(" AS BLOB)) > ")
                .append(limit)
                .append(" THEN NULL ELSE ")
                .append(c)
                .append(" END, typeof(")
                .append(c)
                .append("), length(CAST(")
                .append(c)
                .append(" AS BLOB))");
    }

    private static Srs srs(Connection connection, String table, int srsId) throws SQLException, GpkgException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys"
                        + " WHERE srs_id = ?")) {
            statement.setInt(1, srsId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new GpkgException("feature table " + quote(table) + " refers to SRS " + srsId
                            + ", which gpkg_spatial_ref_sys does not define");
                }
                String definition = rs.getString(3);
                if (definition != null && definition.length() > Wkt.MAX_LENGTH) {
                    throw new GpkgException("SRS " + srsId + " of feature table " + quote(table) + " has a definition"
                            + " of " + definition.length() + " characters, more than the " + Wkt.MAX_LENGTH
                            + " a WKT may have");
                }
                return new Srs(srsId, rs.getString(1), rs.getInt(2), definition);
            }
        }
    }

    private static Row row(
            ResultSet rs, String table, List<String> attributes, String geometryColumn, Srs srs, ReadBudget budget)
            throws SQLException {
        long fid = rs.getLong(1);
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        int at = 2;
        for (String column : attributes) {
            String type = rs.getString(at + 1);
            long length = rs.getLong(at + 2);
            budget.value(
                    length,
                    MAX_VALUE_BYTES,
                    "table " + quote(table) + ", row fid " + fid + ": column " + quote(column));
            values.put(column, value(rs, at, type, column, problems));
            at += 3;
        }
        Geometry geometry = null;
        if (geometryColumn != null) {
            String type = rs.getString(at + 1);
            long length = rs.getLong(at + 2);
            budget.value(
                    length, MAX_GEOMETRY_BYTES, "table " + quote(table) + ", row fid " + fid + ": the geometry blob");
            if ("blob".equals(type)) {
                GeometryOrProblem g = geometry(rs.getBytes(at), srs.srsId(), table, fid, budget);
                geometry = g.geometry();
                if (g.problem() != null) {
                    problems.add(0, g.problem());
                }
            } else if (!"null".equals(type)) {
                problems.add(
                        0,
                        "the geometry column " + quote(geometryColumn) + " holds a " + type
                                + " value, not a GeoPackage geometry blob");
            }
        }
        return new Row(
                fid,
                Collections.unmodifiableMap(values),
                geometry,
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    private static String value(ResultSet rs, int at, String type, String column, List<String> problems)
            throws SQLException {
        return switch (type) {
            case "null" -> null;
            case "integer" -> Long.toString(rs.getLong(at));
            case "real" -> real(rs.getDouble(at));
            case "text" -> rs.getString(at);
            default -> {
                problems.add("column " + quote(column) + " holds a binary value, not text or a number");
                yield null;
            }
        };
    }

    /** A real as the shortest decimal that reads back to the same double, without an exponent. */
    static String real(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        return BigDecimal.valueOf(d).toPlainString();
    }

    record GeometryOrProblem(Geometry geometry, String problem) {
        static GeometryOrProblem problem(String problem) {
            return new GeometryOrProblem(null, problem);
        }
    }

    /**
     * Reads a GeoPackage geometry blob: its binary header, then the WKB after it, whose points are counted and
     * charged before JTS builds them.
     */
    static GeometryOrProblem geometry(byte[] blob, int columnSrsId, String table, long fid, ReadBudget budget) {
        if (blob.length >= 2
                && blob[0] == 0x00
                && (blob[1] == 0x00 || blob[1] == 0x01)
                && (blob[blob.length - 1] & 0xFF) == 0xFE) {
            return GeometryOrProblem.problem("the geometry is a SpatiaLite blob, not a standard GeoPackage geometry");
        }
        if (blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
            return GeometryOrProblem.problem(
                    "the geometry blob does not begin with the GeoPackage magic \"GP\" (" + blob.length + " bytes)");
        }
        if (blob[2] != 0) {
            return GeometryOrProblem.problem(
                    "the geometry blob has GeoPackage binary version " + (blob[2] & 0xFF) + ", expected 0 (version 1)");
        }
        int flags = blob[3] & 0xFF;
        if ((flags & 0xC0) != 0) {
            return GeometryOrProblem.problem(
                    "the geometry blob sets reserved flag bits (flags 0x" + Integer.toHexString(flags) + ")");
        }
        if ((flags & 0x20) != 0) {
            return GeometryOrProblem.problem(
                    "the geometry blob is an extended GeoPackage geometry (a type of an extension, not standard WKB)");
        }
        boolean empty = (flags & 0x10) != 0;
        int envelope = (flags >> 1) & 0x07;
        int envelopeBytes = switch (envelope) {
            case 0 -> 0;
            case 1 -> 32;
            case 2, 3 -> 48;
            case 4 -> 64;
            default -> -1;
        };
        if (envelopeBytes < 0) {
            return GeometryOrProblem.problem("the geometry blob has an invalid envelope indicator " + envelope);
        }
        ByteOrder headerOrder = (flags & 0x01) != 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int srsId = ByteBuffer.wrap(blob).order(headerOrder).getInt(4);
        int wkbStart = 8 + envelopeBytes;
        if (blob.length < wkbStart) {
            return GeometryOrProblem.problem("the geometry blob of " + blob.length + " bytes is shorter than its"
                    + " header of " + wkbStart + " bytes");
        }
        if (srsId != columnSrsId) {
            return GeometryOrProblem.problem(
                    "the geometry blob declares SRS " + srsId + ", its column SRS " + columnSrsId);
        }
        if (empty) {
            return GeometryOrProblem.problem("the geometry is empty");
        }
        WkbShape shape;
        try {
            shape = WkbShape.scan(blob, wkbStart);
        } catch (IllegalArgumentException e) {
            return GeometryOrProblem.problem("the geometry's WKB " + e.getMessage());
        }
        if (shape.baseType() != WKB_POLYGON && shape.baseType() != WKB_MULTIPOLYGON) {
            return GeometryOrProblem.problem("the geometry is a " + WkbShape.typeName(shape.baseType())
                    + "; control units must be polygons (Polygon or MultiPolygon)");
        }
        if (shape.problem() != null) {
            return GeometryOrProblem.problem("the geometry's " + shape.problem());
        }
        if (shape.points() == 0) {
            return GeometryOrProblem.problem("the geometry is empty");
        }
        budget.vertices(
                shape.points(),
                "table " + quote(table) + ", row fid " + fid + ": the geometry holds " + shape.points() + " points");
        Geometry read;
        try {
            read = new WKBReader(FACTORY).read(java.util.Arrays.copyOfRange(blob, wkbStart, blob.length));
        } catch (ParseException | RuntimeException e) {
            return GeometryOrProblem.problem("the geometry's WKB could not be read");
        }
        return new GeometryOrProblem(flat(read), null);
    }

    /** The geometry with x and y only (a Z or M of the WKB dropped). */
    private static Geometry flat(Geometry geometry) {
        if (geometry instanceof Polygon polygon) {
            return flat(polygon);
        }
        MultiPolygon multi = (MultiPolygon) geometry;
        Polygon[] parts = new Polygon[multi.getNumGeometries()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = flat((Polygon) multi.getGeometryN(i));
        }
        return FACTORY.createMultiPolygon(parts);
    }

    private static Polygon flat(Polygon polygon) {
        LinearRing shell = flat(polygon.getExteriorRing());
        LinearRing[] holes = new LinearRing[polygon.getNumInteriorRing()];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = flat(polygon.getInteriorRingN(i));
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing flat(LinearRing ring) {
        Coordinate[] in = ring.getCoordinates();
        Coordinate[] out = new Coordinate[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = new Coordinate(in[i].x, in[i].y);
        }
        return FACTORY.createLinearRing(out);
    }

    /**
     * The type and the point count of a WKB (ISO, or extended with the Z/M/SRID flag bits), found by walking its
     * counts without building anything; for polygons also the first ring defect (too few points, not closed).
     */
    record WkbShape(int baseType, long points, String problem) {

        static WkbShape scan(byte[] wkb, int start) {
            Scanner s = new Scanner(wkb, start);
            int type = s.header();
            int base = type;
            if (base == WKB_POLYGON) {
                s.polygon();
            } else if (base == WKB_MULTIPOLYGON) {
                long parts = s.count("polygons", 9);
                for (long i = 0; i < parts; i++) {
                    int partType = s.header();
                    if (partType != WKB_POLYGON) {
                        throw new IllegalArgumentException("holds a " + typeName(partType) + " inside a MultiPolygon");
                    }
                    s.polygon();
                }
            } else {
                return new WkbShape(base, 0, null);
            }
            return new WkbShape(base, s.points, s.problem);
        }

        static String typeName(int type) {
            return switch (type) {
                case 1 -> "Point";
                case 2 -> "LineString";
                case 3 -> "Polygon";
                case 4 -> "MultiPoint";
                case 5 -> "MultiLineString";
                case 6 -> "MultiPolygon";
                case 7 -> "GeometryCollection";
                case 8 -> "CircularString";
                case 9 -> "CompoundCurve";
                case 10 -> "CurvePolygon";
                case 11 -> "MultiCurve";
                case 12 -> "MultiSurface";
                case 15 -> "PolyhedralSurface";
                case 16 -> "TIN";
                case 17 -> "Triangle";
                default -> "geometry of WKB type " + type;
            };
        }

        private static final class Scanner {
            private final ByteBuffer in;
            private int pos;
            private int dimensions;
            private long points;
            private String problem;
            private int ring;

            Scanner(byte[] wkb, int start) {
                this.in = ByteBuffer.wrap(wkb);
                this.pos = start;
            }

            /** Reads a byte order and a type; returns the base type (1–17), setting the coordinate dimensions. */
            int header() {
                need(5);
                byte order = in.get(pos);
                if (order != 0 && order != 1) {
                    throw new IllegalArgumentException("has an invalid byte order mark " + order + " at byte " + pos);
                }
                in.order(order == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                long type = Integer.toUnsignedLong(in.getInt(pos + 1));
                pos += 5;
                boolean z = (type & 0x80000000L) != 0;
                boolean m = (type & 0x40000000L) != 0;
                if ((type & 0x20000000L) != 0) {
                    need(4);
                    pos += 4; // an EWKB SRID
                }
                long iso = type & 0x0FFFFFFFL;
                long thousands = iso / 1000;
                if (thousands > 3) {
                    throw new IllegalArgumentException("has an unknown geometry type code " + iso);
                }
                z |= thousands == 1 || thousands == 3;
                m |= thousands == 2 || thousands == 3;
                dimensions = 2 + (z ? 1 : 0) + (m ? 1 : 0);
                return (int) (iso % 1000);
            }

            long count(String what, int minimumBytesEach) {
                need(4);
                long n = Integer.toUnsignedLong(in.getInt(pos));
                pos += 4;
                if (n * minimumBytesEach > in.capacity() - pos) {
                    throw new IllegalArgumentException(
                            "declares " + n + " " + what + ", more than its " + in.capacity() + " bytes hold");
                }
                return n;
            }

            void polygon() {
                int pointBytes = 8 * dimensions;
                long rings = count("rings", 4);
                for (long r = 0; r < rings; r++) {
                    ring++;
                    long n = count("points", pointBytes);
                    if (problem == null && n < 4) {
                        problem = "ring #" + ring + " has " + n + " points; a closed ring needs at least 4";
                    }
                    if (problem == null && n >= 4) {
                        long last = pos + (n - 1) * pointBytes;
                        if (in.getDouble(pos) != in.getDouble((int) last)
                                || in.getDouble(pos + 8) != in.getDouble((int) last + 8)) {
                            problem = "ring #" + ring + " is not closed: its first point (" + in.getDouble(pos)
                                    + ", " + in.getDouble(pos + 8) + ") differs from its last ("
                                    + in.getDouble((int) last) + ", " + in.getDouble((int) last + 8) + ")";
                        }
                    }
                    points += n;
                    pos += (int) (n * pointBytes);
                }
            }

            private void need(int bytes) {
                if (pos + (long) bytes > in.capacity()) {
                    throw new IllegalArgumentException("ends early, at byte " + in.capacity());
                }
            }
        }
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String quote(String name) {
        return "\"" + name + "\"";
    }
}
