package org.zoninghub.dataset;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.zoninghub.dataset.LiaoyuanDatasetGenerator.Unit;
import org.zoninghub.dataset.LiaoyuanPlan.Division;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Category;

/**
 * The dataset's README: what the files are, where the figures come from, how to regenerate them, and tables of what
 * the generator produced (written by the generator, so the tables always match the files).
 */
final class DatasetReadme {

    private DatasetReadme() {}

    static String text(LiaoyuanGeometry geometry, List<Unit> units) {
        double total = units.stream()
                .mapToDouble(u -> GridGeometry.areaKm2(u.geometry()))
                .sum();
        StringBuilder md = new StringBuilder();
        md.append("""
                # Liaoyuan sample dataset (辽源市生态环境分区管控, edition 2025)

                **The geometry in this directory is synthetic.** The unit counts and area shares are the real figures of
                《辽源市生态环境分区管控实施方案》 (issued 2025-01-26): 61 environmental control units, 31 priority-protection
                (44.83 % of the city), 26 key-control (20.61 %), 4 general-control (34.56 %), in a city of about 5,140 km²
                within 124.9°–125.9°E, 42.3°–43.3°N. The shapes are not the official boundaries: they are generated noisy
                outlines placed around the real towns, parks and water bodies they are named after, at approximate real
                coordinates. Unit names and access-list texts are written in the style of published lists and are
                illustrative, not the official text. Division areas (龙山区 330, 西安区 150, 东丰县 2,520, 东辽县 2,140 km²)
                are targets of the generator, of the order of the real ones, not official figures.

                What holds exactly (checked by `LiaoyuanDatasetTest`):
                - the units are a partition of the city outline: no overlaps, no gaps, each unit inside its division;
                - shares computed with the hub's own area (`GaussKruger.areaM2`, CGCS2000 3-degree Gauss–Krüger zone 42)
                  on the coordinates as written match the plan's to ±0.01 percentage point;
                - every geometry is a valid MultiPolygon (exterior rings counter-clockwise, holes clockwise), coordinates
                  CGCS2000 geographic (EPSG:4490), longitude first, exactly seven decimals;
                - basins come from geometry, not from county codes: a wiggly divide separates the 东辽河 side (辽河流域)
                  from the 辉发河 side (松花江流域) and crosses into the west of 东丰县; each unit takes the basin holding
                  the larger part of its area.

                ## Files

                | file | content |
                |---|---|
                | `units.geojson` | the 61 units as the provincial API's `/units` returns them (docs/provincial-api.md): FeatureCollection, `id` = unit code, MultiPolygon, `nextPageToken: null`, `snapshotTime` |
                | `lists.json` | the city list ("1", `220400`) and the two basin lists ("2", `LIAOHE`, `SONGHUA`) as `/lists` returns them |
                | `unit-lists.csv`, `unit-lists.xlsx` | the 61 unit lists with the Chinese headers of docs/files.md (CSV: UTF-8 with BOM, RFC 4180) |
                | `city-basin-lists.csv`, `city-basin-lists.xlsx` | the city and basin lists with the Chinese headers of docs/files.md |
                | `city.geojson` | the city outline (`code` 220400, `name` 辽源市) |
                | `divisions.geojson` | the four county-level divisions (`code`, `name`) |
                | `basins.geojson` | the two basins (`code` LIAOHE/SONGHUA, `name`) |

                Unit properties, in order: `HJGKDYBM` (code), `HJGKDYMC` (name), `PROV` 吉林省, `CITY` 辽源市, `AREA`
                (county-level division), `ZHGKDYFL` (1/2/3, a number), `LYMC` (basin name), `KJBJYS` 空间布局约束,
                `PWWPFGK` 污染物排放管控, `HJFXFK` 环境风险防控, `ZYKFXLYQ` 资源开发效率要求, `BBH` 2025,
                `GXSJ` 2025-01-26T00:00:00+08:00, `ZT` 有效. List items: `CJ` (市级/流域), `SYDXBM`, `SYDXMC`, the four
                dimensions, `BBH`, `GXSJ`, `ZT`.

                Unit codes are `ZH` + division code + category digit + a serial numbered from 0001 per division and
                category. Each dimension's text is two to six numbered clauses; numbering differs by county as it does
                between real compilers: `1.…；2.…` (东辽县, city list, 辽河流域), `（1）…；（2）…` (东丰县, 松花江流域),
                `①…；②…` (西安区) and `1、…` one clause per line (龙山区). Clause texts contain no Arabic numerals, so a
                number after a separator is always a clause number.

                ## Regenerating

                The generator is `src/test/java/org/zoninghub/dataset/LiaoyuanDatasetGenerator.java` (fixed seed, fixed
                1e-7° grid, fixed dates: every run writes the same bytes). From the repository root:

                ```sh
                ./mvnw -B -q test -Dtest=LiaoyuanDatasetTest -Dzoning.dataset.regenerate=true
                ```

                rewrites this directory and then checks it. Without Maven's test run:

                ```sh
                ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
                java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \\
                     org.zoninghub.dataset.LiaoyuanDatasetGenerator data/liaoyuan
                ```

                `LiaoyuanDatasetTest` regenerates into a temporary directory and requires `units.geojson`, `lists.json`,
                both CSV files and this README to be identical to the committed ones, so a change to the generator must
                be committed together with the regenerated data.

                ## What the generator produced

                """);

        md.append("| category | units | area km² | share % |\n|---|---:|---:|---:|\n");
        Map<Category, double[]> byCategory = new EnumMap<>(Category.class);
        for (Unit u : units) {
            double[] v = byCategory.computeIfAbsent(u.plan().category(), c -> new double[2]);
            v[0]++;
            v[1] += GridGeometry.areaKm2(u.geometry());
        }
        byCategory.forEach((c, v) -> md.append(String.format(
                Locale.ROOT,
                "| %s %s | %d | %.2f | %.2f |%n",
                c.name(),
                c.chineseName(),
                (int) v[0],
                v[1],
                v[1] / total * 100)));
        md.append(String.format(Locale.ROOT, "| total | %d | %.2f | 100.00 |%n%n", units.size(), total));

        md.append("| division | priority | key | general | area km² |\n|---|---:|---:|---:|---:|\n");
        for (Division division : LiaoyuanPlan.DIVISIONS) {
            int[] counts = new int[4];
            double area = 0;
            for (Unit u : units) {
                if (u.plan().division().equals(division.code())) {
                    counts[u.plan().category().digit()]++;
                    area += GridGeometry.areaKm2(u.geometry());
                }
            }
            md.append(String.format(
                    Locale.ROOT,
                    "| %s %s | %d | %d | %d | %.2f |%n",
                    division.code(),
                    division.name(),
                    counts[1],
                    counts[2],
                    counts[3],
                    area));
        }
        md.append('\n');

        md.append("| basin | units | of which in 东丰县 | unit area km² | basin area km² |\n|---|---:|---:|---:|---:|\n");
        for (Basin basin : Basin.LIAOYUAN) {
            List<Unit> in = units.stream().filter(u -> u.basin() == basin).toList();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s %s | %d | %d | %.2f | %.2f |%n",
                    basin.name(),
                    basin.chineseName(),
                    in.size(),
                    in.stream()
                            .filter(u -> u.plan().division().equals(LiaoyuanPlan.DONGFENG))
                            .count(),
                    in.stream()
                            .mapToDouble(u -> GridGeometry.areaKm2(u.geometry()))
                            .sum(),
                    GridGeometry.areaKm2(geometry.basins.get(basin))));
        }
        md.append('\n');

        int[] vertices = units.stream()
                .mapToInt(u -> largestExteriorRing(u.geometry()))
                .sorted()
                .toArray();
        Map<Category, int[]> shapes = new TreeMap<>();
        for (Unit u : units) {
            int[] v = shapes.computeIfAbsent(u.plan().category(), c -> new int[3]);
            v[0] += u.geometry().getNumGeometries() > 1 ? 1 : 0;
            v[1] += holes(u.geometry()) > 0 ? 1 : 0;
            v[2] += u.geometry().getNumPoints();
        }
        md.append(String.format(
                Locale.ROOT,
                "Vertices of each unit's largest exterior ring: min %d, median %d, max %d; city outline %d.%n%n",
                vertices[0],
                vertices[vertices.length / 2],
                vertices[vertices.length - 1],
                geometry.outline.getNumPoints()));
        md.append("| category | units with several parts | units with holes | vertices |\n|---|---:|---:|---:|\n");
        shapes.forEach(
                (c, v) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d |%n", c.name(), v[0], v[1], v[2])));
        return md.toString();
    }

    static int largestExteriorRing(MultiPolygon g) {
        int[] counts = new int[g.getNumGeometries()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = ((Polygon) g.getGeometryN(i)).getExteriorRing().getNumPoints();
        }
        return Arrays.stream(counts).max().orElse(0);
    }

    static int holes(MultiPolygon g) {
        int holes = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            holes += ((Polygon) g.getGeometryN(i)).getNumInteriorRing();
        }
        return holes;
    }
}
