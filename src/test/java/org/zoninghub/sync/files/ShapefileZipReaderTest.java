package org.zoninghub.sync.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zoninghub.sync.files.FileReadersGoldenTest.golden;
import static org.zoninghub.sync.files.ShapefileFixture.square;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.zoninghub.spatial.GeoJsonGeometries;
import org.zoninghub.spatial.formats.TextEncodings;

class ShapefileZipReaderTest {

    static final FileReaders READERS = new FileReaders(null, null);
    static final String GEOGRAPHIC_PRJ = "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\","
            + "SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],"
            + "UNIT[\"Degree\",0.0174532925199433]]";
    static final List<ShapefileFixture.Column> COLUMNS = List.of(
            new ShapefileFixture.Column("HJGKDYBM", 'C', 13, 0),
            new ShapefileFixture.Column("HJGKDYMC", 'C', 40, 0),
            new ShapefileFixture.Column("ZHGKDYFL", 'N', 9, 0));

    static Map<String, byte[]> goldenEntries() {
        return new LinkedHashMap<>(ShapefileFixture.unzip(golden("units.zip")));
    }

    static FileImport read(Map<String, byte[]> entries) {
        return READERS.read("units.zip", ShapefileFixture.zip(entries));
    }

    /** A set in EPSG:4490 with the given records (rings) and rows, at the zip root. */
    static Map<String, byte[]> set(int shapeType, List<double[][]> shapes, List<List<String>> rows) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a.shp", ShapefileFixture.shp(shapeType, shapes));
        entries.put("a.shx", ShapefileFixture.shx(shapes.size()));
        entries.put("a.dbf", ShapefileFixture.dbf(COLUMNS, rows, StandardCharsets.UTF_8));
        entries.put("a.prj", GEOGRAPHIC_PRJ.getBytes(StandardCharsets.US_ASCII));
        entries.put("a.cpg", "UTF-8".getBytes(StandardCharsets.US_ASCII));
        return entries;
    }

    static List<String> row(String code) {
        return List.of(code, "测试单元", "1");
    }

    static Geometry geometry(ObjectNode feature) {
        return GeoJsonGeometries.read(feature.get("geometry"));
    }

    @Test
    void aMissingPartIsNamed() {
        Map<String, byte[]> entries = goldenEntries();
        entries.remove("units.shx");
        FileImport result = read(entries);
        assertThat(result.defects())
                .extracting(FileDefect::reason)
                .containsExactly("the Shapefile set units lacks units.shx (a set needs .shp, .shx, .dbf and .prj)");
        assertThat(result.defects().get(0).record()).isEqualTo("units.zip");
    }

    @Test
    void withoutShpOrDbfNothingIsRead() {
        Map<String, byte[]> entries = goldenEntries();
        entries.remove("units.dbf");
        entries.remove("units.prj");
        FileImport result = read(entries);
        assertThat(result.unitFeatures()).isEmpty();
        assertThat(result.defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("lacks units.dbf, units.prj"));
    }

    @Test
    void aMissingPrjWithProjectedCoordinatesSaysSo() {
        Map<String, byte[]> entries = goldenEntries();
        entries.remove("units.prj");
        FileImport result = read(entries);
        assertThat(result.unitFeatures()).isEmpty();
        assertThat(result.defects())
                .extracting(FileDefect::reason)
                .anySatisfy(r -> assertThat(r).contains("lacks units.prj"))
                .anySatisfy(r -> assertThat(r).contains("undeclared projected coordinates"));
    }

    @Test
    void anUnacceptedPrjIsADefectAndNoFeatureIsProduced() {
        Map<String, byte[]> entries = goldenEntries();
        String xian = new String(entries.get("units.prj"), StandardCharsets.US_ASCII)
                .replace("CGCS2000_3_Degree_GK_Zone_42", "Xian_1980_3_Degree_GK_Zone_42")
                .replace("GCS_China_Geodetic_Coordinate_System_2000", "GCS_Xian_1980")
                .replace("D_China_2000", "D_Xian_1980")
                .replace("\"CGCS2000\"", "\"Xian_1980\"");
        entries.put("units.prj", xian.getBytes(StandardCharsets.US_ASCII));
        FileImport result = read(entries);
        assertThat(result.unitFeatures()).isEmpty();
        assertThat(result.defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason())
                        .contains("units.prj is not an accepted CRS")
                        .contains("not on the CGCS2000 datum")
                        .contains("undeclared projected coordinates"));
    }

    @Test
    void twoShapefileSetsAreRejected() {
        Map<String, byte[]> entries = goldenEntries();
        Map<String, byte[]> both = new LinkedHashMap<>(entries);
        entries.forEach((name, bytes) -> both.put("second/" + name, bytes));
        FileImport result = read(both);
        assertThat(result.unitFeatures()).isEmpty();
        assertThat(result.defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason())
                        .isEqualTo(
                                "holds 2 Shapefile sets, second/units and units: which one is the delivery? Send a zip"
                                        + " holding only that set"));
    }

    @Test
    void aZipWithoutShapefileOrNotAZipAtAllIsNamed() {
        FileImport none = read(Map.of("readme.txt", "说明".getBytes(StandardCharsets.UTF_8)));
        assertThat(none.defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("holds no Shapefile (.shp .shx .dbf .prj)"));
        FileImport garbage = READERS.read("units.zip", "not a zip".getBytes(StandardCharsets.US_ASCII));
        assertThat(garbage.defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).startsWith("is not a readable zip"));
    }

    @Test
    void metadataAndMacOsEntriesAreIgnoredAndPartsMatchCaseInsensitively() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        goldenEntries().forEach((name, bytes) -> entries.put(name.endsWith(".dbf") ? "units.DBF" : name, bytes));
        entries.put("units.shp.xml", "<metadata/>".getBytes(StandardCharsets.US_ASCII));
        entries.put("__MACOSX/._units.shp", new byte[] {0});
        FileImport result = read(entries);
        assertThat(result.defects()).isEmpty();
        assertThat(result.unitFeatures()).hasSize(4);
    }

    @Test
    void entryNamesWrittenInGbkByChineseWindowsZipToolsAreRead() throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out, TextEncodings.GBK)) {
            for (Map.Entry<String, byte[]> e : goldenEntries().entrySet()) {
                zip.putNextEntry(
                        new java.util.zip.ZipEntry("辽源市管控单元/" + e.getKey().replace("units", "单元")));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        FileImport result = READERS.read("units.zip", out.toByteArray());
        assertThat(result.defects()).isEmpty();
        assertThat(result.unitFeatures()).hasSize(4);
    }

    @Test
    void anUnknownCpgEncodingIsNamed() {
        Map<String, byte[]> entries = goldenEntries();
        entries.put("units.cpg", "KLINGON".getBytes(StandardCharsets.US_ASCII));
        assertThat(read(entries).defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("units.cpg names the unknown encoding \"KLINGON\""));
    }

    @Test
    void ringsAreAssembledByOrientationAndHolesGoToTheShellHoldingThem() {
        double[] shellA = square(125.10, 42.80, 0.10, true);
        double[] shellB = square(125.30, 42.80, 0.10, true);
        double[] holeInB = square(125.32, 42.82, 0.02, false);
        double[] holeInA = square(125.12, 42.82, 0.02, false);
        // holes listed before and after the shells they belong to; the hole of B comes first
        FileImport result = read(set(
                5,
                List.<double[][]>of(new double[][] {holeInB, shellA, shellB, holeInA}),
                List.of(row("ZH22040210001"))));
        assertThat(result.defects()).isEmpty();
        Geometry g = geometry(result.unitFeatures().get(0));
        assertThat(g).isInstanceOf(MultiPolygon.class);
        assertThat(g.isValid()).isTrue();
        Polygon a = (Polygon) g.getGeometryN(0);
        Polygon b = (Polygon) g.getGeometryN(1);
        assertThat(a.getNumInteriorRing()).isEqualTo(1);
        assertThat(a.getInteriorRingN(0).getEnvelopeInternal().getMinX()).isEqualTo(125.12);
        assertThat(b.getInteriorRingN(0).getEnvelopeInternal().getMinX()).isEqualTo(125.32);
        assertThat(g.getArea()).isCloseTo(2 * 0.01 - 2 * 0.0004, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void aHoleInsideAnIslandInsideAHoleGoesToTheSmallestShell() {
        double[] outer = square(125.10, 42.80, 0.30, true);
        double[] lake = square(125.15, 42.85, 0.20, false);
        double[] island = square(125.20, 42.90, 0.10, true);
        double[] pond = square(125.22, 42.92, 0.02, false);
        FileImport result = read(
                set(5, List.<double[][]>of(new double[][] {outer, lake, island, pond}), List.of(row("ZH22040210001"))));
        assertThat(result.defects()).isEmpty();
        Geometry g = geometry(result.unitFeatures().get(0));
        assertThat(g.isValid()).isTrue();
        Polygon islandPolygon = (Polygon) g.getGeometryN(1);
        assertThat(islandPolygon.getExteriorRing().getEnvelopeInternal().getMinX())
                .isEqualTo(125.20);
        assertThat(islandPolygon.getInteriorRingN(0).getEnvelopeInternal().getMinX())
                .isEqualTo(125.22);
    }

    @Test
    void polygonZIgnoresZAndNullShapesHaveNoGeometry() {
        FileImport result = read(set(
                15,
                Arrays.asList(new double[][] {square(125.1, 42.8, 0.1, true)}, null),
                List.of(row("ZH22040210001"), row("ZH22040210002"))));
        assertThat(result.defects()).isEmpty();
        Geometry g = geometry(result.unitFeatures().get(0));
        assertThat(g).isInstanceOf(Polygon.class);
        assertThat(Double.isNaN(g.getCoordinate().getZ())).isTrue();
        assertThat(result.unitFeatures().get(1).get("geometry").isNull()).isTrue();
    }

    @Test
    void ringDefectsAreReportedNotRepaired() {
        double[] unclosed = {125.1, 42.8, 125.1, 42.9, 125.2, 42.9, 125.2, 42.8, 125.15, 42.8};
        double[] onlyHoles = square(125.1, 42.8, 0.1, false);
        double[] strayHole = square(125.5, 42.5, 0.01, false);
        FileImport result = read(set(
                5,
                List.of(new double[][] {unclosed}, new double[][] {onlyHoles}, new double[][] {
                    square(125.1, 42.8, 0.1, true), strayHole
                }),
                List.of(row("ZH22040210001"), row("ZH22040210002"), row("ZH22040210003"))));
        assertThat(result.unitFeatures()).isEmpty();
        assertThat(result.defects())
                .extracting(d -> d.record() + ": " + d.reason())
                .containsExactly(
                        "record #1 (ZH22040210001): geometry: ring #1 is not closed: its first point (125.1, 42.8)"
                                + " differs from its last (125.15, 42.8)",
                        "record #2 (ZH22040210002): geometry: no clockwise (outer) ring among its 1 rings: the rings"
                                + " do not follow the Shapefile orientation rule (outer rings clockwise, holes"
                                + " counter-clockwise)",
                        "record #3 (ZH22040210003): geometry: ring #2 is counter-clockwise (a hole) but lies inside"
                                + " no clockwise (outer) ring");
    }

    @Test
    void aPointShapefileIsRejected() {
        Map<String, byte[]> entries = set(5, List.of(), List.of());
        byte[] shp = entries.get("a.shp");
        java.nio.ByteBuffer.wrap(shp).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(32, 1);
        assertThat(read(entries).defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason())
                        .isEqualTo("a.shp holds Point (1) shapes; control units must be polygons (Polygon, PolygonZ or"
                                + " PolygonM)"));
    }

    @Test
    void shpAndDbfMustHaveAsManyRecords() {
        Map<String, byte[]> entries = set(
                5, List.<double[][]>of(new double[][] {square(125.1, 42.8, 0.1, true)}), List.of(row("A"), row("B")));
        assertThat(read(entries).defects())
                .singleElement()
                .satisfies(d -> assertThat(d.reason())
                        .isEqualTo("a.shp holds 1 shapes but a.dbf 2 records; they must correspond one to one"));
    }

    @Test
    void dbfTypesDeletedRecordsAndDatesAreRead() {
        List<ShapefileFixture.Column> columns = List.of(
                new ShapefileFixture.Column("HJGKDYBM", 'C', 13, 0),
                new ShapefileFixture.Column("ZHGKDYFL", 'N', 2, 0),
                new ShapefileFixture.Column("SHAPE_AREA", 'F', 19, 4),
                new ShapefileFixture.Column("GXSJ", 'D', 8, 0),
                new ShapefileFixture.Column("PFRQ", 'D', 8, 0),
                new ShapefileFixture.Column("SFYX", 'L', 1, 0));
        List<List<String>> rows = new ArrayList<>();
        rows.add(Arrays.asList("ZH22040210001", "1", "1234.5000", "20250126", "20240101", "T"));
        rows.add(ShapefileFixture.deleted(Arrays.asList("ZH22040210002", "2", null, null, null, "F")));
        rows.add(Arrays.asList("ZH22040230001", "3", null, null, null, "?"));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        double[][] shape = {square(125.1, 42.8, 0.1, true)};
        entries.put("a.shp", ShapefileFixture.shp(5, List.of(shape, shape, shape)));
        entries.put("a.shx", ShapefileFixture.shx(3));
        entries.put("a.dbf", ShapefileFixture.dbf(columns, rows, TextEncodings.GBK));
        entries.put("a.prj", GEOGRAPHIC_PRJ.getBytes(StandardCharsets.US_ASCII));
        FileImport result = read(entries);
        assertThat(result.defects()).isEmpty();
        assertThat(result.deletedRecords()).isEqualTo(1);
        assertThat(result.unitFeatures()).hasSize(2);
        ObjectNode p = (ObjectNode) result.unitFeatures().get(0).get("properties");
        assertThat(p.get("ZHGKDYFL").isInt()).isTrue();
        assertThat(p.get("ZHGKDYFL").intValue()).isEqualTo(1);
        assertThat(p.get("SHAPE_AREA").decimalValue()).isEqualByComparingTo("1234.5");
        assertThat(p.get("GXSJ").asText()).isEqualTo("2025-01-26T00:00:00+08:00");
        assertThat(p.get("PFRQ").asText()).isEqualTo("2024-01-01");
        assertThat(p.get("SFYX").booleanValue()).isTrue();
        ObjectNode third = (ObjectNode) result.unitFeatures().get(1).get("properties");
        assertThat(third.get("HJGKDYBM").asText()).isEqualTo("ZH22040230001");
        assertThat(third.get("SFYX").isNull()).isTrue();
        assertThat(third.get("GXSJ").isNull()).isTrue();
    }

    @Test
    void aTextFillingA254ByteFieldIsReportedAsProbablyCutAndWiderFieldsAreReadWhole() {
        String clause = "1.禁止新建、扩建排放重金属的建设项目；";
        String longText = clause.repeat(20);
        List<ShapefileFixture.Column> columns = List.of(
                new ShapefileFixture.Column("HJGKDYBM", 'C', 13, 0),
                new ShapefileFixture.Column("KJBJYS", 'C', 254, 0),
                new ShapefileFixture.Column("PWWPFGK", 'C', 1000, 0));
        List<List<String>> rows = List.of(List.of("ZH22040210001", longText, longText));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a.shp", ShapefileFixture.shp(5, List.<double[][]>of(new double[][] {square(125.1, 42.8, 0.1, true)
        })));
        entries.put("a.shx", ShapefileFixture.shx(1));
        entries.put("a.dbf", ShapefileFixture.dbf(columns, rows, TextEncodings.GBK));
        entries.put("a.prj", GEOGRAPHIC_PRJ.getBytes(StandardCharsets.US_ASCII));
        FileImport cut = read(entries);
        assertThat(cut.unitFeatures()).isEmpty();
        assertThat(cut.defects()).singleElement().satisfies(d -> {
            assertThat(d.record()).isEqualTo("record #1 (ZH22040210001)");
            assertThat(d.reason()).startsWith("KJBJYS fills its whole 254-byte DBF text field and was probably cut");
        });

        rows = List.of(List.of("ZH22040210001", clause, longText));
        entries.put("a.dbf", ShapefileFixture.dbf(columns, rows, TextEncodings.GBK));
        FileImport whole = read(entries);
        assertThat(whole.defects()).isEmpty();
        assertThat(whole.unitFeatures().get(0).at("/properties/PWWPFGK").asText())
                .isEqualTo(longText);
    }
}
