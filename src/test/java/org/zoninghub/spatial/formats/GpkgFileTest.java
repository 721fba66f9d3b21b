package org.zoninghub.spatial.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.zoninghub.spatial.GeoJsonGeometries;

/**
 * {@link GpkgFile} on GeoPackages written by GDAL's {@code ogr2ogr -f GPKG} from the Liaoyuan data (see the README
 * beside the fixtures), compared with the source GeoJSON and CSV as parsed here, without the reader.
 */
class GpkgFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LIAOYUAN = Path.of("data/liaoyuan");

    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(GpkgFileTest.class.getResource(name).toURI());
    }

    /** The source features of the fixture's four units, by unit code, in source order. */
    private static Map<String, JsonNode> sourceUnits() throws Exception {
        List<String> codes = List.of("ZH22040210001", "ZH22040210003", "ZH22040310002", "ZH22042110003");
        Map<String, JsonNode> units = new LinkedHashMap<>();
        for (JsonNode feature :
                JSON.readTree(LIAOYUAN.resolve("units.geojson").toFile()).get("features")) {
            String code = feature.get("properties").get("HJGKDYBM").asText();
            if (codes.contains(code)) {
                units.put(code, feature);
            }
        }
        assertThat(units).hasSize(4);
        return units;
    }

    @Test
    void readsTheUnitsLayerAndTheListTablesAsGdalWroteThem() throws Exception {
        GpkgFile.Contents contents = GpkgFile.read(fixture("units.gpkg"));

        assertThat(contents.layers())
                .extracting(GpkgFile.Layer::tableName, GpkgFile.Layer::dataType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("city_basin_lists", GpkgFile.DataType.ATTRIBUTES),
                        org.assertj.core.groups.Tuple.tuple("unit_lists", GpkgFile.DataType.ATTRIBUTES),
                        org.assertj.core.groups.Tuple.tuple("units", GpkgFile.DataType.FEATURES));

        GpkgFile.Layer units = contents.layer("units").orElseThrow();
        assertThat(units.geometryColumn()).isEqualTo("geom");
        assertThat(units.srs().organization()).isEqualTo("EPSG");
        assertThat(units.srs().organizationCoordsysId()).isEqualTo(4326);
        assertThat(units.srs().resolve().crs().geographic()).isTrue();
        assertThat(units.columns())
                .containsExactly(
                        "id",
                        "HJGKDYBM",
                        "HJGKDYMC",
                        "PROV",
                        "CITY",
                        "AREA",
                        "ZHGKDYFL",
                        "LYMC",
                        "KJBJYS",
                        "PWWPFGK",
                        "HJFXFK",
                        "ZYKFXLYQ",
                        "BBH",
                        "GXSJ",
                        "ZT");

        Map<String, JsonNode> source = sourceUnits();
        assertThat(units.rows()).extracting(r -> r.values().get("HJGKDYBM")).containsExactlyElementsOf(source.keySet());
        for (GpkgFile.Row row : units.rows()) {
            JsonNode feature = source.get(row.values().get("HJGKDYBM"));
            assertThat(row.problem()).isNull();
            Geometry expected = GeoJsonGeometries.read(feature.get("geometry"));
            assertThat(row.geometry().getGeometryType()).isEqualTo("MultiPolygon");
            assertThat(row.geometry().equalsExact(expected, 1e-9))
                    .as("geometry of %s", row.values().get("HJGKDYBM"))
                    .isTrue();
            JsonNode properties = feature.get("properties");
            for (String name : List.of("HJGKDYMC", "AREA", "LYMC", "KJBJYS", "PWWPFGK", "HJFXFK", "ZYKFXLYQ", "BBH")) {
                assertThat(row.values().get(name))
                        .as(name)
                        .isEqualTo(properties.get(name).asText());
            }
            // an integer field is printed as the integer it is
            assertThat(row.values().get("ZHGKDYFL"))
                    .isEqualTo(properties.get("ZHGKDYFL").asText());
        }
        assertThat(units.rows().get(0).values().get("HJGKDYMC")).isEqualTo("龙山区杨木水库饮用水水源保护区优先保护单元");
        assertThat(units.rows().get(0).values().get("ZHGKDYFL")).isEqualTo("1");
    }

    @Test
    void anAttributesTableHoldsTheListFileRowByRow() throws Exception {
        GpkgFile.Layer lists =
                GpkgFile.read(fixture("units.gpkg")).layer("unit_lists").orElseThrow();
        List<CSVRecord> records;
        try (Reader in = Files.newBufferedReader(LIAOYUAN.resolve("unit-lists.csv"), StandardCharsets.UTF_8)) {
            in.mark(1);
            if (in.read() != '\uFEFF') {
                in.reset();
            }
            records = CSVFormat.RFC4180.builder().get().parse(in).getRecords();
        }
        List<String> header = records.get(0).toList();
        assertThat(lists.srs()).isNull();
        assertThat(lists.geometryColumn()).isNull();
        assertThat(lists.columns()).containsExactlyElementsOf(header);
        assertThat(lists.rows()).hasSize(records.size() - 1);
        for (int i = 1; i < records.size(); i++) {
            GpkgFile.Row row = lists.rows().get(i - 1);
            assertThat(row.fid()).isEqualTo(i);
            assertThat(row.geometry()).isNull();
            assertThat(row.problem()).isNull();
            assertThat(new ArrayList<>(row.values().values()))
                    .containsExactlyElementsOf(records.get(i).toList());
        }
        assertThat(lists.rows().get(0).values().get("环境管控单元编码")).isEqualTo("ZH22040210001");
    }

    @Test
    void aGaussKrugerGeoPackageReportsItsSrsAndWkt() throws Exception {
        GpkgFile.Layer units =
                GpkgFile.read(fixture("units-epsg4530.gpkg")).layer("units").orElseThrow();
        assertThat(units.srs().srsId()).isEqualTo(4530);
        assertThat(units.srs().organization()).isEqualTo("EPSG");
        assertThat(units.srs().organizationCoordsysId()).isEqualTo(4530);
        assertThat(units.srs().definition())
                .startsWith("PROJCS[\"CGCS2000 / 3-degree Gauss-Kruger zone 42\"")
                .contains("AUTHORITY[\"EPSG\",\"4530\"]");
        SourceCrs.Recognition recognised = units.srs().resolve();
        assertThat(recognised.crs().label()).isEqualTo("EPSG:4530");
        // the WKT alone names the same zone
        assertThat(SourceCrs.ofWkt(units.srs().definition()).crs().falseEasting())
                .isEqualTo(42_500_000.0);

        Map<String, JsonNode> source = sourceUnits();
        for (GpkgFile.Row row : units.rows()) {
            assertThat(row.geometry().getEnvelopeInternal().getMinX()).isGreaterThan(42_000_000);
            Geometry back = recognised.crs().toGeographic(row.geometry());
            Geometry expected = GeoJsonGeometries.read(
                    source.get(row.values().get("HJGKDYBM")).get("geometry"));
            assertThat(back.equalsExact(expected, 1e-8)).isTrue();
        }
    }

    @Test
    void anSqliteDatabaseThatIsNoGeoPackageIsNamed() throws Exception {
        Path file = dir.resolve("plain.gpkg");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE units (fid INTEGER PRIMARY KEY, code TEXT)");
        }
        assertThatThrownBy(() -> GpkgFile.read(file))
                .isInstanceOf(GpkgFile.GpkgException.class)
                .hasMessage(
                        "is not a GeoPackage: an SQLite database whose application_id is 0, not GPKG, GP10 or GP11");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA application_id = 1196444487");
        }
        assertThatThrownBy(() -> GpkgFile.read(file))
                .isInstanceOf(GpkgFile.GpkgException.class)
                .hasMessage("is not a complete GeoPackage: it has no table gpkg_contents, gpkg_spatial_ref_sys,"
                        + " gpkg_geometry_columns");

        Path json = dir.resolve("units.gpkg");
        Files.copy(LIAOYUAN.resolve("units.geojson"), json);
        assertThatThrownBy(() -> GpkgFile.read(json))
                .isInstanceOf(GpkgFile.GpkgException.class)
                .hasMessage("is not a GeoPackage: it is not an SQLite database (it does not begin with \"SQLite"
                        + " format 3\")");
    }

    @Test
    void aTruncatedFileIsNamed() throws Exception {
        byte[] whole = Files.readAllBytes(fixture("units.gpkg"));
        int pageSize;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fixture("units.gpkg"));
                Statement s = c.createStatement();
                var rs = s.executeQuery("PRAGMA page_size")) {
            rs.next();
            pageSize = rs.getInt(1);
        }
        Path file = dir.resolve("cut.gpkg");
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2 + 10));
        assertThatThrownBy(() -> GpkgFile.read(file))
                .isInstanceOf(GpkgFile.GpkgException.class)
                .hasMessage("is truncated: its SQLite header declares " + whole.length / pageSize + " pages of "
                        + pageSize + " bytes (" + whole.length + " bytes), but the file holds "
                        + (whole.length / 2 + 10) + " bytes");

        Files.write(file, java.util.Arrays.copyOf(whole, 60));
        assertThatThrownBy(() -> GpkgFile.read(file))
                .isInstanceOf(GpkgFile.GpkgException.class)
                .hasMessage("is 60 bytes long, shorter than the 100-byte SQLite header of a GeoPackage");
    }

    /** A copy of the fixture, changed by SQL. */
    private Path changed(String... sql) throws Exception {
        Path file = dir.resolve("changed.gpkg");
        Files.copy(fixture("units.gpkg"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
        return file;
    }

    @Test
    void aViewInTheContentsIsRefused() throws Exception {
        Path file = changed(
                "CREATE VIEW units_view AS SELECT * FROM units",
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)"
                        + " VALUES ('units_view', 'features', 'units_view', 4326)",
                "INSERT INTO gpkg_geometry_columns VALUES ('units_view', 'geom', 'MULTIPOLYGON', 4326, 0, 0)");
        assertThatThrownBy(() -> GpkgFile.read(file))
                .isInstanceOf(GpkgFile.GpkgException.class)
                .hasMessage("lists \"units_view\" in gpkg_contents, which is a view; only tables are read (a view"
                        + " runs a query of the file's own making)");
    }

    @Test
    void aVirtualTableOrAMissingTableInTheContentsIsRefused() throws Exception {
        Path virtual = changed("INSERT INTO gpkg_contents (table_name, data_type, identifier)"
                + " VALUES ('rtree_units_geom', 'attributes', 'rtree')");
        assertThatThrownBy(() -> GpkgFile.read(virtual))
                .isInstanceOf(GpkgFile.GpkgException.class)
                .hasMessage("lists \"rtree_units_geom\" in gpkg_contents, which is a virtual table; only tables"
                        + " stored in the file are read");

        Path missing = changed("INSERT INTO gpkg_contents (table_name, data_type, identifier)"
                + " VALUES ('gone', 'attributes', 'gone')");
        assertThatThrownBy(() -> GpkgFile.read(missing))
                .isInstanceOf(GpkgFile.GpkgException.class)
                .hasMessage("lists \"gone\" in gpkg_contents, but holds no such table");
    }

    @Test
    void aTableNameWithAQuoteAndValuesOfEveryTypeAreReadWithoutLoss() throws Exception {
        Path file = changed(
                "CREATE TABLE \"o\"\"dd; DROP TABLE units\" (fid INTEGER PRIMARY KEY, n INTEGER, r REAL, t TEXT,"
                        + " b BLOB)",
                "INSERT INTO \"o\"\"dd; DROP TABLE units\" VALUES (7, 9007199254740993, 0.1, '版本', NULL)",
                "INSERT INTO \"o\"\"dd; DROP TABLE units\" VALUES (8, -1, 1e300, NULL, x'00')",
                "INSERT INTO \"o\"\"dd; DROP TABLE units\" VALUES (9, 2025, 2025.0, '', NULL)",
                "INSERT INTO gpkg_contents (table_name, data_type, identifier)"
                        + " VALUES ('o\"dd; DROP TABLE units', 'attributes', 'odd')");
        GpkgFile.Contents contents = GpkgFile.read(file);
        GpkgFile.Layer odd = contents.layer("o\"dd; DROP TABLE units").orElseThrow();
        assertThat(odd.columns()).containsExactly("n", "r", "t", "b");
        assertThat(odd.rows()).extracting(GpkgFile.Row::fid).containsExactly(7L, 8L, 9L);
        Map<String, String> first = odd.rows().get(0).values();
        assertThat(first.get("n")).isEqualTo("9007199254740993");
        assertThat(first.get("r")).isEqualTo("0.1");
        assertThat(first.get("t")).isEqualTo("版本");
        assertThat(first).containsKey("b").containsEntry("b", null);
        GpkgFile.Row second = odd.rows().get(1);
        assertThat(Double.parseDouble(second.values().get("r"))).isEqualTo(1e300);
        assertThat(second.values().get("t")).isNull();
        assertThat(second.problem()).isEqualTo("column \"b\" holds a binary value, not text or a number");
        assertThat(odd.rows().get(2).values().get("r")).isEqualTo("2025.0");
        assertThat(odd.rows().get(2).values().get("t")).isEmpty();
        assertThat(contents.layer("units").orElseThrow().rows()).hasSize(4);
    }

    @Test
    void aLayerOverTheRecordBudgetIsRefusedBeforeItsRowsAreRead() throws Exception {
        // city_basin_lists (3 rows), unit_lists (61 rows), units (4 rows) are counted in this order
        ReadBudget budget = new ReadBudget(new ReadBudget.Limits(256L << 20, 200, 60, 5_000_000, 64));
        assertThatThrownBy(() -> GpkgFile.read(fixture("units.gpkg"), budget))
                .isInstanceOf(ReadBudget.Exceeded.class)
                .hasMessage("exceeds the import budget of 60 records: table \"unit_lists\" holds 61 rows needs at"
                        + " least 64");
    }

    @Test
    void aGeometryOverTheVertexBudgetIsRefusedBeforeItIsBuilt() throws Exception {
        Map<String, JsonNode> source = sourceUnits();
        List<Integer> points = new ArrayList<>();
        for (JsonNode feature : source.values()) {
            int n = 0;
            for (JsonNode polygon : feature.get("geometry").get("coordinates")) {
                for (JsonNode ring : polygon) {
                    n += ring.size();
                }
            }
            points.add(n);
        }
        long limit = points.get(0) + points.get(1) - 1;
        ReadBudget budget = new ReadBudget(new ReadBudget.Limits(256L << 20, 200, 100_000, limit, 64));
        assertThatThrownBy(() -> GpkgFile.read(fixture("units.gpkg"), budget))
                .isInstanceOf(ReadBudget.Exceeded.class)
                .hasMessage("exceeds the import budget of " + limit + " vertices: table \"units\", row fid 2: the"
                        + " geometry holds " + points.get(1) + " points needs at least "
                        + (points.get(0) + points.get(1)));
    }

    @Test
    void aFileOverTheByteBudgetIsRefusedBeforeItIsOpened() throws Exception {
        long size = Files.size(fixture("units.gpkg"));
        ReadBudget budget = new ReadBudget(new ReadBudget.Limits(size - 1, 200, 100_000, 5_000_000, 64));
        assertThatThrownBy(() -> GpkgFile.read(fixture("units.gpkg"), budget))
                .isInstanceOf(ReadBudget.Exceeded.class)
                .hasMessage("exceeds the import budget of " + (size - 1) + " decompressed bytes: the .gpkg file is "
                        + size + " bytes needs at least " + size);
    }

    @Test
    void theFileIsReadWithoutChangingOrLockingIt() throws Exception {
        Path file = dir.resolve("units.gpkg");
        Files.copy(fixture("units.gpkg"), file);
        byte[] before = Files.readAllBytes(file);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            // another writer holds an exclusive lock: an immutable read neither waits for it nor takes a lock
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE");
            assertThat(GpkgFile.read(file).layers()).hasSize(3);
            s.execute("ROLLBACK");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("units.gpkg");
        }
    }

    @Test
    void aFileNameWithSpacesChineseAndUriCharactersIsOpened() throws Exception {
        Path file = dir.resolve("辽源 units #1?x=2%20.gpkg");
        Files.copy(fixture("units.gpkg"), file);
        assertThat(GpkgFile.read(file).layer("units").orElseThrow().rows()).hasSize(4);
    }

    @Test
    void aFileThatTakesLongerThanTheTimeLimitIsStopped() throws Exception {
        Path file = changed(
                "CREATE TABLE big (fid INTEGER PRIMARY KEY, t TEXT)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)"
                        + " INSERT INTO big SELECT i, 'row ' || i FROM n",
                "INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('big', 'attributes', 'big')");
        assertThat(GpkgFile.read(file).layer("big").orElseThrow().rows()).hasSize(50_000);
        assertThatThrownBy(() -> GpkgFile.read(file, ReadBudget.standard(), java.time.Duration.ZERO))
                .isInstanceOf(GpkgFile.GpkgException.class)
                .hasMessage("took longer than the 0 s a GeoPackage may take to read");
    }

    @Test
    void aValueLongerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        int length = GpkgFile.MAX_VALUE_BYTES + 1;
        Path file = changed(
                "CREATE TABLE notes (fid INTEGER PRIMARY KEY, short TEXT, long TEXT)",
                "INSERT INTO notes VALUES (1, 'a', 'b')",
                "INSERT INTO notes VALUES (2, 'a', printf('%." + length + "c', 'x'))",
                "INSERT INTO gpkg_contents (table_name, data_type, identifier)"
                        + " VALUES ('notes', 'attributes', 'notes')");
        assertThatThrownBy(() -> GpkgFile.read(file))
                .isInstanceOf(ReadBudget.Exceeded.class)
                .hasMessage("exceeds the import budget of " + GpkgFile.MAX_VALUE_BYTES + " bytes of one value:"
                        + " table \"notes\", row fid 2: column \"long\" holds " + length + " bytes");
    }

    @Test
    void aGeometryLargerThanAnAttributeValueMayBeIsRead() throws Exception {
        int n = 100_000; // 1.6 MB of WKB, more than MAX_VALUE_BYTES
        double[][] ring = new double[n + 1][];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            ring[i] = new double[] {125 + 0.1 * Math.cos(a), 43 - 0.1 * Math.sin(a)};
        }
        ring[n] = ring[0];
        byte[] geometry = blob(0x01, 4326, new byte[0], polygon(3, 2, ring));
        assertThat(geometry.length).isGreaterThan(GpkgFile.MAX_VALUE_BYTES);
        Path file = changed(
                "CREATE TABLE big_units (fid INTEGER PRIMARY KEY, code TEXT, geom POLYGON)",
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)"
                        + " VALUES ('big_units', 'features', 'big_units', 4326)",
                "INSERT INTO gpkg_geometry_columns VALUES ('big_units', 'geom', 'POLYGON', 4326, 0, 0)");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                var insert = c.prepareStatement("INSERT INTO big_units VALUES (1, 'X', ?)")) {
            insert.setBytes(1, geometry);
            insert.executeUpdate();
        }
        GpkgFile.Row row =
                GpkgFile.read(file).layer("big_units").orElseThrow().rows().get(0);
        assertThat(row.problem()).isNull();
        assertThat(row.geometry().getNumPoints()).isEqualTo(n + 1);
        assertThat(row.values()).containsExactly(Map.entry("code", "X"));
    }

    // geometry blobs made here byte by byte

    private static byte[] blob(int flags, int srsId, byte[] envelope, byte[] wkb) {
        ByteBuffer b = ByteBuffer.allocate(8 + envelope.length + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'G')
                .put((byte) 'P')
                .put((byte) 0)
                .put((byte) flags)
                .putInt(srsId)
                .put(envelope)
                .put(wkb);
        return b.array();
    }

    /** An ISO WKB polygon of one ring, big-endian, with {@code dims} ordinates per point. */
    private static byte[] polygon(int type, int dims, double[][] ring) {
        ByteBuffer b =
                ByteBuffer.allocate(1 + 4 + 4 + 4 + ring.length * dims * 8).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 0).putInt(type).putInt(1).putInt(ring.length);
        for (double[] p : ring) {
            for (int i = 0; i < dims; i++) {
                b.putDouble(i < p.length ? p[i] : 5.0);
            }
        }
        return b.array();
    }

    private static final double[][] SQUARE = {{125, 43}, {125, 43.1}, {125.1, 43.1}, {125.1, 43}, {125, 43}};

    private static String problem(byte[] blob) {
        return GpkgFile.geometry(blob, 4326, "t", 1, ReadBudget.standard()).problem();
    }

    @Test
    void geometryBlobsOfEveryHeaderShapeAreReadAndOthersNamed() {
        // envelope indicator 1 (32 bytes), little-endian header, a PolygonZ (1003): Z dropped
        var zPolygon = GpkgFile.geometry(
                blob(0x03, 4326, new byte[32], polygon(1003, 3, SQUARE)), 4326, "t", 1, ReadBudget.standard());
        assertThat(zPolygon.problem()).isNull();
        assertThat(zPolygon.geometry().getGeometryType()).isEqualTo("Polygon");
        assertThat(zPolygon.geometry().getCoordinate().getZ()).isNaN();
        assertThat(zPolygon.geometry().getArea()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-12));
        // envelope indicator 4 (64 bytes), a PolygonZM (3003)
        assertThat(problem(blob(0x09, 4326, new byte[64], polygon(3003, 4, SQUARE))))
                .isNull();

        assertThat(problem(blob(0x11, 4326, new byte[0], polygon(3, 2, SQUARE))))
                .isEqualTo("the geometry is empty");
        assertThat(problem(blob(0x01, 4326, new byte[0], new byte[] {
                    0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
                })))
                .isEqualTo("the geometry is a Point; control units must be polygons (Polygon or MultiPolygon)");
        assertThat(problem(blob(0x21, 4326, new byte[0], polygon(3, 2, SQUARE))))
                .isEqualTo("the geometry blob is an extended GeoPackage geometry (a type of an extension, not"
                        + " standard WKB)");
        assertThat(problem(blob(0x0B, 4326, new byte[0], polygon(3, 2, SQUARE))))
                .isEqualTo("the geometry blob has an invalid envelope indicator 5");
        assertThat(problem(blob(0x01, 4490, new byte[0], polygon(3, 2, SQUARE))))
                .isEqualTo("the geometry blob declares SRS 4490, its column SRS 4326");
        byte[] spatialite = new byte[60];
        spatialite[1] = 1;
        spatialite[59] = (byte) 0xFE;
        assertThat(problem(spatialite))
                .isEqualTo("the geometry is a SpatiaLite blob, not a standard GeoPackage geometry");
        double[][] open = {{125, 43}, {125, 43.1}, {125.1, 43.1}, {125.1, 43}, {125, 43.05}};
        assertThat(problem(blob(0x01, 4326, new byte[0], polygon(3, 2, open))))
                .isEqualTo("the geometry's ring #1 is not closed: its first point (125.0, 43.0) differs from its"
                        + " last (125.0, 43.05)");
        byte[] cut = polygon(3, 2, SQUARE);
        assertThat(problem(blob(0x01, 4326, new byte[0], java.util.Arrays.copyOf(cut, cut.length - 8))))
                .isEqualTo(
                        "the geometry's WKB declares 5 points, more than its " + (8 + cut.length - 8) + " bytes hold");
    }
}
