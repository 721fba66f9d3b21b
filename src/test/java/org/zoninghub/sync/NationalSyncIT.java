package org.zoninghub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoninghub.platform.simulator.national.NationalDataset;
import org.zoninghub.platform.simulator.national.NationalDivisions;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.testing.KafkaProbe;
import org.zoninghub.testing.KafkaProbe.Received;
import org.zoninghub.zoning.Category;

/**
 * A national hub: the jurisdiction is the nation (100000) with the 2,843 divisions and ten basins of the generated
 * national set as data (divisions from a file), the simulator serves 5,000 generated units, and the real provincial
 * sync stores them and publishes them through the outbox relay to Kafka. Counts per category are the generator's, each
 * stored area agrees with an ellipsoidal area computed here, and every unit is announced once as created.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            "zoning.simulator.dataset=national",
            "zoning.simulator.national.units=" + NationalSyncIT.UNITS,
            "zoning.simulator.national.seed=" + NationalSyncIT.SEED,
            "zoning.province.page-size=500",
            "zoning.jurisdiction.code=100000",
            "zoning.jurisdiction.name=全国",
            "zoning.publish.topics.unit-changes=it-national.units.changes",
            "zoning.publish.topics.rule-changes=it-national.rules.changes",
            "zoning.publish.topics.unit-state=it-national.units.state"
        })
@ActiveProfiles("test")
class NationalSyncIT {

    static final int UNITS = 5_000;
    static final long SEED = 11;

    /** GRS 80 (CGCS2000 differs from it in the flattening's 11th digit, far below a square metre here). */
    private static final double A = 6_378_137.0;

    private static final double F = 1 / 298.257222101;

    @DynamicPropertySource
    static void jurisdiction(DynamicPropertyRegistry registry) {
        try {
            Path file = Files.createTempFile("national-divisions", ".csv");
            file.toFile().deleteOnExit();
            StringBuilder csv = new StringBuilder("code,name\n");
            NationalDivisions.get()
                    .divisions()
                    .forEach(d ->
                            csv.append(d.code()).append(',').append(d.name()).append('\n'));
            Files.writeString(file, csv, StandardCharsets.UTF_8);
            registry.add("zoning.jurisdiction.divisions-file", file::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Envelope env = NationalDivisions.get().envelope();
        registry.add(
                "zoning.jurisdiction.envelope",
                () -> (env.getMinX() - 0.5) + "," + (env.getMinY() - 0.5) + "," + (env.getMaxX() + 0.5) + ","
                        + (env.getMaxY() + 0.5));
        int n = 0;
        for (Map.Entry<String, String> b : NationalDivisions.BASINS.entrySet()) {
            int at = n++;
            registry.add("zoning.jurisdiction.basins[" + at + "].code", b::getKey);
            registry.add("zoning.jurisdiction.basins[" + at + "].name", b::getValue);
        }
    }

    @Autowired
    SyncTrigger trigger;

    @Autowired
    SyncRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate http;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    @Test
    void fiveThousandGeneratedUnitsSyncWithTheirCategoriesAreasAndEvents() {
        NationalDataset dataset = new NationalDataset(SEED, UNITS);
        Map<Category, Integer> expectedCounts = new EnumMap<>(Category.class);
        Map<String, Double> expectedArea = new HashMap<>();
        for (int i = 0; i < UNITS; i++) {
            NationalDataset.Unit u = dataset.unit(i);
            expectedCounts.merge(u.category(), 1, Integer::sum);
            expectedArea.put(u.code(), ellipsoidalArea(u.parts()));
        }

        SyncRun started = trigger.trigger(Trigger.ADMIN, Mode.FULL);
        SyncRun run = await().atMost(Duration.ofMinutes(15))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> runs.find(started.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
        assertThat(run.outcome()).as("run %s: %s", run.id(), run.error()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(run.counts().created()).isEqualTo(UNITS);
        assertThat(run.counts().rejected()).isZero();

        Map<Category, Integer> stored = new EnumMap<>(Category.class);
        jdbc.query("select category, count(*) from unit_version where valid_to is null group by category", rs -> {
            stored.put(Category.valueOf(rs.getString(1)), rs.getInt(2));
        });
        assertThat(stored).isEqualTo(expectedCounts);
        JsonNode stats =
                http.withBasicAuth("admin", "test-admin-secret").getForObject("/api/v1/statistics", JsonNode.class);
        assertThat(stats.get("totalUnits").asInt()).isEqualTo(UNITS);

        // The hub measures area on the 3-degree Gauss-Krueger zone of each unit's centroid: conformal, with a scale
        // factor k = 1 + x^2 / 2R^2 at x from the central meridian, at most 1.5 degrees of longitude (about 167 km at
        // 18 N): k^2 - 1 < 7e-4. The reference below is the exact ellipsoidal (equal-area) area, so the two agree to
        // 1e-3 relative; a wrong projection, datum, axis order or lost part or hole misses by far more.
        Map<String, Double> storedArea = new HashMap<>();
        jdbc.query("select code, area_m2 from unit_version where valid_to is null", rs -> {
            storedArea.put(rs.getString(1), rs.getDouble(2));
        });
        assertThat(storedArea.keySet()).isEqualTo(expectedArea.keySet());
        List<String> off = new ArrayList<>();
        double worst = 0;
        for (Map.Entry<String, Double> e : expectedArea.entrySet()) {
            double relative = Math.abs(storedArea.get(e.getKey()) - e.getValue()) / e.getValue();
            worst = Math.max(worst, relative);
            if (relative > 1e-3) {
                off.add(e.getKey() + ": stored " + storedArea.get(e.getKey()) + " m², ellipsoidal " + e.getValue());
            }
        }
        assertThat(off).as("worst relative difference %s", worst).isEmpty();

        // at least once: a redelivered event carries the same id, so each unit has exactly one distinct created event
        try (KafkaProbe probe = new KafkaProbe(kafka, "it-national.units.changes")) {
            Map<String, Set<String>> idsByKey = new HashMap<>();
            await().atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        for (Received e : probe.poll()) {
                            assertThat(e.value().get("type").asText()).isEqualTo("zoning.unit.created");
                            assertThat(e.key())
                                    .isEqualTo(e.value().at("/data/unit/code").asText());
                            assertThat(e.value().get("source").asText()).isEqualTo("/zoning-hub/100000");
                            idsByKey.computeIfAbsent(e.key(), k -> new HashSet<>())
                                    .add(e.value().get("id").asText());
                        }
                        return idsByKey.keySet().containsAll(expectedArea.keySet());
                    });
            assertThat(new HashSet<>(idsByKey.keySet())).isEqualTo(new HashSet<>(expectedArea.keySet()));
            assertThat(idsByKey.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        }
    }

    /**
     * Area on the GRS 80 ellipsoid: each ring mapped to Lambert's cylindrical equal-area coordinates of the ellipsoid
     * ({@code x = a·λ}, {@code y = a·q(φ)/2}, where {@code q} is the authalic function), where the planar area is the
     * ellipsoidal one; shells minus holes.
     */
    static double ellipsoidalArea(List<List<double[]>> parts) {
        double total = 0;
        for (List<double[]> rings : parts) {
            for (int r = 0; r < rings.size(); r++) {
                double a = Math.abs(ringArea(rings.get(r)));
                total += r == 0 ? a : -a;
            }
        }
        return total;
    }

    private static double ringArea(double[] ring) {
        double sum = 0;
        int n = ring.length / 2;
        for (int k = 0; k < n - 1; k++) {
            double x1 = A * Math.toRadians(ring[2 * k]);
            double y1 = A * q(Math.toRadians(ring[2 * k + 1])) / 2;
            double x2 = A * Math.toRadians(ring[2 * k + 2]);
            double y2 = A * q(Math.toRadians(ring[2 * k + 3])) / 2;
            sum += x1 * y2 - x2 * y1;
        }
        return sum / 2;
    }

    private static double q(double phi) {
        double e2 = F * (2 - F);
        double e = Math.sqrt(e2);
        double s = Math.sin(phi);
        return (1 - e2) * (s / (1 - e2 * s * s) - Math.log((1 - e * s) / (1 + e * s)) / (2 * e));
    }
}
