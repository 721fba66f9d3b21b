package org.zoninghub.sync.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zoninghub.sync.imports.FileDeliveriesTest.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.zoninghub.spatial.GaussKruger;
import org.zoninghub.spatial.GeometryHashes;
import org.zoninghub.spatial.formats.ReadBudget;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.SyncRuns.Rejection;
import org.zoninghub.sync.Delivery;
import org.zoninghub.sync.ProvincialMapper;
import org.zoninghub.sync.files.FieldNames;
import org.zoninghub.sync.files.FileImport;
import org.zoninghub.sync.files.FileReaders;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.ControlUnit;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.UnitStatus;

/**
 * A delivery as a set of files, with the GDAL-made golden files (golden/README.md): a Shapefile without list fields
 * (GBK, EPSG:4530, DBF columns DYBM and DYMC) with the XLSX unit lists and the UTF-8-BOM CSV city/basin lists, in one
 * zip or as three files, gives the same units and lists as the GeoJSON with its lists and the same CSV; the Shapefile
 * alone keeps the stored lists; field names come from configuration and the report says which matched.
 */
class FileDeliverySetsTest {

    static final Jurisdiction LIAOYUAN = Jurisdiction.liaoyuan();
    static final FileReaders READERS = new FileReaders(null, null);
    static final List<String> CODES = List.of("ZH22040210001", "ZH22040220001", "ZH22042110001", "ZH22042230001");

    final FileDeliveries deliveries = new FileDeliveries(new ProvincialMapper(LIAOYUAN), LIAOYUAN);

    /** What a delivery's unit is, compared across formats: geometry by its normalised hash, area to 1 cm². */
    static List<Object> canonical(ControlUnit u) {
        return List.of(
                u.code(),
                u.name(),
                u.category(),
                u.divisionCode(),
                new java.util.TreeSet<>(u.basins()),
                u.status(),
                GeometryHashes.sha256(u.geometry()),
                Math.round(GaussKruger.areaM2(u.geometry()) * 100) / 100.0,
                new TreeMap<>(u.listTexts()),
                u.edition(),
                u.updatedAt().toInstant());
    }

    static Map<String, List<Object>> units(Delivery d) {
        Map<String, List<Object>> m = new TreeMap<>();
        d.units().forEach(u -> m.put(u.code(), canonical(u)));
        return m;
    }

    static List<String> lists(Delivery d) {
        return d.lists().stream()
                .map(l -> l.level() + " " + l.scopeCode() + " " + l.scopeName() + " " + new TreeMap<>(l.texts()) + " "
                        + l.status() + " " + l.edition() + " " + l.updatedAt().toInstant())
                .sorted()
                .toList();
    }

    Delivery reference() {
        List<FileImport> files =
                READERS.readSet("units.geojson, top-lists.csv", List.of(part("units.geojson"), part("top-lists.csv")));
        FileDeliveries.Mapped m = deliveries.map(
                FileImport.combined("units.geojson, top-lists.csv", files), codes -> List.of(), codes -> Map.of());
        assertThat(m.delivery().rejected()).isEmpty();
        return m.delivery();
    }

    static FileReaders.Part part(String name) {
        return new FileReaders.Part(name, golden(name));
    }

    FileDeliveries.Mapped mapSet(String name, List<FileReaders.Part> parts) {
        return deliveries.map(
                FileImport.combined(name, READERS.readSet(name, parts)), codes -> List.of(), codes -> Map.of());
    }

    @Test
    void theReferenceDeliveryHasFourUnitsAndThreeLists() {
        Delivery ref = reference();
        assertThat(units(ref)).containsOnlyKeys(CODES);
        assertThat(lists(ref)).hasSize(3);
        assertThat(ref.units().get(0).listTexts()).hasSize(4);
    }

    @Test
    void aZipOfTheBareShapefileTheXlsxAndTheBomCsvIsTheSameDeliveryAsTheGeoJsonWithItsLists() {
        List<FileImport> files = READERS.readSet("delivery.zip", List.of(part("delivery.zip")));

        assertThat(files)
                .extracting(FileImport::file)
                .containsExactly("delivery.zip", "delivery.zip/unit-lists.xlsx", "delivery.zip/top-lists.csv");
        assertThat(files).allSatisfy(f -> assertThat(f.defects()).isEmpty());
        assertThat(files.get(0).fieldMappings())
                .containsEntry("HJGKDYBM", "DYBM")
                .containsEntry("HJGKDYMC", "DYMC")
                .containsEntry("ZHGKDYFL", "ZHGKDYFL")
                .doesNotContainKeys("KJBJYS", "PWWPFGK", "HJFXFK", "ZYKFXLYQ");
        assertThat(files.get(1).fieldMappings())
                .containsEntry("HJGKDYBM", "环境管控单元编码")
                .containsEntry("ZYKFXLYQ", "资源开发效率要求");
        assertThat(files.get(2).fieldMappings()).containsEntry("CJ", "层级").containsEntry("SYDXBM", "适用对象编码");

        FileDeliveries.Mapped zip =
                deliveries.map(FileImport.combined("delivery.zip", files), codes -> List.of(), codes -> Map.of());

        assertThat(zip.delivery().rejected()).isEmpty();
        assertThat(zip.fileRejected()).isFalse();
        Delivery ref = reference();
        assertThat(units(zip.delivery())).isEqualTo(units(ref));
        assertThat(lists(zip.delivery())).isEqualTo(lists(ref));
    }

    @Test
    void aGeoPackageMadeByOgr2ogrGivesTheSameUnits() {
        List<FileImport> files = READERS.readSet("units.gpkg", List.of(part("units.gpkg")));
        assertThat(files).extracting(FileImport::file).containsExactly("units.gpkg/units");
        assertThat(files.get(0).format()).isEqualTo("GeoPackage");

        FileDeliveries.Mapped gpkg =
                deliveries.map(FileImport.combined("units.gpkg", files), codes -> List.of(), codes -> Map.of());

        assertThat(gpkg.delivery().rejected()).isEmpty();
        assertThat(units(gpkg.delivery())).isEqualTo(units(reference()));
    }

    @Test
    void aGeoPackageOfBareUnitsWithAttributeTablesOfListsIsTheSameDeliveryAsTheGeoJsonWithItsLists() {
        List<FileImport> files = READERS.readSet("delivery.gpkg", List.of(part("delivery.gpkg")));
        assertThat(files)
                .extracting(FileImport::file)
                .containsExactlyInAnyOrder(
                        "delivery.gpkg/units", "delivery.gpkg/unit_lists", "delivery.gpkg/top_lists");
        assertThat(files).allSatisfy(f -> assertThat(f.defects()).isEmpty());
        assertThat(files)
                .filteredOn(f -> f.file().endsWith("/units"))
                .singleElement()
                .satisfies(f -> assertThat(f.fieldMappings()).containsEntry("HJGKDYBM", "DYBM"));

        FileDeliveries.Mapped gpkg =
                deliveries.map(FileImport.combined("delivery.gpkg", files), codes -> List.of(), codes -> Map.of());

        assertThat(gpkg.delivery().rejected()).isEmpty();
        Delivery ref = reference();
        assertThat(units(gpkg.delivery())).isEqualTo(units(ref));
        assertThat(lists(gpkg.delivery())).isEqualTo(lists(ref));
    }

    @Test
    void theSameThreeFilesAsOneUploadAreTheSameDelivery() {
        FileDeliveries.Mapped set = mapSet(
                "units-bare.zip, unit-lists.xlsx, top-lists.csv",
                List.of(part("units-bare.zip"), part("unit-lists.xlsx"), part("top-lists.csv")));

        assertThat(set.delivery().rejected()).isEmpty();
        Delivery ref = reference();
        assertThat(units(set.delivery())).isEqualTo(units(ref));
        assertThat(lists(set.delivery())).isEqualTo(lists(ref));
    }

    /** The golden units as the store holds them, and the original texts of their lists in force. */
    record Store(Map<String, StoredUnit> units, Map<String, Map<Dimension, String>> texts) {
        List<StoredUnit> latest(Collection<String> codes) {
            return codes.stream().map(units::get).filter(Objects::nonNull).toList();
        }

        Map<String, Map<Dimension, String>> texts(Collection<String> codes) {
            Map<String, Map<Dimension, String>> m = new HashMap<>();
            codes.stream().filter(texts::containsKey).forEach(c -> m.put(c, texts.get(c)));
            return m;
        }
    }

    Store stored(Delivery ref) {
        Map<String, StoredUnit> units = new HashMap<>();
        Map<String, Map<Dimension, String>> texts = new HashMap<>();
        for (ControlUnit u : ref.units()) {
            units.put(
                    u.code(),
                    new StoredUnit(
                            u.code(),
                            1,
                            u.edition(),
                            u.name(),
                            u.category(),
                            u.divisionCode(),
                            List.copyOf(u.basins()),
                            UnitStatus.ACTIVE,
                            u.geometry(),
                            1.0,
                            "h",
                            u.updatedAt(),
                            null,
                            u.updatedAt()));
            texts.put(u.code(), new EnumMap<>(u.listTexts()));
        }
        return new Store(units, texts);
    }

    @Test
    void theBareShapefileAloneKeepsTheStoredListsOfStoredUnits() {
        Delivery ref = reference();
        Store store = stored(ref);
        FileImport bare = READERS.read("units-bare.zip", golden("units-bare.zip"));

        FileDeliveries.Mapped m = deliveries.map(bare, store::latest, store::texts);

        assertThat(m.delivery().rejected()).isEmpty();
        assertThat(m.delivery().full()).isFalse();
        assertThat(units(m.delivery())).isEqualTo(units(ref));
        assertThat(m.delivery().lists()).isEmpty();
    }

    @Test
    void aNewUnitWithoutListsAnywhereIsNamedAndRejected() {
        Delivery ref = reference();
        Store store = stored(ref);
        store.units().remove("ZH22042230001");
        store.texts().remove("ZH22042230001");
        FileImport bare = READERS.read("units-bare.zip", golden("units-bare.zip"));

        FileDeliveries.Mapped m = deliveries.map(bare, store::latest, store::texts);

        assertThat(m.delivery().rejected())
                .containsExactly(new Rejection(
                        "ZH22042230001",
                        "a new unit without lists: ZH22042230001 is not stored, and no list file of this delivery has"
                                + " its row (空间布局约束, 污染物排放管控, 环境风险防控, 资源开发效率要求); deliver it with"
                                + " its unit-level list (XLSX/CSV) or with the four list fields"));
        assertThat(m.delivery().units())
                .extracting(ControlUnit::code)
                .hasSize(3)
                .doesNotContain("ZH22042230001");
        assertThat(m.payloads()).containsKey("ZH22042230001");
    }

    @Test
    void aRetiredStoredUnitKeepsNoListsForABareFeature() {
        Delivery ref = reference();
        Store store = stored(ref);
        StoredUnit u = store.units().get("ZH22040210001");
        store.units()
                .put(
                        u.code(),
                        new StoredUnit(
                                u.code(),
                                2,
                                u.edition(),
                                u.name(),
                                u.category(),
                                u.divisionCode(),
                                u.basins(),
                                UnitStatus.RETIRED,
                                null,
                                0,
                                "h",
                                u.validFrom(),
                                null,
                                u.recordedAt()));

        FileDeliveries.Mapped m =
                deliveries.map(READERS.read("units-bare.zip", golden("units-bare.zip")), store::latest, store::texts);

        assertThat(m.delivery().rejected()).extracting(Rejection::record).containsExactly("ZH22040210001");
    }

    @Test
    void aListRowForAUnitInNeitherTheDeliveryNorTheStoreIsNamed() {
        FileDeliveries.Mapped m = mapSet(
                "units-bare.zip, unit-lists.csv",
                List.of(part("units-bare.zip"), new FileReaders.Part("unit-lists.csv", listsWithExtraRow())));

        assertThat(m.delivery().rejected())
                .containsExactly(new Rejection(
                        "ZH22040239999",
                        "a unit's lists without the unit: ZH22040239999 is neither stored nor a unit of this file;"
                                + " import the unit (GeoJSON or Shapefile) first"));
    }

    static byte[] listsWithExtraRow() {
        String csv = new String(golden("unit-lists.csv"), StandardCharsets.UTF_8);
        String extra = "ZH22040239999,另一个单元,吉林省,辽源市,龙山区,3,1.甲。,1.乙。,1.丙。,1.丁。,2025,2025-01-26\r\n";
        return (csv + extra).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aListWithout版本号TakesTheEditionOfTheUnitsOfItsDeliveryIntoAnEmptyHub() {
        String lists = "层级,适用对象编码,适用对象名称,空间布局约束,污染物排放管控,环境风险防控,资源开发效率要求,更新时间\r\n"
                + "市级,220400,辽源市,1.禁止。,1.控制。,1.防控。,1.节约。,2025-01-26\r\n";
        byte[] csv = lists.getBytes(StandardCharsets.UTF_8);

        FileDeliveries.Mapped alone = mapSet("top.csv", List.of(new FileReaders.Part("top.csv", csv)));
        assertThat(alone.delivery().rejected())
                .containsExactly(new Rejection(
                        "header row 1", "no edition in force: give 版本号 (BBH) in the file or import the units first"));

        FileDeliveries.Mapped set = mapSet(
                "units-bare.zip, unit-lists.xlsx, top.csv",
                List.of(part("units-bare.zip"), part("unit-lists.xlsx"), new FileReaders.Part("top.csv", csv)));
        assertThat(set.delivery().rejected()).isEmpty();
        assertThat(set.delivery().lists())
                .singleElement()
                .satisfies(l -> assertThat(l.edition()).isEqualTo("2025"));
    }

    @Test
    void aDefectOfOneFileOfASetNamesTheFile() {
        byte[] bad = "层级,适用对象编码,版本号\r\n市级,220400,2025\r\n".getBytes(StandardCharsets.UTF_8);
        FileDeliveries.Mapped m = mapSet(
                "units-bare.zip, unit-lists.xlsx, top.csv",
                List.of(part("units-bare.zip"), part("unit-lists.xlsx"), new FileReaders.Part("top.csv", bad)));

        assertThat(m.fileRejected()).isTrue();
        assertThat(m.delivery().rejected()).extracting(Rejection::record).containsExactly("top.csv header row 1");
        assertThat(m.delivery().rejected().get(0).reason())
                .isEqualTo("missing required columns 适用对象名称, 空间布局约束, 污染物排放管控, 环境风险防控, 资源开发效率要求 for a"
                        + " city/basin list");
    }

    @Test
    void aZipWithTwoShapefileSetsNamesBothAndAsksWhichEvenBesideLists() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(unzip(golden("units-bare.zip"), "a/"));
        entries.putAll(unzip(golden("units-moved.zip"), "b/"));
        entries.put("unit-lists.xlsx", golden("unit-lists.xlsx"));

        List<FileImport> files = READERS.readSet("two.zip", List.of(new FileReaders.Part("two.zip", zip(entries))));

        assertThat(files.get(0).defects())
                .extracting(d -> d.reason())
                .containsExactly("holds 2 Shapefile sets, a/units and b/units: which one is the delivery? Send a zip"
                        + " holding only that set");
    }

    @Test
    void everyFileOfADeliveryChargesOneBudget() {
        FileReaders small = new FileReaders(
                "2025",
                null,
                FileReaders.DEFAULT_CHARSET,
                FileReaders.DEFAULT_CHARSET,
                new ReadBudget.Limits(1L << 26, 50, 100_000, 5_000_000, 64));
        List<FileReaders.Part> parts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            parts.add(new FileReaders.Part("part-" + i + ".csv", "层级\r\n".getBytes(StandardCharsets.UTF_8)));
        }

        List<FileImport> files = small.readSet("1000 files", parts);

        assertThat(files).hasSize(1);
        assertThat(files.get(0).defects())
                .extracting(d -> d.toString())
                .containsExactly("1000 files: exceeds the import budget of 50 archive entries: file part-50.csv of the"
                        + " delivery needs at least 51");
    }

    @Test
    void aListFileInAZipIsChargedOnceToTheBytesBudget() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(unzip(golden("units-bare.zip"), ""));
        byte[] csv = golden("unit-lists.csv");
        entries.put("unit-lists.csv", csv);
        long unpacked = entries.values().stream().mapToLong(b -> b.length).sum();
        byte[] delivery = zip(entries);
        // room for every entry once, not for the list twice
        FileReaders exact = new FileReaders(
                "2025",
                null,
                FileReaders.DEFAULT_CHARSET,
                FileReaders.DEFAULT_CHARSET,
                new ReadBudget.Limits(unpacked + csv.length / 2, 50, 100_000, 5_000_000, 64));

        List<FileImport> files = exact.readSet("delivery.zip", List.of(new FileReaders.Part("delivery.zip", delivery)));

        assertThat(files).extracting(FileImport::file).containsExactly("delivery.zip", "delivery.zip/unit-lists.csv");
        assertThat(files).allSatisfy(f -> assertThat(f.defects()).isEmpty());
        assertThat(files.get(0).unitFeatures()).hasSize(4);
        assertThat(files.get(1).unitListRows()).hasSize(4);

        FileReaders tooSmall = new FileReaders(
                "2025",
                null,
                FileReaders.DEFAULT_CHARSET,
                FileReaders.DEFAULT_CHARSET,
                new ReadBudget.Limits(unpacked - 1, 50, 100_000, 5_000_000, 64));
        assertThat(tooSmall.readSet("delivery.zip", List.of(new FileReaders.Part("delivery.zip", delivery)))
                        .get(0)
                        .defects())
                .extracting(d -> d.reason())
                .singleElement()
                .asString()
                .startsWith("exceeds the import budget of " + (unpacked - 1) + " decompressed bytes");
    }

    @Test
    void recordsOfAllFilesChargeOneBudget() {
        FileReaders small = new FileReaders(
                "2025",
                null,
                FileReaders.DEFAULT_CHARSET,
                FileReaders.DEFAULT_CHARSET,
                new ReadBudget.Limits(1L << 26, 50, 6, 5_000_000, 64));

        List<FileImport> files =
                small.readSet("units.geojson, unit-lists.csv", List.of(part("units.geojson"), part("unit-lists.csv")));

        assertThat(files.get(0).defects().get(0).reason()).startsWith("exceeds the import budget of 6 records");
    }

    @Test
    void fieldNamesMatchTrimmedLatinNamesCaseInsensitivelyAndChineseExactly() {
        FieldNames names = FieldNames.STANDARD;
        assertThat(names.field(" dybm ")).contains("HJGKDYBM");
        assertThat(names.field("Hjgkdybm")).contains("HJGKDYBM");
        assertThat(names.field("管控单元编码")).contains("HJGKDYBM");
        assertThat(names.field("环境管控单元编码")).contains("HJGKDYBM");
        assertThat(names.field("管控单元编")).isEmpty();
        assertThat(names.conflict(List.of("HJGKDYBM", "环境管控单元编码", "DYMC")))
                .contains("the columns HJGKDYBM and 环境管控单元编码 both give HJGKDYBM; keep one");
        assertThat(names.conflict(List.of("DYBM", "DYMC"))).isEmpty();
    }

    @Test
    void configuredNamesAreAddedAndANameForTwoFieldsIsRefused() {
        FieldNames names = new FieldNames(Map.of("HJGKDYBM", List.of("单元代码")));
        assertThat(names.field("单元代码")).contains("HJGKDYBM");
        assertThat(names.field("DYBM")).contains("HJGKDYBM");

        assertThatThrownBy(() -> new FieldNames(Map.of("HJGKDYMC", List.of("dybm"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the field name \"dybm\" is given for both HJGKDYBM and HJGKDYMC");

        String csv = "单元代码,管控单元名称,省,市,区县,管控单元分类,空间布局约束,污染物排放管控,环境风险防控,资源开发效率要求,版本号\r\n"
                + "ZH22040210001,甲,吉林省,辽源市,龙山区,1,1.甲。,1.乙。,1.丙。,1.丁。,2025\r\n";
        FileReaders readers = new FileReaders(
                null,
                OffsetDateTime.parse("2025-01-26T00:00:00+08:00"),
                FileReaders.DEFAULT_CHARSET,
                FileReaders.DEFAULT_CHARSET,
                ReadBudget.Limits.DEFAULT,
                names);

        FileImport read = readers.read("lists.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(read.defects()).isEmpty();
        assertThat(read.fieldMappings())
                .containsEntry("HJGKDYBM", "单元代码")
                .containsEntry("HJGKDYMC", "管控单元名称")
                .containsEntry("BBH", "版本号");
        assertThat(read.unitListRows().get(0).get("HJGKDYBM").asText()).isEqualTo("ZH22040210001");
    }

    @Test
    void twoColumnsForOneFieldAreADefectOfTheFile() throws IOException {
        String csv = "环境管控单元编码,HJGKDYBM,环境管控单元名称,省,市,区县,管控单元分类,空间布局约束,污染物排放管控,环境风险防控,资源开发效率要求\r\n";
        FileImport table = new FileReaders("2025", null).read("lists.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(table.defects())
                .extracting(d -> d.toString())
                .containsExactly("lists.csv: header row 1: repeated column HJGKDYBM (column B, the same field HJGKDYBM"
                        + " as 环境管控单元编码)");

        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(golden("units.geojson"));
        ObjectNode p = (ObjectNode) doc.get("features").get(0).get("properties");
        p.put("DYBM", p.get("HJGKDYBM").asText());
        FileImport geo = READERS.read("units.geojson", json.writeValueAsBytes(doc));
        assertThat(geo.defects())
                .extracting(d -> d.toString())
                .containsExactly("units.geojson: the columns HJGKDYBM and DYBM both give HJGKDYBM; keep one");
    }

    @Test
    void aGeoJsonWithChineseOrAlternativePropertyNamesReadsAsTheNationalCodes() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(golden("units.geojson"));
        for (JsonNode f : doc.get("features")) {
            ObjectNode p = (ObjectNode) f.get("properties");
            p.set("环境管控单元编码", p.remove("HJGKDYBM"));
            p.set("dymc", p.remove("HJGKDYMC"));
            p.set("资源开发效率要求", p.remove("ZYKFXLYQ"));
        }
        FileImport read = READERS.read("units.geojson", json.writeValueAsBytes(doc));

        assertThat(read.defects()).isEmpty();
        assertThat(read.fieldMappings())
                .containsEntry("HJGKDYBM", "环境管控单元编码")
                .containsEntry("HJGKDYMC", "dymc")
                .containsEntry("ZYKFXLYQ", "资源开发效率要求");
        FileDeliveries.Mapped m = deliveries.map(read, codes -> List.of(), codes -> Map.of());
        assertThat(m.delivery().rejected()).isEmpty();
        assertThat(m.delivery().units()).extracting(ControlUnit::code).containsExactlyElementsOf(CODES);
    }

    @Test
    void basinsOfTheBareShapefileComeFromItsLymc() {
        FileDeliveries.Mapped m =
                mapSet("units-bare.zip, unit-lists.xlsx", List.of(part("units-bare.zip"), part("unit-lists.xlsx")));
        assertThat(m.delivery().units())
                .filteredOn(u -> u.code().equals("ZH22042110001"))
                .singleElement()
                .satisfies(u -> assertThat(u.basins()).containsExactly(Basin.SONGHUA));
    }

    static Map<String, byte[]> unzip(byte[] zip, String prefix) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(prefix + e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
