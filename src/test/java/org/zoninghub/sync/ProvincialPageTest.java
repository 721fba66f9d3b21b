package org.zoninghub.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.zoninghub.testing.ByteMutations;

/**
 * A page read in one streaming pass gives what the page read into a tree gave: each record, kept as its own bytes of
 * the page, reads back as its tree; the same keys, {@code snapshotTime} and {@code nextPageToken}; the same exception
 * where the body is not valid JSON, wherever in the body that is; nothing where the body is no JSON object.
 */
class ProvincialPageTest {

    static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    /** What the client takes from a page: its records as trees, their keys, its snapshot time and next token. */
    record Taken(List<JsonNode> records, List<String> keys, String snapshotTime, String nextPageToken) {}

    /** What the client took from a page when it read the page into a tree (the records as the tree's elements). */
    static Optional<Taken> asTree(ObjectMapper json, String path, String arrayField, byte[] body) throws IOException {
        JsonNode page = json.readTree(body);
        if (page == null || !page.isObject()) {
            return Optional.empty();
        }
        JsonNode array = page.get(arrayField);
        List<JsonNode> records = null;
        List<String> keys = null;
        if (array != null && array.isArray()) {
            records = new ArrayList<>();
            keys = new ArrayList<>();
            for (JsonNode record : array) {
                records.add(record);
                keys.add(treeKey(path, record));
            }
        }
        String snapshot =
                page.hasNonNull("snapshotTime") ? page.get("snapshotTime").asText() : null;
        JsonNode next = page.get("nextPageToken");
        return Optional.of(new Taken(records, keys, snapshot, next == null || next.isNull() ? null : next.asText()));
    }

    /** The key the client took from a record's tree. */
    static String treeKey(String path, JsonNode record) {
        if (path.equals("units")) {
            String code = ProvincialMapper.text(record.path("properties"), ProvincialMapper.CODE);
            return code != null ? code : ProvincialMapper.text(record, "id");
        }
        return ProvincialMapper.text(record, ProvincialMapper.SCOPE);
    }

    /** What the client takes from a page read in one pass, its records kept and read back by CompactRecords. */
    static Optional<Taken> streamed(ObjectMapper json, String path, String arrayField, byte[] body) throws IOException {
        return ProvincialPage.read(json, path, arrayField, body).map(page -> {
            if (page.records() == null) {
                return new Taken(null, null, page.snapshotTime(), page.nextPageToken());
            }
            CompactRecords records = new CompactRecords(json);
            List<String> keys = new ArrayList<>();
            for (ProvincialPage.Slice r : page.records()) {
                records.appendRaw(page.body(), r.from(), r.to());
                keys.add(r.key());
            }
            return new Taken(new ArrayList<>(records), keys, page.snapshotTime(), page.nextPageToken());
        });
    }

    static Optional<Taken> assertReadAsTree(String path, String arrayField, byte[] body, String label) {
        return assertReadAsTree(JSON, path, arrayField, body, label);
    }

    /** Asserts the pass takes from the body what the tree took, or fails as the tree read failed; returns it. */
    static Optional<Taken> assertReadAsTree(
            ObjectMapper json, String path, String arrayField, byte[] body, String label) {
        Optional<Taken> expected = null;
        IOException expectedFailure = null;
        try {
            expected = asTree(json, path, arrayField, body);
        } catch (IOException e) {
            expectedFailure = e;
        }
        Optional<Taken> actual = null;
        IOException actualFailure = null;
        try {
            actual = streamed(json, path, arrayField, body);
        } catch (IOException e) {
            actualFailure = e;
        }
        if (expectedFailure != null) {
            assertThat(actualFailure)
                    .as("%s: fails as the tree read fails", label)
                    .isNotNull()
                    .hasSameClassAs(expectedFailure)
                    .hasMessage(expectedFailure.getMessage());
            return null;
        }
        assertThat(actualFailure).as("%s: reads as the tree read", label).isNull();
        assertThat(actual).as(label).isEqualTo(expected);
        return actual;
    }

    @Test
    void eachRecordIsKeptAsItsOwnBytesOfThePageAndReadsBackAsItsTree() throws IOException {
        List<String> records = List.of(
                """
                {"type": "Feature", "id": "ZH22040210001",
                    "properties": {"HJGKDYBM": "ZH22040210001", "HJGKDYMC": "龙山区杨木水库 \\u9f99 é 𝄞", "area": 125.12345678901234},
                    "geometry": {"type": "Polygon", "coordinates": [[[125.1, 42.9], [125.12345678901234, 42.95, 0], [125.2, 42.9], [125.1, 42.9]]]}}""",
                "{\"id\": \"ZH2\", \"a\": 1, \"a\": {\"b\": [true, null, -0.0, 1e-7, 12345678901234567890, [[], [[]]]]}}",
                "[1, [2, []], {}]",
                "\"a record that is a string \\\"quoted\\\"\"",
                "-12.5e3",
                "null");
        String page = "{\"type\": \"FeatureCollection\",\n  \"features\": [\n    " + String.join(" ,\n    ", records)
                + "\n  ],\n  \"nextPageToken\": null}\n";
        byte[] body = page.getBytes(UTF_8);

        ProvincialPage read =
                ProvincialPage.read(JSON, "units", "features", body).orElseThrow();

        JsonNode tree = JSON.readTree(body).get("features");
        assertThat(read.records()).hasSize(records.size());
        CompactRecords kept = new CompactRecords(JSON);
        for (int i = 0; i < records.size(); i++) {
            ProvincialPage.Slice r = read.records().get(i);
            assertThat(Arrays.copyOfRange(body, r.from(), r.to()))
                    .as("record %d, its bytes", i)
                    .isEqualTo(records.get(i).getBytes(UTF_8));
            kept.appendRaw(body, r.from(), r.to());
            assertThat(kept.get(i))
                    .as("record %d, read back", i)
                    .isEqualTo(tree.get(i))
                    .as("record %d, as the text written from its tree read", i)
                    .isEqualTo(JSON.readTree(JSON.writeValueAsBytes(tree.get(i))));
        }
        assertThat(kept.get(0).at("/properties/area").doubleValue()).isEqualTo(125.12345678901234);
        assertThat(kept.get(0).at("/geometry/coordinates/0/1/0").doubleValue()).isEqualTo(125.12345678901234);
        assertThat(kept.get(0).at("/properties/HJGKDYMC").asText()).isEqualTo("龙山区杨木水库 龙 é 𝄞");
        assertThat(kept.get(1).get("a").isObject())
                .as("the last of a duplicate member")
                .isTrue();
        assertThat(read.records())
                .extracting(ProvincialPage.Slice::key)
                .containsExactly("ZH22040210001", "ZH2", null, null, null, null);
        assertReadAsTree("units", "features", body, "the page");
    }

    @Test
    void aUnitsKeyIsItsCodeElseItsIdAsTheTreeGaveItForOddRecords() {
        List<String> records = List.of(
                "{\"properties\": {\"HJGKDYBM\": \"ZH1\"}, \"id\": \"X\"}",
                "{\"id\": \"ZH2\"}",
                "{\"properties\": null, \"id\": \"ZH3\"}",
                "{\"properties\": \"HJGKDYBM\", \"id\": 4}",
                "{\"properties\": [{\"HJGKDYBM\": \"ZH\"}], \"id\": 4.50}",
                "{\"properties\": {\"HJGKDYBM\": 22040210001}}",
                "{\"properties\": {\"HJGKDYBM\": 125.12345678901234}}",
                "{\"properties\": {\"HJGKDYBM\": 1e2}}",
                "{\"properties\": {\"HJGKDYBM\": -0}}",
                "{\"properties\": {\"HJGKDYBM\": 123456789012345678901234567890}}",
                "{\"properties\": {\"HJGKDYBM\": true}, \"id\": \"X\"}",
                "{\"properties\": {\"HJGKDYBM\": null}, \"id\": \"ZH5\"}",
                "{\"properties\": {\"HJGKDYBM\": {\"HJGKDYBM\": \"ZH\"}}, \"id\": \"X\"}",
                "{\"properties\": {\"HJGKDYBM\": []}}",
                "{\"properties\": {\"HJGKDYBM\": \"first\", \"HJGKDYBM\": \"last\"}}",
                "{\"properties\": {\"HJGKDYBM\": \"first\", \"HJGKDYBM\": null}, \"id\": \"ZH6\"}",
                "{\"properties\": {\"HJGKDYBM\": \"gone\"}, \"properties\": {\"other\": 1}, \"id\": \"ZH7\"}",
                "{\"properties\": {\"HJGKDYBM\": \"gone\"}, \"properties\": 3, \"id\": \"ZH8\"}",
                "{\"properties\": {\"nested\": {\"HJGKDYBM\": \"deep\"}}, \"id\": \"ZH9\"}",
                "{\"HJGKDYBM\": \"top\", \"id\": null}",
                "{\"id\": \"first\", \"id\": \"last\"}",
                "{\"id\": {\"id\": \"ZH\"}}",
                "{\"properties\": {\"HJGKDYBM\": \"ZH\\u0031\\n\\\"é\\\"\"}}",
                "{}",
                "42",
                "\"ZH10\"",
                "[{\"properties\": {\"HJGKDYBM\": \"ZH11\"}}]",
                "null",
                "true");
        byte[] body = ("{\"features\": [" + String.join(", ", records) + "]}").getBytes(UTF_8);

        Taken taken = assertReadAsTree("units", "features", body, "odd units").orElseThrow();

        assertThat(taken.keys())
                .containsExactly(
                        "ZH1",
                        "ZH2",
                        "ZH3",
                        "4",
                        "4.5",
                        "22040210001",
                        "125.12345678901234",
                        "100.0",
                        "0",
                        "123456789012345678901234567890",
                        "true",
                        "ZH5",
                        "",
                        "",
                        "last",
                        "ZH6",
                        "ZH7",
                        "ZH8",
                        "ZH9",
                        null,
                        "last",
                        "",
                        "ZH1\n\"é\"",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
    }

    @Test
    void aListsKeyIsItsScopeAsTheTreeGaveItForOddRecords() {
        List<String> records = List.of(
                "{\"SYDXBM\": \"220400\", \"SYDXMC\": \"辽源市\"}",
                "{\"SYDXBM\": 220400}",
                "{\"SYDXBM\": 2.204e5}",
                "{\"SYDXBM\": null}",
                "{\"SYDXBM\": {\"SYDXBM\": \"220400\"}}",
                "{\"SYDXBM\": \"first\", \"SYDXBM\": \"last\"}",
                "{\"properties\": {\"SYDXBM\": \"220400\", \"HJGKDYBM\": \"ZH\"}, \"id\": \"220400\"}",
                "{}",
                "\"220400\"",
                "[]",
                "1");
        byte[] body = ("{\"items\": [" + String.join(",", records) + "], \"nextPageToken\": \"p2\"}").getBytes(UTF_8);

        Taken taken = assertReadAsTree("lists", "items", body, "odd lists").orElseThrow();

        assertThat(taken.keys())
                .containsExactly("220400", "220400", "220400.0", null, "", "last", null, null, null, null, null);
        assertThat(taken.nextPageToken()).isEqualTo("p2");
    }

    @Test
    void theSnapshotTimeAndNextPageTokenAreTakenAsTheTreeGaveThemAndOtherMembersAreSkipped() {
        Taken taken = assertReadAsTree(
                        "units",
                        "features",
                        ("{\"nextPageToken\": 12, \"snapshotTime\": \"2026-03-01T10:00:00+08:00\","
                                        + " \"features\": [{\"id\": \"a\"}],"
                                        + " \"extra\": {\"s\": [\"x\", {\"features\": [\"y\"], \"id\": \"z\"}]},"
                                        + " \"nextPageToken\": 1.5e3}")
                                .getBytes(UTF_8),
                        "scalars")
                .orElseThrow();
        assertThat(taken.keys()).containsExactly("a");
        assertThat(taken.snapshotTime()).isEqualTo("2026-03-01T10:00:00+08:00");
        assertThat(taken.nextPageToken())
                .as("the last of the two, a number's text")
                .isEqualTo("1500.0");

        for (String body : List.of(
                "{\"features\": [], \"snapshotTime\": null, \"nextPageToken\": null}",
                "{\"features\": [], \"snapshotTime\": true, \"nextPageToken\": {\"p\": 2}}",
                "{\"features\": [], \"snapshotTime\": [\"2026\"], \"nextPageToken\": \"\"}",
                "{\"features\": [], \"nextPageToken\": \"p2\", \"nextPageToken\": null}",
                "{\"features\": [{\"id\": \"a\"}], \"features\": [{\"id\": \"b\"}, {\"id\": \"c\"}]}",
                "{\"features\": [{\"id\": \"a\"}], \"features\": {\"id\": \"b\"}}",
                "{\"features\": \"[]\"}",
                "{\"features\": null, \"nextPageToken\": \"p2\"}",
                "{\"type\": \"FeatureCollection\"}",
                "{}")) {
            assertReadAsTree("units", "features", body.getBytes(UTF_8), body);
        }
        assertThat(assertReadAsTree(
                                "units",
                                "features",
                                "{\"features\": [{\"id\": \"a\"}], \"features\": [{\"id\": \"b\"}]}".getBytes(UTF_8),
                                "twice")
                        .orElseThrow()
                        .keys())
                .as("the last of two arrays")
                .containsExactly("b");
        assertThat(assertReadAsTree(
                                "units",
                                "features",
                                "{\"features\": [{\"id\": \"a\"}], \"features\": 1}".getBytes(UTF_8),
                                "then not an array")
                        .orElseThrow()
                        .records())
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n", "null", "[1, 2]", "[{\"features\": []}]", "\"page\"", "42", "true"})
    void aBodyThatIsNoJsonObjectIsNoPage(String body) throws IOException {
        assertThat(ProvincialPage.read(JSON, "units", "features", body.getBytes(UTF_8)))
                .isEmpty();
        assertReadAsTree("units", "features", body.getBytes(UTF_8), body);
    }

    @Test
    void aBodyBrokenAnywhereFailsAsTheTreeReadFailedBeforeItsShapeIsLookedAt() {
        byte[] whole = page(10);
        List<byte[]> broken = new ArrayList<>(List.of(
                Arrays.copyOf(whole, whole.length / 2),
                Arrays.copyOf(whole, whole.length - 1),
                "<html><body>502 Bad Gateway</body></html>".getBytes(UTF_8),
                "{\"features\": [], \"nextPageToken\": \"p2".getBytes(UTF_8),
                "{\"features\": [1, 2}".getBytes(UTF_8),
                "{\"features\": [], \"a\": 1 \"b\": 2}".getBytes(UTF_8),
                "{\"features\": [{\"id\": \"a\",}]}".getBytes(UTF_8),
                "{\"features\": [], \"n\": 01}".getBytes(UTF_8),
                "{\"features\": [], \"n\": NaN}".getBytes(UTF_8),
                "{\"features\": [], \"n\": 1.}".getBytes(UTF_8),
                "{\"features\": [\"a\u0001b\"]}".getBytes(UTF_8),
                "{\"features\": \"not an array\", \"extra\": \"bad \\x escape\"}".getBytes(UTF_8),
                "{\"type\": \"FeatureCollection\", \"extra\": [{\"s\": \"\\u00zz\"}]}".getBytes(UTF_8),
                "{\"features\": [{\"properties\": {\"HJGKDYBM\": \"ZH\\q\"}}]}".getBytes(UTF_8),
                "{\"features\": [], \"nextPageToken\": tru}".getBytes(UTF_8),
                "{\"features\": [] ".getBytes(UTF_8)));
        broken.add(withBytes("{\"features\": [{\"id\": \"a\"}], \"extra\": {\"s\": \"", 0xC3, 0x28, "\"}}"));
        broken.add(withBytes("{\"features\": [{\"geometry\": {\"type\": \"", 0xE9, 0x99, 0x41, "\"}}]}"));
        broken.add(withBytes("{\"features\": [{\"id\": \"", 0xF0, 0x9D, 0x84, "\"}]}"));
        broken.add(withBytes("{\"features\": [\"", 0xFF, "\"]}"));
        for (byte[] body : broken) {
            String label = new String(body, 0, Math.min(body.length, 80), UTF_8);
            assertThatTheTreeReadFails(JSON, body, label);
            assertReadAsTree("units", "features", body, label);
        }
    }

    @Test
    void theMappersReadConstraintsHoldForTheWholeBody() {
        ObjectMapper strict = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(16)
                        .maxNestingDepth(4)
                        .maxNumberLength(8)
                        .build())
                .build());
        for (String body : List.of(
                "{\"features\": [{\"id\": \"a\"}], \"extra\": \"a string longer than sixteen\"}",
                "{\"features\": [{\"properties\": {\"HJGKDYMC\": \"a string longer than sixteen\"}}]}",
                "{\"features\": [{\"geometry\": {\"coordinates\": [[1]]}}]}",
                "{\"features\": [{\"id\": 1234567890123}]}",
                "{\"features\": [{\"id\": \"short\"}], \"n\": 1.234567890123}")) {
            assertThatTheTreeReadFails(strict, body.getBytes(UTF_8), body);
            assertReadAsTree(strict, "units", "features", body.getBytes(UTF_8), body);
        }
    }

    @Test
    void whatFollowsThePagesObjectIsNotReadAsTheTreeReadDidNotReadIt() {
        for (String body : List.of(
                "{\"features\": [{\"id\": \"a\"}]} <html>",
                "{\"features\": [{\"id\": \"a\"}]}}",
                "{\"features\": [{\"id\": \"a\"}]}{\"features\": [{\"id\": \"b\"}]}",
                "{\"features\": [{\"id\": \"a\"}]}\n{\"id\": \"\\q")) {
            assertThat(assertReadAsTree("units", "features", body.getBytes(UTF_8), body)
                            .orElseThrow()
                            .keys())
                    .containsExactly("a");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8 with a byte order mark", "UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE"})
    void aPageInAnotherUnicodeEncodingReadsAsItsTree(String encoding) {
        String text =
                "{\"features\": [{\"id\": \"a\", \"properties\": {\"HJGKDYBM\": \"ZH1\", \"HJGKDYMC\": \"辽源 𝄞\"},"
                        + " \"geometry\": {\"coordinates\": [125.12345678901234, 1e-7]}}, 42, {\"id\": 7}],"
                        + " \"snapshotTime\": \"2026-03-01T10:00:00+08:00\"}";
        byte[] body = encoding.startsWith("UTF-8")
                ? withBytes("", 0xEF, 0xBB, 0xBF, text)
                : text.getBytes(Charset.forName(encoding));
        Taken taken = assertReadAsTree("units", "features", body, encoding).orElseThrow();
        assertThat(taken.keys()).containsExactly("ZH1", null, "7");
        assertThat(taken.records().get(0).at("/properties/HJGKDYMC").asText()).isEqualTo("辽源 𝄞");
    }

    @Test
    void theDatasetsPagesReadAsTheirTrees() throws IOException {
        byte[] units = Files.readAllBytes(Path.of("data/liaoyuan/units.geojson"));
        Taken taken =
                assertReadAsTree("units", "features", units, "units.geojson").orElseThrow();
        assertThat(taken.keys()).hasSizeGreaterThan(50).doesNotContainNull();
        byte[] lists = Files.readAllBytes(Path.of("data/liaoyuan/lists.json"));
        assertThat(assertReadAsTree("lists", "items", lists, "lists.json")
                        .orElseThrow()
                        .keys())
                .isNotEmpty()
                .doesNotContainNull();
    }

    /**
     * Seeded mutations of a page of units and a page of lists (byte flips, interesting bytes, truncation, duplicated
     * and removed slices): each reads as its tree or fails as the tree read fails.
     */
    @ParameterizedTest
    @ValueSource(strings = {"units", "lists"})
    void mutatedPagesReadAsTheirTreesOrFailAsTheTreeReadFails(String path) throws IOException {
        byte[] valid = path.equals("units")
                ? golden("units.geojson")
                : Files.readAllBytes(Path.of("data/liaoyuan/lists.json"));
        String arrayField = path.equals("units") ? "features" : "items";
        Random random = new Random(20_261_201L ^ path.hashCode());
        int read = 0;
        for (int i = 0; i < 3_000; i++) {
            read += assertReadAsTree(path, arrayField, mutate(valid, random), path + " case " + i) != null ? 1 : 0;
        }
        assertThat(read).as("cases that read").isBetween(1, 2_999);
    }

    static void assertThatTheTreeReadFails(ObjectMapper json, byte[] body, String label) {
        try {
            json.readTree(body);
        } catch (JsonProcessingException e) {
            return;
        } catch (IOException e) {
            throw new AssertionError(label, e);
        }
        throw new AssertionError(label + ": the tree read does not fail");
    }

    /** A page of {@code n} units of the dataset, with a snapshot time and a next page token. */
    static byte[] page(int n) {
        try {
            JsonNode units =
                    JSON.readTree(Path.of("data/liaoyuan/units.geojson").toFile());
            var page = JSON.createObjectNode().put("type", "FeatureCollection");
            var features = page.putArray("features");
            for (int i = 0; i < n; i++) {
                features.add(units.get("features").get(i));
            }
            page.put("snapshotTime", "2026-03-01T10:00:00+08:00").put("nextPageToken", "p2");
            return JSON.writeValueAsBytes(page);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] golden(String name) throws IOException {
        try (InputStream in = ProvincialPageTest.class.getResourceAsStream("files/golden/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        }
    }

    /** Text and single bytes, in order. */
    static byte[] withBytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    /** One to four byte-level mutations ({@link ByteMutations}). */
    static byte[] mutate(byte[] input, Random random) {
        return ByteMutations.mutate(input, random, INTERESTING, false);
    }

    static final byte[] INTERESTING = {
        0, (byte) 0xFF, (byte) 0xC3, (byte) 0x80, '[', ']', '{', '}', '"', ',', ':', '9', '-', 'e', '.', '\\', '\n'
    };
}
