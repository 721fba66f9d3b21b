package org.zoninghub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.store.UnitVersions;

/**
 * An edition published ahead of its date is stored at once, is not in force and not published before its date,
 * and is switched to and published, exactly once, when the date arrives. Real PostgreSQL.
 */
@SpringBootTest(properties = {"zoning.publish.relay-interval=1h", "zoning.sync.activation-interval=1h"})
@ActiveProfiles("test")
class FutureEditionIT {

    @Autowired
    ChangeApplier applier;

    @Autowired
    ProvincialMapper mapper;

    @Autowired
    EditionActivation activation;

    @Autowired
    SyncRuns runs;

    @Autowired
    UnitVersions units;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    @Test
    void aFutureEditionIsStoredAtOnceAndPublishedWhenItTakesEffect() throws IOException {
        List<JsonNode> features = dataset().subList(0, 3);
        UUID run = runs.start(Trigger.FILE, "test").id();
        applier.apply(mapper.map(features, List.of(), false), run, Set.of(), "PROVINCE");
        String code = features.get(0).at("/properties/HJGKDYBM").asText();
        int eventsBefore = count("select count(*) from outbox");

        OffsetDateTime takesEffect = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3);
        ObjectNode renamed = features.get(0).deepCopy();
        ObjectNode p = (ObjectNode) renamed.get("properties");
        p.put("HJGKDYMC", p.get("HJGKDYMC").asText() + "（2030年调整）");
        p.put("BBH", "2030");
        p.put("SXRQ", takesEffect.toString());
        applier.apply(mapper.map(List.of(renamed), List.of(), false), run, Set.of(), "PROVINCE");

        assertThat(units.history(code)).hasSize(2);
        assertThat(units.asOf(code, OffsetDateTime.now(ZoneOffset.UTC))
                        .orElseThrow()
                        .version())
                .as("the old version is in force until the date")
                .isEqualTo(1);
        assertThat(units.asOf(code, takesEffect.plusSeconds(1)).orElseThrow().edition())
                .isEqualTo("2030");
        assertThat(count("select count(*) from outbox"))
                .as("nothing published before the date")
                .isEqualTo(eventsBefore);
        assertThat(activation.activateDue()).isZero();

        await().atMost(Duration.ofSeconds(30)).until(() -> activation.activateDue() > 0);

        assertThat(units.asOf(code, OffsetDateTime.now(ZoneOffset.UTC))
                        .orElseThrow()
                        .edition())
                .isEqualTo("2030");
        List<JsonNode> events = new ArrayList<>();
        for (String payload : jdbc.queryForList(
                "select payload::text from outbox where aggregateid = ? and position > 0 order by position",
                String.class,
                code)) {
            events.add(json.readTree(payload));
        }
        JsonNode updated = events.stream()
                .filter(e -> e.get("type").asText().equals("zoning.unit.updated"))
                .findFirst()
                .orElseThrow();
        assertThat(updated.get("edition").asText()).isEqualTo("2030");
        assertThat(updated.get("sequence").asLong()).isEqualTo(2);
        assertThat(updated.at("/data/changedFields").toString()).isEqualTo("[\"name\"]");
        assertThat(updated.at("/data/previous/version").asInt()).isEqualTo(1);
        assertThat(events.stream().filter(e -> e.get("type").asText().equals("zoning.unit.state")))
                .hasSize(2)
                .last()
                .satisfies(s -> assertThat(s.at("/data/unit/edition").asText()).isEqualTo("2030"));
        assertThat(activation.activateDue()).as("announced once").isZero();
    }

    private List<JsonNode> dataset() throws IOException {
        List<JsonNode> features = new ArrayList<>();
        json.readTree(Path.of("data/liaoyuan/units.geojson").toFile())
                .get("features")
                .forEach(features::add);
        return features;
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }
}
