package org.zoninghub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.zoninghub.spatial.GaussKruger;
import org.zoninghub.spatial.GeoJsonGeometries;
import org.zoninghub.spatial.Geographic;
import org.zoninghub.spatial.index.Footprint;
import org.zoninghub.spatial.index.UnitIndex;

/**
 * The compliance index alone, in this JVM, on a set of units from GeoJSON files (not a test): the time to build it and
 * the time of {@code UnitIndex.overlaps} for 2 km squares around a point inside a random unit, as {@code bench/run}'s
 * compliance benchmark draws them. No HTTP, no JSON answer: what the check's geometry costs.
 *
 * <pre>java -cp … org.zoninghub.bench.IndexBenchmark DIR [checks] [warmup]</pre>
 *
 * {@code DIR}: a directory of GeoJSON FeatureCollections (e.g. {@code target/bench/national-44604/units} or
 * {@code data/liaoyuan}); every Polygon or MultiPolygon feature is a unit.
 */
public final class IndexBenchmark {

    private IndexBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int checks = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        ObjectMapper mapper = new ObjectMapper();
        List<UnitIndex.Entry<String>> entries = new ArrayList<>();
        long vertices = 0;
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p ->
                            p.toString().endsWith(".geojson") || p.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            JsonNode root = mapper.readTree(file.toFile());
            for (JsonNode feature : root.path("features")) {
                JsonNode geometry = feature.path("geometry");
                String type = geometry.path("type").asText();
                if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
                    continue;
                }
                Geometry g = GeoJsonGeometries.read(geometry);
                vertices += g.getNumPoints();
                entries.add(new UnitIndex.Entry<>(
                        feature.path("id").asText(String.valueOf(entries.size())), g, GaussKruger.areaM2(g)));
            }
        }
        System.out.printf(Locale.ROOT, "%,d units, %,d vertices%n", entries.size(), vertices);

        long t0 = System.nanoTime();
        UnitIndex<String> index = new UnitIndex<>(entries);
        System.out.printf(Locale.ROOT, "index built in %.2f s%n", (System.nanoTime() - t0) / 1e9);

        Random random = new Random(42);
        List<Footprint> squares = new ArrayList<>();
        for (int i = 0; i < warmup + checks; i++) {
            Point p = entries.get(random.nextInt(entries.size())).geometry().getInteriorPoint();
            double halfLon = 1000 / (111_320 * Math.cos(Math.toRadians(p.getY())));
            double halfLat = 1000 / 110_574.0;
            squares.add(Footprint.of(Geographic.FACTORY.toGeometry(
                    new Envelope(p.getX() - halfLon, p.getX() + halfLon, p.getY() - halfLat, p.getY() + halfLat))));
        }
        long[] times = new long[checks];
        long found = 0;
        for (int i = 0; i < squares.size(); i++) {
            long s = System.nanoTime();
            found += index.overlaps(squares.get(i)).overlaps().size();
            if (i >= warmup) {
                times[i - warmup] = System.nanoTime() - s;
            }
        }
        Arrays.sort(times);
        System.out.printf(
                Locale.ROOT,
                "%d checks after %d warm-up: p50 %.3f ms, p99 %.3f ms, mean units per check %.2f%n",
                checks,
                warmup,
                times[checks / 2] / 1e6,
                times[(int) (checks * 0.99)] / 1e6,
                found / (double) squares.size());
    }
}
