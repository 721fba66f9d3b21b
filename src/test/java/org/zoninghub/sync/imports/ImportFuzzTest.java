package org.zoninghub.sync.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zoninghub.sync.imports.ImportFixture.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zoninghub.sync.Delivery;
import org.zoninghub.sync.ProvincialMapper;
import org.zoninghub.sync.files.FileDefect;
import org.zoninghub.sync.files.FileImport;
import org.zoninghub.sync.files.FileReaders;
import org.zoninghub.testing.ByteMutations;
import org.zoninghub.zoning.Jurisdiction;

/**
 * A seeded fuzz test of every inbound format: valid GeoJSON, zipped Shapefile, XLSX and CSV files and a provincial
 * page, each mutated 2,000 times with a fixed seed (byte flips, interesting bytes, truncation, duplicated and removed
 * slices; for zips also the same mutations inside one entry, re-zipped, so the mutations reach the parsers behind the
 * zip). Every case must end in a success or a reject whose every defect names its record and reason, never in an
 * exception; reading and mapping one case may allocate at most {@value #MAX_ALLOCATED_MB} MB. The store and topics
 * are not involved here: {@code FileImportsIT} and the bomb tests show a rejected file changes neither.
 */
class ImportFuzzTest {

    static final int CASES = 2_000;
    static final long SEED = 20_261_130L;
    static final long MAX_ALLOCATED_MB = 256;
    static final Jurisdiction LIAOYUAN = Jurisdiction.liaoyuan();
    static final ObjectMapper JSON = new ObjectMapper();

    final FileReaders readers = new FileReaders("2025", null);
    final FileDeliveries deliveries = new FileDeliveries(new ProvincialMapper(LIAOYUAN), LIAOYUAN);
    final ProvincialMapper mapper = new ProvincialMapper(LIAOYUAN);

    @ParameterizedTest
    @ValueSource(strings = {"units.geojson", "units.zip", "unit-lists.xlsx", "unit-lists.csv"})
    void mutatedFilesEndInASuccessOrANamedReject(String name) {
        byte[] valid = golden(name);
        assertThat(readers.read(name, valid).defects())
                .as("the seed file is valid")
                .isEmpty();
        Random random = new Random(SEED ^ name.hashCode());
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = name.endsWith(".zip") || name.endsWith(".xlsx")
                    ? (random.nextBoolean() ? mutate(valid, random) : mutateEntry(valid, random))
                    : mutate(valid, random);
            String label = name + " case " + i;
            FileImport read = allocatingAtMost(label, () -> {
                FileImport r = readers.read(name, input);
                deliveries.map(r, codes -> List.of());
                return r;
            });
            for (FileDefect d : read.defects()) {
                assertThat(d.record()).as(label).isNotBlank();
                assertThat(d.reason()).as(label).isNotBlank();
            }
            rejected += read.isClean() ? 0 : 1;
        }
        // the mutations reach past the first check: some cases read, most are rejected
        assertThat(rejected).as("rejected cases of " + name).isBetween(1, CASES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"units", "lists"})
    void mutatedProvincialPagesEndInADeliveryOrANamedReject(String path) throws IOException {
        JsonNode page = path.equals("units")
                ? JSON.readTree(golden("units.geojson"))
                : JSON.readTree(
                        java.nio.file.Path.of("data/liaoyuan/lists.json").toFile());
        String array = path.equals("units") ? "features" : "items";
        assertThat(page.get(array)).as("the seed page").isNotEmpty();
        byte[] valid = JSON.writeValueAsBytes(page);
        Random random = new Random(SEED ^ path.hashCode());
        for (int i = 0; i < CASES; i++) {
            byte[] input = mutate(valid, random);
            String label = path + " page case " + i;
            allocatingAtMost(label, () -> {
                JsonNode body;
                try {
                    body = JSON.readTree(input);
                } catch (IOException e) {
                    return null; // the client names it: "the body is truncated or not valid JSON"
                }
                if (body == null || !body.path(array).isArray()) {
                    return null; // the client names it: "the response has no … array"
                }
                List<JsonNode> records = new ArrayList<>();
                body.get(array).forEach(records::add);
                Delivery d = path.equals("units")
                        ? mapper.map(records, List.of(), false)
                        : mapper.map(List.of(), records, false);
                d.rejected().forEach(r -> {
                    assertThat(r.record()).as(label).isNotBlank();
                    assertThat(r.reason()).as(label).isNotBlank();
                });
                return d;
            });
        }
    }

    static <T> T allocatingAtMost(String label, java.util.function.Supplier<T> work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        T result = work.get();
        assertThat(threads.getCurrentThreadAllocatedBytes() - before)
                .as("bytes allocated by " + label)
                .isLessThan(MAX_ALLOCATED_MB * 1024 * 1024);
        return result;
    }

    /** One to four byte-level mutations ({@link ByteMutations}). */
    static byte[] mutate(byte[] input, Random random) {
        return ByteMutations.mutate(input, random, INTERESTING, true);
    }

    static final byte[] INTERESTING = {0, (byte) 0xFF, 0x7F, (byte) 0x80, '[', '{', '"', ',', '9', '-', '\n', '*'};

    /** The same mutations inside one entry of a zip, re-zipped (so the parsers behind the zip see them). */
    static byte[] mutateEntry(byte[] zip, Random random) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> names = new ArrayList<>(entries.keySet());
        String victim = names.get(random.nextInt(names.size()));
        entries.put(victim, mutate(entries.get(victim), random));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
