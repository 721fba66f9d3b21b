package org.zoninghub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * A smoke test of {@code bench/run}'s Java part: the whole suite ({@link BenchSuite}: sync, OGC API page, compliance,
 * start-up and memory of a child hub) at a tiny size (the first 50 Liaoyuan units, one repetition, a few checks),
 * without PostGIS (the peers' figures are then null), and the summary over its results. It checks that every result
 * file parses into rows of {@code name, hub, peer, unit, ratio, goal, met}; no figure and no timing is asserted.
 *
 * <p>The suite starts its own hubs (on the embedded servers of this JVM, each in a fresh database, as
 * {@code bench/run} does), so this is no {@code @SpringBootTest}.
 */
class BenchSmokeIT {

    static final List<String> FIELDS = List.of("name", "hub", "peer", "unit", "ratio", "goal", "met");

    @Test
    void theSuiteRunsAtATinySizeAndItsResultsParse() throws Exception {
        Path out = Path.of("target", "bench-smoke");
        FileSystemUtils.deleteRecursively(out);
        new BenchSuite(new BenchSuite.Settings(Path.of("data/liaoyuan"), 50, null, null, 1, 20, 5, 2, out, List.of()))
                .run();

        List<String> names = new ArrayList<>();
        int rows = 0;
        for (String file : List.of("sync", "ogc-page", "compliance-national", "footprint")) {
            assertThat(out.resolve(file + ".md")).isRegularFile();
            assertThat(out.resolve("raw").resolve(file + ".txt")).isRegularFile();
            JsonNode result =
                    BenchResults.JSON.readTree(out.resolve(file + ".json").toFile());
            assertThat(result.isArray()).as(file).isTrue();
            assertThat(result.size()).as(file).isPositive();
            for (JsonNode row : result) {
                assertRow(file, row);
                // no PostGIS here: every hub figure is measured, and no peer's (the incremental syncs' "peer" is the
                // hub's own full sync)
                assertThat(row.get("hub").isNumber()).as("%s: %s", file, row).isTrue();
                assertThat(row.get("peer").isNull())
                        .as("%s: %s", file, row)
                        .isEqualTo(!row.get("name").asText().contains("share of full sync"));
                names.add(row.get("name").asText());
                rows++;
            }
        }
        assertThat(Files.readString(out.resolve("sync.md"))).contains("Size: 50 units");

        String md = BenchSummary.summarise(out, "cores: test");
        JsonNode summary =
                BenchResults.JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.size()).isEqualTo(rows);
        for (JsonNode row : summary) {
            assertRow("summary", row);
        }
        assertThat(summary.findValuesAsText("name")).containsExactlyInAnyOrderElementsOf(names);
        assertThat(md).contains("| name | hub | peer | unit | ratio | goal | met |", "cores: test");
        assertThat(md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| name")))
                .hasSize(rows);
    }

    private static void assertRow(String file, JsonNode row) {
        List<String> fields = new ArrayList<>();
        row.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as(file).containsExactlyElementsOf(FIELDS);
        assertThat(row.get("name").isTextual()).as("%s: %s", file, row).isTrue();
        assertThat(row.get("unit").isTextual()).as("%s: %s", file, row).isTrue();
        for (String number : List.of("hub", "peer", "ratio")) {
            assertThat(row.get(number).isNull() || row.get(number).isNumber())
                    .as("%s: %s", file, row)
                    .isTrue();
        }
        assertThat(row.get("goal").isNull() || row.get("goal").isTextual())
                .as("%s: %s", file, row)
                .isTrue();
        assertThat(row.get("met").isNull() || row.get("met").isBoolean())
                .as("%s: %s", file, row)
                .isTrue();
    }
}
