package org.zoninghub.sync.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.zoninghub.spatial.GeometryHashes;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.UnitVersions;
import org.zoninghub.sync.files.FileReaders;
import org.zoninghub.zoning.Dimension;

/**
 * Files for the import tests, built from the Liaoyuan dataset and the golden fixtures: valid unit files, a unit file
 * with one record per kind of defect, and unit-level lists as CSV.
 */
final class ImportFixture {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The defective records of {@link #defectiveUnits()}: record name → what its reason must mention. */
    static final Map<String, String> UNIT_DEFECTS = new LinkedHashMap<>();

    private ImportFixture() {}

    static List<ObjectNode> datasetFeatures() {
        try {
            JsonNode fc = JSON.readTree(Path.of("data/liaoyuan/units.geojson").toFile());
            List<ObjectNode> features = new ArrayList<>();
            fc.get("features").forEach(f -> features.add((ObjectNode) f));
            return features;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] golden(String name) {
        try (InputStream in = FileReaders.class.getResourceAsStream("golden/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A FeatureCollection of dataset features {@code from} (inclusive) to {@code to} (exclusive). */
    static byte[] units(int from, int to) {
        return collection(datasetFeatures().subList(from, to));
    }

    static byte[] collection(List<ObjectNode> features) {
        ObjectNode fc = JSON.createObjectNode().put("type", "FeatureCollection");
        ArrayNode array = fc.putArray("features");
        features.forEach(array::add);
        try {
            return JSON.writeValueAsBytes(fc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String code(ObjectNode feature) {
        return feature.at("/properties/HJGKDYBM").asText();
    }

    /**
     * A unit file with one valid unit (dataset feature 20) and one record per defect: a malformed code, a category
     * that contradicts the code's digit, a division outside the jurisdiction, a code delivered twice, a
     * self-intersecting polygon, a polygon outside the envelope, projected coordinates without a CRS, an empty list.
     */
    static byte[] defectiveUnits() {
        List<ObjectNode> d = datasetFeatures();
        List<ObjectNode> out = new ArrayList<>();
        out.add(d.get(20).deepCopy());

        ObjectNode badCode = withCode(d.get(21), "ZH220402100A1");
        out.add(badCode);
        UNIT_DEFECTS.put("ZH220402100A1", "'A' at position 12");

        ObjectNode mismatch = d.get(22).deepCopy();
        int digit = code(mismatch).charAt(8) - '0';
        ((ObjectNode) mismatch.get("properties")).put("ZHGKDYFL", digit % 3 + 1);
        out.add(mismatch);
        UNIT_DEFECTS.put(code(mismatch), "category digit " + digit + " means");

        ObjectNode outside = withCode(d.get(23), "ZH22010110001");
        ((ObjectNode) outside.get("properties")).put("ZHGKDYFL", 1);
        out.add(outside);
        UNIT_DEFECTS.put("ZH22010110001", "division 220101 is not a county-level division");

        out.add(d.get(24).deepCopy());
        out.add(d.get(24).deepCopy());
        UNIT_DEFECTS.put(code(d.get(24)), "duplicate code in this delivery (features #5 and #6)");

        ObjectNode bowtie = d.get(25).deepCopy();
        bowtie.set("geometry", polygon(new double[][] {{125.5, 42.5}, {125.6, 42.6}, {125.6, 42.5}, {125.5, 42.6}}));
        out.add(bowtie);
        UNIT_DEFECTS.put(code(bowtie), "Self-intersection at");

        ObjectNode far = d.get(26).deepCopy();
        far.set("geometry", polygon(new double[][] {{116.3, 39.9}, {116.4, 39.9}, {116.4, 40.0}, {116.3, 40.0}}));
        out.add(far);
        UNIT_DEFECTS.put(code(far), "is not inside the envelope of");

        ObjectNode projected = d.get(27).deepCopy();
        projected.set("geometry", polygon(new double[][] {
            {42500000, 4750000}, {42501000, 4750000}, {42501000, 4751000}, {42500000, 4751000}
        }));
        out.add(projected);
        UNIT_DEFECTS.put(code(projected), "coordinates look projected");

        ObjectNode empty = d.get(28).deepCopy();
        ((ObjectNode) empty.get("properties")).put("KJBJYS", "");
        out.add(empty);
        UNIT_DEFECTS.put(code(empty), "empty list: KJBJYS");
        return collection(out);
    }

    /** The valid unit of {@link #defectiveUnits()}. */
    static String validCodeOfDefectiveUnits() {
        return code(datasetFeatures().get(20));
    }

    private static ObjectNode withCode(ObjectNode feature, String code) {
        ObjectNode copy = feature.deepCopy();
        copy.put("id", code);
        ((ObjectNode) copy.get("properties")).put("HJGKDYBM", code);
        return copy;
    }

    private static ObjectNode polygon(double[][] ring) {
        ObjectNode g = JSON.createObjectNode().put("type", "Polygon");
        ArrayNode coordinates = g.putArray("coordinates").addArray();
        for (double[] c : ring) {
            coordinates.addArray().add(c[0]).add(c[1]);
        }
        coordinates.addArray().add(ring[0][0]).add(ring[0][1]);
        return g;
    }

    /** A unit-level list CSV (UTF-8) of the given features' properties, with the given changes per row. */
    static byte[] unitListCsv(List<ObjectNode> features) {
        StringBuilder csv = new StringBuilder("环境管控单元编码,环境管控单元名称,省,市,区县,管控单元分类,空间布局约束,污染物排放管控,环境风险防控,资源开发效率要求\r\n");
        for (ObjectNode f : features) {
            JsonNode p = f.get("properties");
            List<String> cells = new ArrayList<>();
            for (String field : new String[] {"HJGKDYBM", "HJGKDYMC", "PROV", "CITY", "AREA", "ZHGKDYFL"}) {
                cells.add(p.path(field).asText(""));
            }
            for (Dimension d : Dimension.values()) {
                cells.add(p.path(d.fieldCode()).asText(""));
            }
            csv.append(String.join(
                            ",",
                            cells.stream()
                                    .map(c -> "\"" + c.replace("\"", "\"\"") + "\"")
                                    .toList()))
                    .append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a file into a directory as another program would: under a temporary name, then renamed. */
    static Path drop(Path inbox, String name, byte[] content) {
        try {
            Files.createDirectories(inbox);
            Path partial = inbox.resolve("." + name + ".part");
            Files.write(partial, content);
            return Files.move(partial, inbox.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties the canonical store, the outbox and the runs, so that a test starts from an empty hub. */
    static void truncate(JdbcTemplate jdbc) {
        jdbc.execute(
                "truncate unit_version, rule_version, outbox, event_sequence, edition, quarantine, sync_run cascade");
    }

    /** The canonical units: everything but bookkeeping (versions' record times and runs). */
    static Map<String, List<Object>> storedUnits(JdbcTemplate jdbc, UnitVersions units) {
        List<String> codes = jdbc.queryForList("select distinct code from unit_version order by code", String.class);
        Map<String, List<Object>> out = new TreeMap<>();
        for (StoredUnit u : units.latest(codes)) {
            out.put(
                    u.code(),
                    List.of(
                            u.version(),
                            u.edition(),
                            u.name(),
                            u.category(),
                            u.divisionCode(),
                            u.basins(),
                            u.status(),
                            GeometryHashes.sha256(u.geometry()),
                            Math.round(u.areaM2() * 100) / 100.0,
                            u.contentHash(),
                            u.validFrom().toInstant()));
        }
        return out;
    }

    /** Every stored rule version, in rule and version order, without its record time. */
    static List<Map<String, Object>> storedRules(JdbcTemplate jdbc) {
        return jdbc.queryForList("select rule_id, version, edition, level, scope_code, dimension, seq, text,"
                + " source_text, status, content_hash, valid_from from rule_version order by rule_id, version");
    }
}
