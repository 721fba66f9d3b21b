package org.zoninghub.platform.simulator.national;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.zoninghub.platform.simulator.national.NationalDataset.Unit;
import org.zoninghub.spatial.GaussKruger;
import org.zoninghub.spatial.GeoJsonGeometries;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.ClauseSplitter;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.UnitCodes;

class NationalDatasetTest {

    private static final GeometryFactory GEOMETRIES = new GeometryFactory(new PrecisionModel(), 4490);

    @TempDir
    Path tmp;

    @Test
    void the_same_seed_writes_the_same_bytes_and_another_seed_other_ones() throws IOException {
        NationalDatasetFiles.write(new NationalDataset(7, 300), tmp.resolve("a"), 100);
        NationalDatasetFiles.write(new NationalDataset(7, 300), tmp.resolve("b"), 100);
        NationalDatasetFiles.write(new NationalDataset(8, 300), tmp.resolve("c"), 100);
        List<Path> files = files(tmp.resolve("a"));
        assertThat(files)
                .extracting(p -> tmp.resolve("a").relativize(p).toString())
                .containsExactlyInAnyOrder(
                        "units/page-00001.geojson",
                        "units/page-00002.geojson",
                        "units/page-00003.geojson",
                        "lists.json",
                        "divisions.csv",
                        "basins.csv",
                        "manifest.json");
        for (Path a : files) {
            Path rel = tmp.resolve("a").relativize(a);
            assertThat(Files.readAllBytes(tmp.resolve("b").resolve(rel)))
                    .as(rel.toString())
                    .isEqualTo(Files.readAllBytes(a));
        }
        assertThat(Files.readAllBytes(tmp.resolve("c/units/page-00001.geojson")))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("a/units/page-00001.geojson")));
    }

    @Test
    void a_unit_depends_on_seed_and_index_alone_not_on_the_size() {
        NationalDataset small = new NationalDataset(3, 50);
        NationalDataset large = new NationalDataset(3, 5000);
        for (int i : new int[] {0, 17, 49}) {
            Unit a = small.unit(i);
            Unit b = large.unit(i);
            assertThat(b.code()).isEqualTo(a.code());
            assertThat(b.texts()).isEqualTo(a.texts());
            assertThat(b.geometry(GEOMETRIES).equalsExact(a.geometry(GEOMETRIES)))
                    .isTrue();
        }
    }

    @Test
    void pages_hold_what_the_generator_made_and_chain_by_token() throws IOException {
        NationalDataset dataset = new NationalDataset(1, 250);
        NationalDatasetFiles.write(dataset, tmp, 100);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> features = new ArrayList<>();
        String page = "page-00001.geojson";
        while (page != null) {
            JsonNode fc = json.readTree(tmp.resolve("units").resolve(page).toFile());
            assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
            assertThat(fc.path("snapshotTime").asText()).isEqualTo(NationalDataset.UPDATED);
            fc.path("features").forEach(features::add);
            page = fc.path("nextPageToken").isNull()
                    ? null
                    : fc.path("nextPageToken").asText();
        }
        assertThat(features).hasSize(250);
        for (int i = 0; i < 250; i += 37) {
            Unit u = dataset.unit(i);
            JsonNode p = features.get(i).path("properties");
            assertThat(p.path("HJGKDYBM").asText()).isEqualTo(u.code());
            assertThat(p.path("ZHGKDYFL").asText())
                    .isEqualTo(Integer.toString(u.category().digit()));
            Geometry read = GeoJsonGeometries.read(features.get(i).path("geometry"));
            assertThat(read.getNumPoints()).isEqualTo(u.vertexCount());
            assertThat(read.equalsExact(u.geometry(GEOMETRIES), 1e-9)).isTrue();
        }
        JsonNode lists = json.readTree(tmp.resolve("lists.json").toFile());
        assertThat(lists.path("items")).isNotEmpty();
        List<String> divisionLines = Files.readAllLines(tmp.resolve("divisions.csv"));
        assertThat(divisionLines.get(0)).isEqualTo("code,name");
        assertThat(divisionLines).hasSize(NationalDivisions.get().divisions().size() + 1);
    }

    @Test
    void codes_are_valid_and_unique_with_real_province_prefixes_over_many_provinces() {
        Map<String, String> divisions = new LinkedHashMap<>();
        NationalDivisions.get().divisions().forEach(d -> divisions.put(d.code(), d.name()));
        assertThat(divisions).hasSizeBetween(2_500, 3_200);
        Jurisdiction national = new Jurisdiction(
                "100000", "全国", divisions, Set.of(), NationalDivisions.get().envelope());
        Set<String> realPrefixes = Set.of(
                "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
                "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65");
        NationalDataset dataset = new NationalDataset(1, 400);
        Set<String> codes = new HashSet<>();
        Set<String> provinces = new HashSet<>();
        for (int i = 0; i < dataset.size(); i++) {
            Unit u = dataset.unit(i);
            assertThat(UnitCodes.validate(u.code(), u.category(), national))
                    .as(u.code())
                    .isEmpty();
            assertThat(codes.add(u.code())).as(u.code()).isTrue();
            assertThat(realPrefixes).contains(u.code().substring(2, 4));
            assertThat(u.division().code()).matches("\\d{4}(0[2-5]|[2-9]\\d)");
            provinces.add(u.code().substring(2, 4));
        }
        assertThat(provinces).hasSize(31);
        assertThat(NationalDataset.maxUnits()).isGreaterThanOrEqualTo(NationalDataset.NATIONAL_UNITS);
        assertThatThrownBy(() -> new NationalDataset(1, NationalDataset.maxUnits() + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void geometries_are_valid_multi_part_with_holes_within_the_vertex_range_and_never_overlap() {
        NationalDataset dataset = new NationalDataset(5, 3_000);
        STRtree index = new STRtree();
        List<Geometry> geometries = new ArrayList<>();
        long vertices = 0;
        int multi = 0;
        int withHoles = 0;
        for (int i = 0; i < dataset.size(); i++) {
            Unit u = dataset.unit(i);
            Geometry g = u.geometry(GEOMETRIES);
            assertThat(IsValidOp.isValid(g)).as(u.code()).isTrue();
            assertThat(g.getNumPoints()).isEqualTo(u.vertexCount()).isBetween(50, 2_000);
            assertThat(u.division().cell().contains(g.getEnvelopeInternal())).isTrue();
            vertices += g.getNumPoints();
            multi += g.getNumGeometries() > 1 ? 1 : 0;
            boolean hole = false;
            for (int k = 0; k < g.getNumGeometries(); k++) {
                hole |= ((Polygon) g.getGeometryN(k)).getNumInteriorRing() > 0;
            }
            withHoles += hole ? 1 : 0;
            index.insert(g.getEnvelopeInternal(), geometries.size());
            geometries.add(g);
        }
        double mean = (double) vertices / dataset.size();
        assertThat(mean).isBetween(270.0, 330.0);
        assertThat(multi).isGreaterThan(dataset.size() / 5);
        assertThat(withHoles).isGreaterThan(dataset.size() / 5);
        int pairs = 0;
        for (int a = 0; a < geometries.size(); a++) {
            Geometry g = geometries.get(a);
            Envelope near = g.getEnvelopeInternal();
            near.expandBy(0.07);
            for (Object o : index.query(near)) {
                int b = (Integer) o;
                if (b > a) {
                    pairs++;
                    assertThat(g.intersects(geometries.get(b)))
                            .as(dataset.unit(a).code() + " / " + dataset.unit(b).code())
                            .isFalse();
                }
            }
        }
        // each unit of slot 1 was compared with its neighbour in slot 0 at least, so the check is not vacuous
        assertThat(pairs)
                .isGreaterThanOrEqualTo(
                        dataset.size() - NationalDivisions.get().divisions().size());
    }

    @Test
    void area_shares_by_category_converge_to_the_national_mix() {
        NationalDataset dataset = new NationalDataset(1, 4_000);
        Map<Category, Double> area = new EnumMap<>(Category.class);
        double total = 0;
        for (int i = 0; i < dataset.size(); i++) {
            Unit u = dataset.unit(i);
            double a = GaussKruger.areaM2(u.geometry(GEOMETRIES));
            area.merge(u.category(), a, Double::sum);
            total += a;
        }
        assertThat(area.get(Category.PRIORITY_PROTECTION) / total).isCloseTo(0.544, within(0.015));
        assertThat(area.get(Category.KEY_CONTROL) / total).isCloseTo(0.141, within(0.015));
        assertThat(area.get(Category.GENERAL_CONTROL) / total).isCloseTo(0.315, within(0.015));
    }

    @Test
    void lists_use_every_numbering_style_and_split_into_the_clauses_they_were_made_of() {
        NationalDataset dataset = new NationalDataset(1, 300);
        Set<String> styles = new HashSet<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < dataset.size(); i++) {
            texts.addAll(dataset.unit(i).texts().values());
        }
        dataset.lists().forEach(l -> texts.addAll(l.texts().values()));
        for (String text : texts) {
            String style = styleOf(text);
            styles.add(style);
            int expected = text.contains("\n") ? text.split("\n").length : text.split("；").length;
            assertThat(ClauseSplitter.split(text)).as(text).hasSize(expected);
        }
        assertThat(styles).containsExactlyInAnyOrder("1.", "1．", "１．", "（1）", "(1)", "①", "1、", "unnumbered");
        assertThat(dataset.lists()).extracting(NationalDataset.ListItem::level).contains("市级", "流域");
        assertThat(dataset.lists())
                .filteredOn(l -> l.level().equals("市级"))
                .allSatisfy(l -> assertThat(l.scope()).matches("\\d{4}00"));
        assertThat(dataset.lists()).allSatisfy(l -> assertThat(l.texts()).containsOnlyKeys(Dimension.values()));
    }

    private static String styleOf(String text) {
        for (String marker : List.of("1.", "1．", "１．", "（1）", "(1)", "①", "1、")) {
            if (text.startsWith(marker)) {
                return marker;
            }
        }
        return "unnumbered";
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
