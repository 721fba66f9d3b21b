package org.zoninghub.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The result rows every benchmark of {@code bench/} writes: {@code bench/results/<name>.json} (an array of
 * {@link Row}) and {@code <name>.md} (the same as a Markdown table, with the size and the machine it was measured on).
 */
public final class BenchResults {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchResults() {}

    /**
     * One measure against its peer. {@code hub} and {@code peer} are medians of the repetitions in {@code unit}; the
     * peer is null where there is none (the ratio is then taken against the goal's figure) or where it could not run.
     * {@code ratio} is hub / peer (or hub / goal figure), {@code goal} says what the ratio must be ({@code "≤ 1.0"}),
     * null where the issue sets none, and {@code met} whether it is (null when unknown).
     */
    @JsonPropertyOrder({"name", "hub", "peer", "unit", "ratio", "goal", "met"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Row(String name, Double hub, Double peer, String unit, Double ratio, String goal, Boolean met) {}

    /** What a ratio must be: at most or at least a figure, or nothing (reported only). */
    public record Goal(String text, Double atMost, Double atLeast) {
        static final Goal NONE = new Goal(null, null, null);

        static Goal atMost(double figure) {
            return new Goal("≤ " + figure, figure, null);
        }

        static Goal atLeast(double figure) {
            return new Goal("≥ " + figure, null, figure);
        }

        Boolean met(Double ratio) {
            if (ratio == null || text == null) {
                return null;
            }
            return atMost != null ? ratio <= atMost : ratio >= atLeast;
        }
    }

    /** A row of a hub figure against a peer's (either may be null when it could not be measured). */
    static Row against(String name, Double hub, Double peer, String unit, Goal goal) {
        Double ratio = hub == null || peer == null || peer == 0 ? null : round(hub / peer);
        return new Row(name, round(hub), round(peer), unit, ratio, goal.text(), goal.met(ratio));
    }

    /** A row without a peer: the ratio is the hub's figure over the goal's ({@code ≤ 1.0} when within it). */
    static Row againstGoal(String name, Double hub, String unit, double goalFigure, String goalText) {
        Double ratio = hub == null ? null : round(hub / goalFigure);
        return new Row(
                name, round(hub), null, unit, ratio, "≤ 1.0 (" + goalText + ")", ratio == null ? null : ratio <= 1.0);
    }

    static Double round(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return null;
        }
        double scale = Math.abs(v) >= 100 ? 10 : Math.abs(v) >= 1 ? 1000 : 100000;
        return Math.round(v * scale) / scale;
    }

    static Double median(List<Double> values) {
        double[] v = values.stream()
                .filter(x -> x != null && !x.isNaN())
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        if (v.length == 0) {
            return null;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The p-th percentile (nearest rank) of nanosecond times, in milliseconds. */
    static double percentileMs(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** Writes {@code dir/<name>.json} and {@code dir/<name>.md}. */
    static void write(Path dir, String name, String title, String size, List<Row> rows) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(name + ".json").toFile(), rows);
        Files.writeString(dir.resolve(name + ".md"), "# " + title + "\n\n" + size + "\n\n" + table(rows));
    }

    /** The rows as a Markdown table: name, hub, peer, unit, ratio, goal, met. */
    static String table(List<Row> rows) {
        StringBuilder md = new StringBuilder("| name | hub | peer | unit | ratio | goal | met |\n");
        md.append("|---|---:|---:|---|---:|---|---|\n");
        for (Row r : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s |%n",
                    r.name(),
                    figure(r.hub()),
                    figure(r.peer()),
                    r.unit(),
                    figure(r.ratio()),
                    r.goal() == null ? "–" : r.goal(),
                    r.met() == null ? "–" : r.met() ? "yes" : "**no**"));
        }
        return md.toString();
    }

    static String figure(Double v) {
        if (v == null) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", v.longValue());
        }
        return Math.abs(v) >= 100
                ? String.format(Locale.ROOT, "%,.1f", v)
                : Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%.3f", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
