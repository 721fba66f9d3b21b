package org.zoninghub.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.zoninghub.spatial.GaussKruger;

/**
 * Checks the committed Liaoyuan dataset ({@code data/liaoyuan/}) against the plan's figures and the contract's file
 * shapes, reading the files back with its own parsing, and checks that the generator reproduces them byte for byte.
 *
 * <p>With {@code -Dzoning.dataset.regenerate=true} the dataset is first rewritten by the generator.
 */
class LiaoyuanDatasetTest {

    static final Path DATA = Path.of("data", "liaoyuan");

    static final Pattern CODE = Pattern.compile("^ZH\\d{6}[123]\\d{4}$");
    static final Map<String, String> DIVISIONS =
            Map.of("220402", "龙山区", "220403", "西安区", "220421", "东丰县", "220422", "东辽县");
    static final List<String> DIMENSIONS = List.of("KJBJYS", "PWWPFGK", "HJFXFK", "ZYKFXLYQ");
    static final List<String> UNIT_PROPERTIES = List.of(
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
    static final String SNAPSHOT = "2025-01-26T00:00:00+08:00";

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final GeometryFactory FACTORY = new GeometryFactory();

    record ParsedUnit(String code, JsonNode properties, Geometry geometry, double areaM2) {}

    static JsonNode unitsJson;
    static List<ParsedUnit> units;
    static Map<String, Geometry> divisions;
    static Map<String, Geometry> basins;
    static Geometry city;

    @BeforeAll
    static void load() throws IOException {
        if (Boolean.getBoolean("zoning.dataset.regenerate")) {
            LiaoyuanDatasetGenerator.generate(DATA);
        }
        unitsJson = MAPPER.readTree(DATA.resolve("units.geojson").toFile());
        units = new ArrayList<>();
        for (JsonNode feature : unitsJson.get("features")) {
            Geometry g = geometry(feature.get("geometry"));
            units.add(new ParsedUnit(feature.get("id").asText(), feature.get("properties"), g, GaussKruger.areaM2(g)));
        }
        divisions = layer("divisions.geojson");
        basins = layer("basins.geojson");
        city = layer("city.geojson").get("220400");
    }

    // ---- counts, codes, properties ------------------------------------------------------------------------

    @Test
    void hasTheCountsOfThePlan() {
        assertThat(units).hasSize(61);
        Map<Integer, Integer> byCategory = new TreeMap<>();
        units.forEach(u -> byCategory.merge(u.properties().get("ZHGKDYFL").asInt(), 1, Integer::sum));
        assertThat(byCategory).containsExactlyEntriesOf(new TreeMap<>(Map.of(1, 31, 2, 26, 3, 4)));
    }

    @Test
    void codesAreValidAndNumberedPerDivisionAndCategory() {
        Map<String, List<Integer>> serials = new TreeMap<>();
        for (ParsedUnit u : units) {
            JsonNode p = u.properties();
            assertThat(u.code()).matches(CODE).isEqualTo(p.get("HJGKDYBM").asText());
            assertThat(p.get("ZHGKDYFL").isNumber()).isTrue();
            assertThat(u.code().charAt(8) - '0').isEqualTo(p.get("ZHGKDYFL").asInt());
            String division = u.code().substring(2, 8);
            assertThat(DIVISIONS).containsKey(division);
            assertThat(p.get("AREA").asText()).isEqualTo(DIVISIONS.get(division));
            serials.computeIfAbsent(u.code().substring(2, 9), k -> new ArrayList<>())
                    .add(Integer.parseInt(u.code().substring(9)));
        }
        serials.forEach((prefix, numbers) -> {
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= numbers.size(); i++) {
                expected.add(i);
            }
            assertThat(numbers).as(prefix).containsExactlyInAnyOrderElementsOf(expected);
        });
        assertThat(units.stream().map(ParsedUnit::code).distinct()).hasSize(61);
    }

    @Test
    void propertiesHaveTheContractShapeAndOrder() {
        assertThat(unitsJson.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(unitsJson.get("nextPageToken").isNull()).isTrue();
        assertThat(unitsJson.get("snapshotTime").asText()).isEqualTo(SNAPSHOT);
        for (ParsedUnit u : units) {
            List<String> names = new ArrayList<>();
            u.properties().fieldNames().forEachRemaining(names::add);
            assertThat(names).as(u.code()).containsExactlyElementsOf(UNIT_PROPERTIES);
            assertThat(u.properties().get("PROV").asText()).isEqualTo("吉林省");
            assertThat(u.properties().get("CITY").asText()).isEqualTo("辽源市");
            assertThat(u.properties().get("BBH").asText()).isEqualTo("2025");
            assertThat(u.properties().get("GXSJ").asText()).isEqualTo(SNAPSHOT);
            assertThat(u.properties().get("ZT").asText()).isEqualTo("有效");
            assertThat(u.properties().get("HJGKDYMC").asText())
                    .endsWith(categoryName(u.properties().get("ZHGKDYFL").asInt()));
        }
    }

    // ---- geometry -----------------------------------------------------------------------------------------

    @Test
    void areaSharesAreThePlansUsingTheHubsArea() {
        double total = units.stream().mapToDouble(ParsedUnit::areaM2).sum();
        double[] byCategory = new double[4];
        units.forEach(u -> byCategory[u.properties().get("ZHGKDYFL").asInt()] += u.areaM2());
        assertThat(total / 1e6).isCloseTo(5140.0, within(15.0));
        assertThat(byCategory[1] / total * 100).isCloseTo(44.83, within(0.01));
        assertThat(byCategory[2] / total * 100).isCloseTo(20.61, within(0.01));
        assertThat(byCategory[3] / total * 100).isCloseTo(34.56, within(0.01));
    }

    @Test
    void geometriesAreValidMultiPolygonsInsideTheExtent() throws IOException {
        Envelope extent = new Envelope(124.9, 125.9, 42.3, 43.3);
        for (ParsedUnit u : units) {
            assertThat(u.geometry()).as(u.code()).isInstanceOf(MultiPolygon.class);
            assertThat(u.geometry().isValid()).as(u.code() + " valid").isTrue();
            assertThat(extent.contains(u.geometry().getEnvelopeInternal()))
                    .as(u.code())
                    .isTrue();
        }
        assertThat(extent.contains(city.getEnvelopeInternal())).isTrue();
        // every coordinate of every layer is written with exactly seven decimals
        Pattern number = Pattern.compile("-?\\d+(\\.\\d+)?");
        Pattern coordinates = Pattern.compile("\"coordinates\": (\\[[\\[\\]0-9.,-]*\\])");
        for (String file : List.of("units.geojson", "divisions.geojson", "basins.geojson", "city.geojson")) {
            Matcher m = coordinates.matcher(Files.readString(DATA.resolve(file)));
            int geometries = 0;
            while (m.find()) {
                geometries++;
                Matcher n = number.matcher(m.group(1));
                while (n.find()) {
                    assertThat(n.group()).as(file).matches("\\d{2,3}\\.\\d{7}");
                }
            }
            assertThat(geometries).as(file).isPositive();
        }
    }

    @Test
    void unitsPartitionTheCity() {
        STRtree index = new STRtree();
        units.forEach(u -> index.insert(u.geometry().getEnvelopeInternal(), u));
        int pairs = 0;
        for (ParsedUnit a : units) {
            for (Object o : index.query(a.geometry().getEnvelopeInternal())) {
                ParsedUnit b = (ParsedUnit) o;
                if (a.code().compareTo(b.code()) < 0) {
                    pairs++;
                    Geometry overlap = OverlayNGRobust.overlay(a.geometry(), b.geometry(), OverlayNG.INTERSECTION);
                    assertThat(GaussKruger.areaM2(overlap))
                            .as(a.code() + " ∩ " + b.code())
                            .isLessThan(1.0);
                }
            }
        }
        assertThat(pairs).isPositive();

        double sum = units.stream().mapToDouble(ParsedUnit::areaM2).sum();
        Geometry union =
                UnaryUnionOp.union(units.stream().map(ParsedUnit::geometry).toList());
        double unionArea = GaussKruger.areaM2(union);
        double cityArea = GaussKruger.areaM2(city);
        assertThat(Math.abs(unionArea - sum) / sum).isLessThan(1e-6);
        assertThat(Math.abs(cityArea - sum) / sum).isLessThan(1e-6);
        assertThat(GaussKruger.areaM2(OverlayNGRobust.overlay(city, union, OverlayNG.SYMDIFFERENCE)) / sum)
                .isLessThan(1e-6);
    }

    @Test
    void eachUnitLiesInTheDivisionOfItsCode() {
        assertThat(divisions).containsOnlyKeys(DIVISIONS.keySet());
        for (ParsedUnit u : units) {
            Geometry division = divisions.get(u.code().substring(2, 8));
            assertThat(division.contains(u.geometry().getInteriorPoint()))
                    .as(u.code())
                    .isTrue();
            double outside = GaussKruger.areaM2(OverlayNGRobust.overlay(u.geometry(), division, OverlayNG.DIFFERENCE));
            assertThat(outside).as(u.code() + " outside its division, m²").isLessThan(1.0);
        }
    }

    @Test
    void shapesAreRealistic() {
        List<ParsedUnit> protection = units.stream()
                .filter(u -> u.properties().get("ZHGKDYFL").asInt() == 1)
                .toList();
        assertThat(protection.stream().filter(u -> u.geometry().getNumGeometries() >= 2))
                .hasSizeGreaterThanOrEqualTo(5);
        assertThat(protection.stream().filter(u -> holes(u.geometry()) > 0)).hasSizeGreaterThanOrEqualTo(3);
        int[] largestRings = units.stream()
                .mapToInt(u -> largestExteriorRing(u.geometry()))
                .sorted()
                .toArray();
        assertThat(largestRings[largestRings.length / 2]).isGreaterThanOrEqualTo(200);
        assertThat(((Polygon) city.getGeometryN(0)).getExteriorRing().getNumPoints())
                .isGreaterThanOrEqualTo(500);
        for (Geometry division : divisions.values()) {
            assertThat(largestExteriorRing(division)).isGreaterThanOrEqualTo(500);
        }
    }

    @Test
    void basinsComeFromGeometry() {
        assertThat(basins).containsOnlyKeys("LIAOHE", "SONGHUA");
        Map<String, String> names = Map.of("LIAOHE", "辽河流域", "SONGHUA", "松花江流域");
        Set<String> used = new HashSet<>();
        int dongfengLiaohe = 0;
        for (ParsedUnit u : units) {
            double liao = GaussKruger.areaM2(
                    OverlayNGRobust.overlay(u.geometry(), basins.get("LIAOHE"), OverlayNG.INTERSECTION));
            double song = GaussKruger.areaM2(
                    OverlayNGRobust.overlay(u.geometry(), basins.get("SONGHUA"), OverlayNG.INTERSECTION));
            String expected = liao >= song ? "LIAOHE" : "SONGHUA";
            assertThat(u.properties().get("LYMC").asText()).as(u.code()).isEqualTo(names.get(expected));
            used.add(expected);
            if (expected.equals("LIAOHE") && u.code().startsWith("ZH220421")) {
                dongfengLiaohe++;
            }
        }
        assertThat(used).containsExactlyInAnyOrder("LIAOHE", "SONGHUA");
        assertThat(dongfengLiaohe).as("东丰县 units in 辽河流域").isPositive();
    }

    // ---- access lists -------------------------------------------------------------------------------------

    @Test
    void everyListHasFourDimensionsOfNumberedClauses() throws IOException {
        Set<String> styles = new HashSet<>();
        for (ParsedUnit u : units) {
            for (String d : DIMENSIONS) {
                styles.add(
                        checkClauses(u.code() + "-" + d, u.properties().get(d).asText()));
            }
        }
        JsonNode lists = MAPPER.readTree(DATA.resolve("lists.json").toFile());
        assertThat(lists.get("nextPageToken").isNull()).isTrue();
        Map<String, String> scopes = new LinkedHashMap<>();
        for (JsonNode item : lists.get("items")) {
            List<String> names = new ArrayList<>();
            item.fieldNames().forEachRemaining(names::add);
            assertThat(names)
                    .containsExactly(
                            "CJ", "SYDXBM", "SYDXMC", "KJBJYS", "PWWPFGK", "HJFXFK", "ZYKFXLYQ", "BBH", "GXSJ", "ZT");
            scopes.put(
                    item.get("SYDXBM").asText(),
                    item.get("CJ").asText() + " " + item.get("SYDXMC").asText());
            for (String d : DIMENSIONS) {
                styles.add(checkClauses(
                        item.get("SYDXBM").asText() + "-" + d, item.get(d).asText()));
            }
        }
        Map<String, String> expectedScopes = new LinkedHashMap<>();
        expectedScopes.put("220400", "市级 辽源市总体");
        expectedScopes.put("LIAOHE", "流域 辽河流域");
        expectedScopes.put("SONGHUA", "流域 松花江流域");
        assertThat(scopes).containsExactlyEntriesOf(expectedScopes);
        assertThat(styles).hasSizeGreaterThanOrEqualTo(2);
    }

    private static final Pattern MARKER = Pattern.compile("^(?:(\\d+)\\.|(\\d+)、|（(\\d+)）|([①-⑳]))(?!\\d)");

    /** Splits a text into clauses at ；, ; or line breaks; each must carry the next number. Returns the style. */
    static String checkClauses(String what, String text) {
        String[] clauses = text.split("[；;\\n]");
        assertThat(clauses.length).as(what + " clauses").isBetween(2, 6);
        String style = null;
        for (int i = 0; i < clauses.length; i++) {
            Matcher m = MARKER.matcher(clauses[i].strip());
            assertThat(m.find())
                    .as(what + " clause " + (i + 1) + ": " + clauses[i])
                    .isTrue();
            String s;
            int n;
            if (m.group(1) != null) {
                s = "1.";
                n = Integer.parseInt(m.group(1));
            } else if (m.group(2) != null) {
                s = "1、";
                n = Integer.parseInt(m.group(2));
            } else if (m.group(3) != null) {
                s = "（1）";
                n = Integer.parseInt(m.group(3));
            } else {
                s = "①";
                n = m.group(4).charAt(0) - '①' + 1;
            }
            assertThat(n).as(what + " clause number").isEqualTo(i + 1);
            assertThat(style == null || style.equals(s)).as(what + " one style").isTrue();
            style = s;
            assertThat(clauses[i].substring(m.end()).strip()).as(what).isNotEmpty();
        }
        return style;
    }

    @Test
    void unitTablesRepeatTheGeoJsonTexts() throws IOException {
        List<List<String>> expected = new ArrayList<>();
        for (ParsedUnit u : units) {
            JsonNode p = u.properties();
            List<String> row = new ArrayList<>(List.of(
                    u.code(),
                    p.get("HJGKDYMC").asText(),
                    p.get("PROV").asText(),
                    p.get("CITY").asText(),
                    p.get("AREA").asText(),
                    categoryName(p.get("ZHGKDYFL").asInt())));
            DIMENSIONS.forEach(d -> row.add(p.get(d).asText()));
            expected.add(row);
        }
        List<String> headers =
                List.of("环境管控单元编码", "环境管控单元名称", "省", "市", "区县", "管控单元分类", "空间布局约束", "污染物排放管控", "环境风险防控", "资源开发效率要求");
        assertThat(csv(DATA.resolve("unit-lists.csv"))).isEqualTo(withHeader(headers, expected));
        assertThat(xlsx(DATA.resolve("unit-lists.xlsx"))).isEqualTo(withHeader(headers, expected));
    }

    @Test
    void cityAndBasinTablesRepeatTheListTexts() throws IOException {
        JsonNode lists = MAPPER.readTree(DATA.resolve("lists.json").toFile());
        List<List<String>> expected = new ArrayList<>();
        for (JsonNode item : lists.get("items")) {
            List<String> row = new ArrayList<>(List.of(
                    item.get("CJ").asText(),
                    item.get("SYDXBM").asText(),
                    item.get("SYDXMC").asText()));
            DIMENSIONS.forEach(d -> row.add(item.get(d).asText()));
            expected.add(row);
        }
        List<String> headers = List.of("层级", "适用对象编码", "适用对象名称", "空间布局约束", "污染物排放管控", "环境风险防控", "资源开发效率要求");
        assertThat(csv(DATA.resolve("city-basin-lists.csv"))).isEqualTo(withHeader(headers, expected));
        assertThat(xlsx(DATA.resolve("city-basin-lists.xlsx"))).isEqualTo(withHeader(headers, expected));
    }

    // ---- reproducibility ----------------------------------------------------------------------------------

    @Test
    void generatorReproducesTheCommittedFiles(@TempDir Path temp) throws IOException {
        LiaoyuanDatasetGenerator.generate(temp);
        for (String file : List.of(
                "units.geojson",
                "lists.json",
                "unit-lists.csv",
                "city-basin-lists.csv",
                "unit-lists.xlsx",
                "city-basin-lists.xlsx",
                "divisions.geojson",
                "basins.geojson",
                "city.geojson",
                "README.md")) {
            assertThat(Files.mismatch(temp.resolve(file), DATA.resolve(file)))
                    .as(file + " differs from the committed file at byte")
                    .isEqualTo(-1L);
        }
    }

    // ---- parsing ------------------------------------------------------------------------------------------

    private static Map<String, Geometry> layer(String file) throws IOException {
        Map<String, Geometry> layer = new LinkedHashMap<>();
        for (JsonNode feature : MAPPER.readTree(DATA.resolve(file).toFile()).get("features")) {
            layer.put(feature.get("properties").get("code").asText(), geometry(feature.get("geometry")));
        }
        return layer;
    }

    private static Geometry geometry(JsonNode geometry) {
        assertThat(geometry.get("type").asText()).isEqualTo("MultiPolygon");
        List<Polygon> polygons = new ArrayList<>();
        for (JsonNode polygon : geometry.get("coordinates")) {
            List<LinearRing> rings = new ArrayList<>();
            for (JsonNode ring : polygon) {
                Coordinate[] coordinates = new Coordinate[ring.size()];
                for (int i = 0; i < ring.size(); i++) {
                    coordinates[i] = new Coordinate(
                            ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble());
                }
                rings.add(FACTORY.createLinearRing(coordinates));
            }
            polygons.add(FACTORY.createPolygon(
                    rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new)));
        }
        return FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    private static List<List<String>> csv(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, CSVFormat.RFC4180)) {
            for (CSVRecord record : parser) {
                rows.add(new ArrayList<>(record.toList()));
            }
        }
        rows.get(0).set(0, rows.get(0).get(0).replace("\uFEFF", ""));
        return rows;
    }

    private static List<List<String>> xlsx(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                Workbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                List<String> values = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    values.add(row.getCell(c).getStringCellValue());
                }
                rows.add(values);
            }
        }
        return rows;
    }

    private static List<List<String>> withHeader(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static String categoryName(int digit) {
        return Map.of(1, "优先保护单元", 2, "重点管控单元", 3, "一般管控单元").get(digit);
    }

    private static int holes(Geometry g) {
        int holes = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            holes += ((Polygon) g.getGeometryN(i)).getNumInteriorRing();
        }
        return holes;
    }

    private static int largestExteriorRing(Geometry g) {
        int largest = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            largest = Math.max(
                    largest, ((Polygon) g.getGeometryN(i)).getExteriorRing().getNumPoints());
        }
        return largest;
    }
}
