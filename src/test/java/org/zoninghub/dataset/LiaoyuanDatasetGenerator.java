package org.zoninghub.dataset;

import static org.zoninghub.dataset.DatasetFiles.EDITION;
import static org.zoninghub.dataset.DatasetFiles.UPDATED;
import static org.zoninghub.dataset.DatasetFiles.ordered;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.zoninghub.dataset.DatasetFiles.Feature;
import org.zoninghub.dataset.LiaoyuanPlan.Division;
import org.zoninghub.dataset.LiaoyuanPlan.UnitPlan;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.Dimension;

/**
 * Generates the Liaoyuan sample dataset ({@code data/liaoyuan/}): the 61 environmental control units of the 2025
 * plan with synthetic geometry but the plan's real counts and area shares, the "1+2+61" access lists, and reference
 * layers (city outline, divisions, basins). Output is byte-identical on every run (fixed seed, fixed grid, fixed
 * dates), so the committed files can be regenerated and compared.
 *
 * <p>Usage: {@code main(outputDirectory)}, the directory defaulting to {@code data/liaoyuan}; see that directory's
 * README for the command.
 */
public final class LiaoyuanDatasetGenerator {

    static final String PROVINCE = "吉林省";
    static final String CITY = "辽源市";
    static final String CITY_CODE = "220400";
    static final String IN_FORCE = "有效";

    static final List<String> UNIT_HEADERS =
            List.of("环境管控单元编码", "环境管控单元名称", "省", "市", "区县", "管控单元分类", "空间布局约束", "污染物排放管控", "环境风险防控", "资源开发效率要求");

    static final List<String> LIST_HEADERS =
            List.of("层级", "适用对象编码", "适用对象名称", "空间布局约束", "污染物排放管控", "环境风险防控", "资源开发效率要求");

    /** A generated unit. */
    record Unit(String code, UnitPlan plan, MultiPolygon geometry, Basin basin, Map<Dimension, String> texts) {}

    /** A generated city or basin list. */
    record ScopeList(String level, String scopeCode, String scopeName, Map<Dimension, String> texts) {}

    private LiaoyuanDatasetGenerator() {}

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : "data/liaoyuan");
        generate(directory);
        System.out.println("Liaoyuan dataset written to " + directory.toAbsolutePath());
    }

    /** Builds the dataset and writes all its files into a directory (created if needed). */
    public static void generate(Path directory) throws IOException {
        LiaoyuanGeometry geometry = new LiaoyuanGeometry();
        List<Unit> units = units(geometry);
        List<ScopeList> lists = List.of(
                new ScopeList("市级", CITY_CODE, "辽源市总体", AccessListTexts.city()),
                new ScopeList(
                        "流域", Basin.LIAOHE.name(), Basin.LIAOHE.chineseName(), AccessListTexts.basin(Basin.LIAOHE)),
                new ScopeList(
                        "流域", Basin.SONGHUA.name(), Basin.SONGHUA.chineseName(), AccessListTexts.basin(Basin.SONGHUA)));

        Files.createDirectories(directory);
        writeUnits(directory, units);
        writeLists(directory, lists);
        writeReferenceLayers(directory, geometry);
        DatasetFiles.writeText(directory.resolve("README.md"), DatasetReadme.text(geometry, units));
    }

    /** Codes, basins and texts for the generated geometry; codes numbered per division and category. */
    static List<Unit> units(LiaoyuanGeometry geometry) {
        Map<String, Integer> serials = new HashMap<>();
        List<Unit> units = new ArrayList<>();
        geometry.units.forEach((plan, shape) -> {
            String prefix = "ZH" + plan.division() + plan.category().digit();
            int serial = serials.merge(prefix, 1, Integer::sum);
            MultiPolygon multi = (MultiPolygon) shape;
            Basin basin = geometry.basinOf(multi);
            units.add(new Unit(
                    prefix + String.format(Locale.ROOT, "%04d", serial),
                    plan,
                    multi,
                    basin,
                    AccessListTexts.unit(plan, basin)));
        });
        units.sort(Comparator.comparing(Unit::code));
        return units;
    }

    private static void writeUnits(Path directory, List<Unit> units) throws IOException {
        List<Feature> features = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Unit unit : units) {
            Map<String, Object> properties = ordered(
                    "HJGKDYBM", unit.code(),
                    "HJGKDYMC", unit.plan().name(),
                    "PROV", PROVINCE,
                    "CITY", CITY,
                    "AREA", LiaoyuanPlan.divisionName(unit.plan().division()),
                    "ZHGKDYFL", unit.plan().category().digit(),
                    "LYMC", unit.basin().chineseName());
            for (Dimension d : Dimension.values()) {
                properties.put(d.fieldCode(), unit.texts().get(d));
            }
            properties.putAll(ordered("BBH", EDITION, "GXSJ", UPDATED, "ZT", IN_FORCE));
            features.add(new Feature(unit.code(), properties, unit.geometry()));

            List<String> row = new ArrayList<>(List.of(
                    unit.code(),
                    unit.plan().name(),
                    PROVINCE,
                    CITY,
                    LiaoyuanPlan.divisionName(unit.plan().division()),
                    unit.plan().category().chineseName()));
            for (Dimension d : Dimension.values()) {
                row.add(unit.texts().get(d));
            }
            rows.add(row);
        }
        DatasetFiles.writeText(
                directory.resolve("units.geojson"),
                DatasetFiles.featureCollection(features, ordered("nextPageToken", null, "snapshotTime", UPDATED)));
        DatasetFiles.writeCsv(directory.resolve("unit-lists.csv"), UNIT_HEADERS, rows);
        DatasetFiles.writeXlsx(directory.resolve("unit-lists.xlsx"), "环境管控单元准入清单", UNIT_HEADERS, rows, new int[] {
            18, 44, 8, 8, 8, 14, 60, 60, 60, 60
        });
    }

    private static void writeLists(Path directory, List<ScopeList> lists) throws IOException {
        List<Map<String, ?>> items = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (ScopeList list : lists) {
            Map<String, Object> item =
                    ordered("CJ", list.level(), "SYDXBM", list.scopeCode(), "SYDXMC", list.scopeName());
            List<String> row = new ArrayList<>(List.of(list.level(), list.scopeCode(), list.scopeName()));
            for (Dimension d : Dimension.values()) {
                item.put(d.fieldCode(), list.texts().get(d));
                row.add(list.texts().get(d));
            }
            item.putAll(ordered("BBH", EDITION, "GXSJ", UPDATED, "ZT", IN_FORCE));
            items.add(item);
            rows.add(row);
        }
        DatasetFiles.writeText(directory.resolve("lists.json"), DatasetFiles.items(items));
        DatasetFiles.writeCsv(directory.resolve("city-basin-lists.csv"), LIST_HEADERS, rows);
        DatasetFiles.writeXlsx(directory.resolve("city-basin-lists.xlsx"), "市级及流域准入清单", LIST_HEADERS, rows, new int[] {
            8, 14, 14, 60, 60, 60, 60
        });
    }

    private static void writeReferenceLayers(Path directory, LiaoyuanGeometry geometry) throws IOException {
        DatasetFiles.writeText(
                directory.resolve("city.geojson"),
                DatasetFiles.featureCollection(
                        List.of(new Feature(
                                CITY_CODE,
                                ordered("code", CITY_CODE, "name", CITY),
                                GridGeometry.canonical(geometry.outline))),
                        Map.of()));
        List<Feature> divisions = new ArrayList<>();
        for (Division division : LiaoyuanPlan.DIVISIONS) {
            divisions.add(new Feature(
                    division.code(),
                    ordered("code", division.code(), "name", division.name()),
                    GridGeometry.canonical(geometry.divisions.get(division.code()))));
        }
        DatasetFiles.writeText(
                directory.resolve("divisions.geojson"), DatasetFiles.featureCollection(divisions, Map.of()));
        List<Feature> basins = new ArrayList<>();
        for (Map.Entry<Basin, Geometry> basin : new LinkedHashMap<>(geometry.basins).entrySet()) {
            basins.add(new Feature(
                    basin.getKey().name(),
                    ordered(
                            "code",
                            basin.getKey().name(),
                            "name",
                            basin.getKey().chineseName()),
                    GridGeometry.canonical(basin.getValue())));
        }
        DatasetFiles.writeText(directory.resolve("basins.geojson"), DatasetFiles.featureCollection(basins, Map.of()));
    }

    /** Category of a unit code's ninth character. */
    static Category categoryOf(String code) {
        return Category.ofDigit(code.charAt(8) - '0');
    }
}
