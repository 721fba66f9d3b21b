package org.zoninghub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.zoninghub.bench.BenchResults.Row;

/**
 * Gathers every {@code <name>.json} of a results directory (the suite's and those the relay and takeover scripts
 * write) into {@code summary.json} and {@code summary.md} (with the machine's description), and prints the table.
 * Not a test. Arguments: {@code resultsDir [machineFile]}.
 */
public final class BenchSummary {

    /** The order of the table; any other result file follows, by name. */
    static final List<String> ORDER =
            List.of("sync", "compliance-national", "ogc-page", "relay", "takeover", "footprint");

    private BenchSummary() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/results");
        String machine = args.length > 1 ? Files.readString(Path.of(args[1])).strip() : "";
        System.out.print(summarise(dir, machine));
    }

    /** Writes {@code summary.json} and {@code summary.md} in {@code dir}; returns the Markdown. */
    static String summarise(Path dir, String machine) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("summary.json"))
                    .sorted((a, b) ->
                            Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b)) : a.compareTo(b))
                    .toList();
        }
        List<Row> rows = new ArrayList<>();
        StringBuilder sizes = new StringBuilder();
        for (Path file : files) {
            for (JsonNode r : BenchResults.JSON.readTree(file.toFile())) {
                rows.add(new Row(
                        r.path("name").asText(),
                        number(r.get("hub")),
                        number(r.get("peer")),
                        r.path("unit").asText(),
                        number(r.get("ratio")),
                        r.hasNonNull("goal") ? r.get("goal").asText() : null,
                        r.hasNonNull("met") ? r.get("met").asBoolean() : null));
            }
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            Path md = dir.resolve(name + ".md");
            if (Files.isRegularFile(md)) {
                Files.readAllLines(md).stream()
                        .filter(l -> l.startsWith("Size:") || l.startsWith("N ="))
                        .findFirst()
                        .ifPresent(l -> sizes.append("- `")
                                .append(name)
                                .append("`: ")
                                .append(l)
                                .append('\n'));
            }
        }
        BenchResults.JSON.writeValue(dir.resolve("summary.json").toFile(), rows);
        String[] sizeLines = sizes.toString().split("\n");
        String common = sizeLines[0].replaceFirst("^- `[^`]*`: ", "");
        if (sizeLines.length > 1 && sizes.toString().lines().allMatch(l -> l.endsWith(": " + common))) {
            sizes.setLength(0);
            sizes.append(common).append('\n');
        }
        String md = "# Benchmarks: hub against its peers\n\n"
                + (machine.isEmpty() ? "" : "```\n" + machine + "\n```\n\n")
                + (sizes.isEmpty() ? "" : sizes + "\n")
                + BenchResults.table(rows);
        Files.writeString(dir.resolve("summary.md"), md);
        return md;
    }

    private static int rank(Path file) {
        int i = ORDER.indexOf(file.getFileName().toString().replaceFirst("\\.json$", ""));
        return i < 0 ? ORDER.size() : i;
    }

    private static Double number(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }
}
