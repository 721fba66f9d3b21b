package org.zoninghub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.testing.KafkaProbe;
import org.zoninghub.testing.KafkaProbe.Received;

/**
 * End to end against real PostgreSQL and Kafka: the simulated provincial API serves the Liaoyuan dataset, the sync
 * route validates and stores it, the relay publishes CloudEvents, and a plain Kafka consumer reads them. A second,
 * full sync of unchanged data writes no version and sends no event.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            "zoning.publish.topics.unit-changes=it-sync.units.changes",
            "zoning.publish.topics.rule-changes=it-sync.rules.changes",
            "zoning.publish.topics.unit-state=it-sync.units.state"
        })
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvincialSyncIT {

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

    SyncRun syncAndWait(Mode mode) {
        SyncRun started = trigger.trigger(Trigger.ADMIN, mode);
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> runs.find(started.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
    }

    @Test
    @Order(1)
    void firstSyncStoresAndPublishesTheWholePlan() {
        SyncRun run = syncAndWait(Mode.INCREMENTAL);

        assertThat(run.outcome()).as("run %s: %s", run.id(), run.error()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(run.counts().created()).isEqualTo(61);
        assertThat(run.counts().rejected()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from unit_version", Integer.class))
                .isEqualTo(61);

        JsonNode stats =
                http.withBasicAuth("admin", "test-admin-secret").getForObject("/api/v1/statistics", JsonNode.class);
        assertThat(stats.get("totalUnits").asInt()).isEqualTo(61);
        Map<String, JsonNode> byCategory = index(stats.get("byCategory"), "category");
        assertThat(byCategory.get("PRIORITY_PROTECTION").get("units").asInt()).isEqualTo(31);
        assertThat(byCategory.get("KEY_CONTROL").get("units").asInt()).isEqualTo(26);
        assertThat(byCategory.get("GENERAL_CONTROL").get("units").asInt()).isEqualTo(4);
        assertThat(byCategory.get("PRIORITY_PROTECTION").get("areaShare").asDouble())
                .isEqualTo(44.83);
        assertThat(byCategory.get("KEY_CONTROL").get("areaShare").asDouble()).isEqualTo(20.61);
        assertThat(byCategory.get("GENERAL_CONTROL").get("areaShare").asDouble())
                .isEqualTo(34.56);

        Set<String> ruleScopes =
                jdbc.queryForList("select distinct scope_code from rule_version", String.class).stream()
                        .collect(Collectors.toSet());
        assertThat(ruleScopes).hasSize(61 + 3).contains("220400", "LIAOHE", "SONGHUA");
        int rules = jdbc.queryForObject("select count(*) from rule_version", Integer.class);

        try (KafkaProbe probe = new KafkaProbe(kafka, "it-sync.units.changes", "it-sync.rules.changes")) {
            List<Received> events =
                    await().atMost(Duration.ofSeconds(60)).until(probe::poll, r -> r.size() >= 61 + rules);
            List<Received> units = events.stream()
                    .filter(e -> e.value().get("type").asText().startsWith("zoning.unit."))
                    .toList();
            assertThat(units).hasSize(61);
            assertThat(units).allSatisfy(e -> {
                assertThat(e.value().get("type").asText()).isEqualTo("zoning.unit.created");
                assertThat(e.key()).isEqualTo(e.value().at("/data/unit/code").asText());
                assertThat(e.value().get("specversion").asText()).isEqualTo("1.0");
                assertThat(e.value().get("source").asText()).isEqualTo("/zoning-hub/220400");
                assertThat(e.value().get("sequence").asLong()).isEqualTo(1);
                assertThat(e.value().get("edition").asText()).isEqualTo("2025");
                assertThat(e.headers()).containsEntry("content-type", "application/cloudevents+json");
            });
            Set<String> ruleKeys = events.stream()
                    .filter(e -> e.value().get("type").asText().equals("zoning.rule.created"))
                    .map(Received::key)
                    .collect(Collectors.toSet());
            assertThat(ruleKeys).hasSize(64).contains("220400", "LIAOHE", "SONGHUA");
            assertThat(events).hasSize(61 + rules);
        }
    }

    @Test
    @Order(2)
    void secondSyncOfUnchangedDataWritesNothingAndSendsNothing() {
        int versions = jdbc.queryForObject("select count(*) from unit_version", Integer.class);
        int ruleVersions = jdbc.queryForObject("select count(*) from rule_version", Integer.class);
        int outbox = jdbc.queryForObject("select count(*) from outbox", Integer.class);

        SyncRun run = syncAndWait(Mode.FULL);

        assertThat(run.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(run.counts().unchanged()).isEqualTo(61);
        assertThat(run.counts().created()
                        + run.counts().updated()
                        + run.counts().retired())
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from unit_version", Integer.class))
                .isEqualTo(versions);
        assertThat(jdbc.queryForObject("select count(*) from rule_version", Integer.class))
                .isEqualTo(ruleVersions);
        assertThat(jdbc.queryForObject("select count(*) from outbox", Integer.class))
                .isEqualTo(outbox);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject("select count(*) from outbox_pending", Integer.class) == 0);
    }

    private static Map<String, JsonNode> index(JsonNode array, String key) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .collect(Collectors.toMap(n -> n.get(key).asText(), Function.identity()));
    }
}
