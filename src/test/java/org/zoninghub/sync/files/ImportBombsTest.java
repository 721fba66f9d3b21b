package org.zoninghub.sync.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zoninghub.sync.files.ShapefileFixture.Column;
import static org.zoninghub.sync.files.ShapefileFixture.dbf;
import static org.zoninghub.sync.files.ShapefileFixture.shp;
import static org.zoninghub.sync.files.ShapefileFixture.shx;
import static org.zoninghub.sync.files.ShapefileFixture.square;
import static org.zoninghub.sync.files.ShapefileFixture.zip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.zoninghub.spatial.formats.ReadBudget;
import org.zoninghub.spatial.formats.ShpFile;
import org.zoninghub.spatial.formats.SourceCrs;

/**
 * Each decompression or parser bomb of the file imports as its own case: a small file that once took the heap, the
 * stack or minutes is answered within a bounded allocation, with a reason naming what it exceeds. The allocation is
 * measured on the reading thread ({@code ThreadMXBean}), so the bound is on memory, not on time.
 */
class ImportBombsTest {

    static final FileReaders READERS = new FileReaders("2025", null);
    static final String PRJ_4490 = "GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\","
            + "SPHEROID[\"CGCS2000\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]";
    static final long MB = 1024 * 1024;

    /** Runs the read on this thread and checks that it allocated less than {@code maxBytes}. */
    static <T> T allocatingAtMost(long maxBytes, Supplier<T> read) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        T result = read.get();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by the read").isLessThan(maxBytes);
        return result;
    }

    static String onlyReason(FileImport read) {
        assertThat(read.unitFeatures()).isEmpty();
        assertThat(read.listItems()).isEmpty();
        assertThat(read.unitListRows()).isEmpty();
        assertThat(read.defects()).hasSize(1);
        assertThat(read.defects().get(0).record()).isEqualTo(read.file());
        return read.defects().get(0).reason();
    }

    @Test
    void aWorkbookWithOneMergedRangeOverTheWholeSheetIsReadByRangeNotCellByCell() throws IOException {
        byte[] xlsx;
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            var sheet = wb.createSheet("清单");
            sheet.createRow(0).createCell(0).setCellValue("层级");
            sheet.createRow(1).createCell(0).setCellValue("市级");
            sheet.addMergedRegion(new CellRangeAddress(0, 1, 0, 1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            xlsx = widenMerge(out.toByteArray(), "A1:B2", "A1:XFD1048576"); // 17 billion cells; POI cannot write it
        }
        assertThat(xlsx.length).isLessThan(16 * 1024);
        FileImport read = allocatingAtMost(200 * MB, () -> READERS.read("merged.xlsx", xlsx));
        // every cell of the two rows reads as 层级: a repeated column, named, and nothing read
        assertThat(read.defects()).isNotEmpty();
        assertThat(read.defects().get(0).reason()).contains("层级");
        assertThat(read.listItems()).isEmpty();
    }

    @Test
    void overlappingMergedRangesAreNamed() throws IOException {
        byte[] xlsx;
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            var sheet = wb.createSheet("清单");
            sheet.createRow(0).createCell(0).setCellValue("层级");
            sheet.addMergedRegionUnsafe(new CellRangeAddress(0, 5, 0, 3));
            sheet.addMergedRegionUnsafe(new CellRangeAddress(0, 9, 2, 6));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            xlsx = out.toByteArray();
        }
        assertThat(onlyReason(READERS.read("overlap.xlsx", xlsx))).contains("overlapping merged ranges");
    }

    @Test
    void aDbfWithAZeroWidthFieldIsRefusedBeforeItsRecordsAreBuilt() {
        // a zero-width field makes one-byte records: 50,000 of them in a few kilobytes zipped
        int records = 50_000;
        byte[] table = dbf(List.of(new Column("HJGKDYBM", 'C', 13, 0)), List.of(), StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(32 + 32 + 1 + records + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put(table, 0, 32 + 32 + 1);
        b.putInt(4, records).putShort(10, (short) 1);
        b.put(32 + 16, (byte) 0);
        for (int i = 0; i < records; i++) {
            b.put(32 + 32 + 1 + i, (byte) ' ');
        }
        byte[] zip = zip(set(nullShapes(records), shx(records), b.array()));
        String reason = onlyReason(allocatingAtMost(64 * MB, () -> READERS.read("zero-width.zip", zip)));
        assertThat(reason).contains("units.dbf").contains("HJGKDYBM").contains("width 0");
    }

    @Test
    void aShpOfNullRecordsIsRefusedByTheRecordBudgetBeforeAnyShapeIsBuilt() {
        int records = 1_000_000; // 12 MB of null records, a few MB zipped
        byte[] table = oneByteRecords(records);
        byte[] zip = zip(set(nullShapes(records), shx(records), table));
        assertThat((long) zip.length).isLessThan(4 * MB);
        String reason = onlyReason(allocatingAtMost(120 * MB, () -> READERS.read("nulls.zip", zip)));
        assertThat(reason)
                .contains("exceeds the import budget of 100000 records")
                .contains(".shp holds 1000000");
    }

    @Test
    void headerCountsThatDisagreeAreRefusedBeforeAnyRecordIsBuilt() {
        // the .dbf claims 50 million records but holds one; the .shp holds one
        byte[] table = oneByteRecords(1);
        ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 50_000_000);
        byte[] zip = zip(set(nullShapes(1), shx(1), table));
        String reason = onlyReason(allocatingAtMost(32 * MB, () -> READERS.read("claims.zip", zip)));
        assertThat(reason).contains("units.shp holds 1 shapes but units.dbf 50000000 records");
    }

    @Test
    void aZipOfManyEntriesIsRefusedByTheEntryBudget() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 5_000; i++) {
            entries.put("junk/" + i + ".txt", new byte[0]);
        }
        byte[] zip = zip(entries);
        String reason = onlyReason(allocatingAtMost(64 * MB, () -> READERS.read("entries.zip", zip)));
        assertThat(reason).contains("exceeds the import budget of 200 archive entries");
    }

    @Test
    void entriesWithinTheirOwnSizeButOverTheSumAreRefusedByTheByteBudget() throws IOException {
        FileReaders small = new FileReaders(
                "2025",
                null,
                FileReaders.DEFAULT_CHARSET,
                FileReaders.DEFAULT_CHARSET,
                new ReadBudget.Limits(8 * MB, 200, 100_000, 5_000_000, 64));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] zeros = new byte[(int) (3 * MB)];
            for (String part : List.of("units.shp", "units.shx", "units.dbf", "units.prj")) {
                zip.putNextEntry(new ZipEntry(part));
                zip.write(zeros);
                zip.closeEntry();
            }
        }
        byte[] zip = out.toByteArray();
        assertThat(zip.length).isLessThan(64 * 1024);
        String reason = onlyReason(allocatingAtMost(64 * MB, () -> small.read("sum.zip", zip)));
        assertThat(reason).contains("exceeds the import budget of " + 8 * MB + " decompressed bytes");
    }

    @Test
    void aWorkbookThatInflatesPastTheByteBudgetIsRefusedBeforePoiOpensIt() throws IOException {
        FileReaders small = new FileReaders(
                "2025",
                null,
                FileReaders.DEFAULT_CHARSET,
                FileReaders.DEFAULT_CHARSET,
                new ReadBudget.Limits(4 * MB, 200, 100_000, 5_000_000, 64));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(new byte[(int) (16 * MB)]);
            zip.closeEntry();
        }
        byte[] xlsx = out.toByteArray();
        String reason = onlyReason(allocatingAtMost(48 * MB, () -> small.read("inflates.xlsx", xlsx)));
        assertThat(reason).contains("decompressed bytes").contains("sheet1.xml");
    }

    @Test
    void aPrjNestedThousandsDeepIsRefusedWithoutExhaustingTheStack() {
        String prj = "A[".repeat(20_000) + "]".repeat(20_000);
        SourceCrs.Recognition recognition = SourceCrs.ofWkt(prj);
        assertThat(recognition.recognised()).isFalse();
        assertThat(recognition.problem()).contains("nest deeper than 32 levels");

        Map<String, byte[]> parts = set(nullShapes(1), shx(1), oneByteRecords(1));
        parts.put("units.prj", prj.getBytes(StandardCharsets.US_ASCII));
        FileImport read = READERS.read("deep.zip", zip(parts));
        assertThat(read.defects())
                .anySatisfy(d -> assertThat(d.reason()).contains("units.prj").contains("nest deeper than 32 levels"));
    }

    @Test
    void geoJsonNestedThousandsDeepIsRefusedByTheDepthBudget() {
        byte[] json = ("{\"type\":\"FeatureCollection\",\"features\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}")
                .getBytes(StandardCharsets.UTF_8);
        String reason = onlyReason(allocatingAtMost(64 * MB, () -> READERS.read("deep.geojson", json)));
        assertThat(reason).contains("exceeds the import budget of 64 nesting depth");
    }

    @Test
    void geoJsonWithMoreVerticesThanTheBudgetIsRefusedBeforeGeometriesAreBuilt() {
        FileReaders small = new FileReaders(
                "2025",
                null,
                FileReaders.DEFAULT_CHARSET,
                FileReaders.DEFAULT_CHARSET,
                new ReadBudget.Limits(256 * MB, 200, 100_000, 10_000, 64));
        StringBuilder ring = new StringBuilder();
        for (int i = 0; i < 10_001; i++) {
            ring.append(i == 0 ? "" : ",").append("[125.0,43.0]");
        }
        byte[] json = ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}]}")
                .getBytes(StandardCharsets.UTF_8);
        String reason = onlyReason(small.read("vertices.geojson", json));
        assertThat(reason)
                .contains("exceeds the import budget of 10000 vertices")
                .contains("feature #1");
    }

    @Test
    void aShpWithMorePointsThanTheBudgetIsRefusedBeforeItsCoordinatesAreBuilt() {
        FileReaders small = new FileReaders(
                "2025",
                null,
                FileReaders.DEFAULT_CHARSET,
                FileReaders.DEFAULT_CHARSET,
                new ReadBudget.Limits(256 * MB, 200, 100_000, 1_000, 64));
        double[] big = new double[2 * 1_001];
        for (int i = 0; i < 1_000; i++) {
            double a = 2 * Math.PI * i / 1_000;
            big[2 * i] = 125 - 0.01 * Math.cos(a);
            big[2 * i + 1] = 43 + 0.01 * Math.sin(a);
        }
        big[2000] = big[0];
        big[2001] = big[1];
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("units.shp", shp(ShpFile.POLYGON, Collections.singletonList(new double[][] {big})));
        parts.put("units.shx", shx(1));
        parts.put("units.dbf", oneByteRecords(1));
        parts.put("units.prj", PRJ_4490.getBytes(StandardCharsets.US_ASCII));
        String reason = onlyReason(small.read("points.zip", zip(parts)));
        assertThat(reason)
                .contains("exceeds the import budget of 1000 vertices")
                .contains("1001 points");
    }

    @Test
    void aCsvWithMoreRowsThanTheBudgetIsRefusedNamingIt() {
        FileReaders small = new FileReaders(
                "2025",
                null,
                FileReaders.DEFAULT_CHARSET,
                FileReaders.DEFAULT_CHARSET,
                new ReadBudget.Limits(256 * MB, 200, 1_000, 5_000_000, 64));
        String csv = "层级,适用对象编码\n" + "市级,220400\n".repeat(2_000);
        String reason = onlyReason(small.read("rows.csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(reason).contains("exceeds the import budget of 1000 records");
    }

    @Test
    void holesFindTheirShellsThroughAnIndexAndEveryHoleLandsInItsOwnShell() throws Exception {
        // 20,000 shells each with its own hole: comparing every hole with every shell is 400 million tests
        int n = 20_000;
        List<double[]> rings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = (i % 200) * 0.004;
            double y = (i / 200) * 0.004;
            rings.add(square(x, y, 0.003, true));
            rings.add(square(x + 0.001, y + 0.001, 0.001, false));
        }
        byte[] bytes = shp(ShpFile.POLYGON, Collections.singletonList(rings.toArray(double[][]::new)));
        ShpFile.Contents contents = allocatingAtMost(1024 * MB, () -> {
            try {
                return ShpFile.read(bytes);
            } catch (ShpFile.ShpException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(contents.shapes()).hasSize(1);
        MultiPolygon multi = (MultiPolygon) contents.shapes().get(0).geometry();
        assertThat(multi.getNumGeometries()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            Polygon p = (Polygon) multi.getGeometryN(i);
            assertThat(p.getNumInteriorRing()).isEqualTo(1);
            assertThat(p.getExteriorRing()
                            .getEnvelopeInternal()
                            .contains(p.getInteriorRingN(0).getEnvelopeInternal()))
                    .isTrue();
        }
    }

    /** The workbook with one merged range's reference rewritten in its sheet XML. */
    static byte[] widenMerge(byte[] xlsx, String from, String to) {
        Map<String, byte[]> entries = ShapefileFixture.unzip(xlsx);
        String sheet = new String(entries.get("xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8);
        assertThat(sheet).contains("ref=\"" + from + "\"");
        entries.put(
                "xl/worksheets/sheet1.xml",
                sheet.replace("ref=\"" + from + "\"", "ref=\"" + to + "\"").getBytes(StandardCharsets.UTF_8));
        return zip(entries);
    }

    /** A .shp of {@code n} Null records (12 bytes each). */
    static byte[] nullShapes(int n) {
        ByteBuffer b = ByteBuffer.allocate(100 + 12 * n);
        b.order(ByteOrder.BIG_ENDIAN).putInt(0, 9994).putInt(24, (100 + 12 * n) / 2);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(28, 1000).putInt(32, ShpFile.POLYGON);
        for (int i = 0; i < n; i++) {
            int at = 100 + 12 * i;
            b.order(ByteOrder.BIG_ENDIAN).putInt(at, i + 1).putInt(at + 4, 2);
            b.order(ByteOrder.LITTLE_ENDIAN).putInt(at + 8, ShpFile.NULL_SHAPE);
        }
        return b.array();
    }

    /** A .dbf of {@code n} records of one one-byte text field. */
    static byte[] oneByteRecords(int n) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Collections.singletonList(null));
        }
        return dbf(List.of(new Column("ZT", 'C', 1, 0)), rows, StandardCharsets.UTF_8);
    }

    static Map<String, byte[]> set(byte[] shp, byte[] shx, byte[] dbf) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("units.shp", shp);
        parts.put("units.shx", shx);
        parts.put("units.dbf", dbf);
        parts.put("units.prj", PRJ_4490.getBytes(StandardCharsets.US_ASCII));
        return parts;
    }
}
