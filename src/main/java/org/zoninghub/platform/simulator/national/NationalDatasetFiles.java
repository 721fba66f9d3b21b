package org.zoninghub.platform.simulator.national;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.zoninghub.platform.simulator.national.NationalDataset.ListItem;
import org.zoninghub.platform.simulator.national.NationalDataset.Unit;
import org.zoninghub.platform.simulator.national.NationalDivisions.Division;
import org.zoninghub.zoning.Category;

/**
 * Writes a {@link NationalDataset} as files, streaming (one unit in memory at a time):
 *
 * <ul>
 *   <li>{@code units/page-00001.geojson} …: FeatureCollections of {@code pageSize} units in the provincial API's
 *       shape, each with {@code nextPageToken} (the next page's file name, null on the last) and {@code snapshotTime};
 *   <li>{@code lists.json}: the city-level (prefecture) and basin lists, {@code {"items": […]}};
 *   <li>{@code divisions.csv}: {@code code,name} of every division of the national set, for
 *       {@code zoning.jurisdiction.divisions-file}; {@code basins.csv}: {@code code,name} of its basins;
 *   <li>{@code manifest.json}: seed, size, units and vertices per category, envelope.
 * </ul>
 */
public final class NationalDatasetFiles {

    private static final JsonFactory JSON = new JsonFactory();

    private NationalDatasetFiles() {}

    /** What was written: units per category, vertices in all. */
    public record Summary(Map<Category, Integer> units, long vertices, int pages) {}

    public static Summary write(NationalDataset dataset, Path dir, int pageSize) throws IOException {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be at least 1, got " + pageSize);
        }
        Path unitsDir = dir.resolve("units");
        Files.createDirectories(unitsDir);
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            counts.put(c, 0);
        }
        long vertices = 0;
        int pages = (dataset.size() + pageSize - 1) / pageSize;
        for (int page = 0; page < pages; page++) {
            try (OutputStream out = Files.newOutputStream(unitsDir.resolve(pageName(page)));
                    JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeStringField("type", "FeatureCollection");
                g.writeArrayFieldStart("features");
                for (int i = page * pageSize; i < Math.min(dataset.size(), (page + 1) * pageSize); i++) {
                    Unit u = dataset.unit(i);
                    counts.merge(u.category(), 1, Integer::sum);
                    vertices += u.vertexCount();
                    dataset.writeFeature(g, u);
                    g.writeRaw('\n');
                }
                g.writeEndArray();
                g.writeStringField("nextPageToken", page + 1 < pages ? pageName(page + 1) : null);
                g.writeStringField("snapshotTime", NationalDataset.UPDATED);
                g.writeEndObject();
            }
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("lists.json"));
                JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("items");
            for (ListItem item : dataset.lists()) {
                NationalDataset.writeList(g, item);
                g.writeRaw('\n');
            }
            g.writeEndArray();
            g.writeNullField("nextPageToken");
            g.writeStringField("snapshotTime", NationalDataset.UPDATED);
            g.writeEndObject();
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("divisions.csv"), StandardCharsets.UTF_8)) {
            w.write("code,name\n");
            for (Division d : NationalDivisions.get().divisions()) {
                w.write(d.code() + "," + d.name() + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("basins.csv"), StandardCharsets.UTF_8)) {
            w.write("code,name\n");
            for (Map.Entry<String, String> b : NationalDivisions.BASINS.entrySet()) {
                w.write(b.getKey() + "," + b.getValue() + "\n");
            }
        }
        var env = NationalDivisions.get().envelope();
        try (OutputStream out = Files.newOutputStream(dir.resolve("manifest.json"));
                JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("seed", dataset.seed());
            g.writeNumberField("units", dataset.size());
            g.writeNumberField("pageSize", pageSize);
            g.writeNumberField("pages", pages);
            g.writeNumberField("vertices", vertices);
            g.writeObjectFieldStart("unitsByCategory");
            for (Category c : Category.values()) {
                g.writeNumberField(c.name(), counts.get(c));
            }
            g.writeEndObject();
            g.writeNumberField("divisions", NationalDivisions.get().divisions().size());
            g.writeArrayFieldStart("envelope");
            g.writeNumber(env.getMinX());
            g.writeNumber(env.getMinY());
            g.writeNumber(env.getMaxX());
            g.writeNumber(env.getMaxY());
            g.writeEndArray();
            g.writeEndObject();
        }
        return new Summary(counts, vertices, pages);
    }

    static String pageName(int page) {
        return String.format(Locale.ROOT, "page-%05d.geojson", page + 1);
    }

    /**
     * {@code java -cp … org.zoninghub.platform.simulator.national.NationalDatasetFiles <dir> [units] [seed]
     * [pageSize]}: writes the national dataset (default 44,604 units, seed 1, pages of 1,000) to a directory.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 4) {
            System.err.println("usage: NationalDatasetFiles <dir> [units=" + NationalDataset.NATIONAL_UNITS
                    + "] [seed=1] [pageSize=1000]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int units = args.length > 1 ? Integer.parseInt(args[1]) : NationalDataset.NATIONAL_UNITS;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1L;
        int pageSize = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        long start = System.nanoTime();
        Summary s = write(new NationalDataset(seed, units), dir, pageSize);
        System.out.printf(
                Locale.ROOT,
                "wrote %d units (%s), %d vertices, %d pages to %s in %.1f s%n",
                units,
                s.units(),
                s.vertices(),
                s.pages(),
                dir.toAbsolutePath(),
                (System.nanoTime() - start) / 1e9);
    }
}
