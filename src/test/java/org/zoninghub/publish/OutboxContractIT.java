package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.sync.SyncTrigger;

/**
 * The outbox after a full sync of the Liaoyuan dataset (real PostgreSQL and Kafka): every event in it validates
 * against the schema of its type (docs/events.md), the relay sends them all, the administrators' view shows the backlog,
 * the retention purge deletes sent rows written before {@code zoning.publish.retention} and nothing else, and only one
 * instance at a time holds the relay lock.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            "zoning.publish.purge-interval=500ms",
            "zoning.publish.topics.unit-changes=it-contract.units.changes",
            "zoning.publish.topics.rule-changes=it-contract.rules.changes",
            "zoning.publish.topics.unit-state=it-contract.units.state"
        })
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutboxContractIT {

    static final EventSchemas SCHEMAS = EventSchemas.fromClasspath();

    @Autowired
    SyncTrigger trigger;

    @Autowired
    SyncRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate http;

    @Autowired
    RelayLock lock;

    @Autowired
    DataSourceProperties dataSource;

    @Autowired
    CamelContext camel;

    final ObjectMapper mapper = new ObjectMapper();

    /** The relay's producer takes its options from configuration (camel.component.kafka.* in application.yaml). */
    @Test
    @Order(0)
    void theRelaysProducerIsConfiguredForItsGuarantees() {
        org.apache.camel.component.kafka.KafkaEndpoint relay = camel.getEndpoints().stream()
                .filter(e -> e instanceof org.apache.camel.component.kafka.KafkaEndpoint)
                .map(e -> (org.apache.camel.component.kafka.KafkaEndpoint) e)
                .findFirst()
                .orElseThrow();
        var c = relay.getConfiguration();
        assertThat(c.getRequestRequiredAcks()).isEqualTo("all");
        assertThat(c.isEnableIdempotence()).isTrue();
        assertThat(c.getMaxInFlightRequest()).isEqualTo(5);
        assertThat(c.getCompressionCodec()).isEqualTo("lz4");
        assertThat(c.getMaxRequestSize()).isEqualTo(16777216);
        assertThat(c.isBatchWithIndividualHeaders()).isTrue();
    }

    @Test
    @Order(1)
    void everyEventOfAFullSyncValidatesAgainstItsSchema() throws Exception {
        SyncRun started = trigger.trigger(Trigger.ADMIN);
        SyncRun run = await().atMost(Duration.ofSeconds(90))
                .until(() -> runs.find(started.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
        assertThat(run.outcome()).as("run %s: %s", run.id(), run.error()).isEqualTo(Outcome.SUCCEEDED);

        List<Map<String, Object>> rows = jdbc.queryForList("select type, payload::text as payload from outbox");
        assertThat(rows).hasSizeGreaterThan(61 * 2);
        Map<String, Integer> byType = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            JsonNode event = mapper.readTree((String) row.get("payload"));
            assertThat(SCHEMAS.violations(event))
                    .as("event %s", event.get("id"))
                    .isEmpty();
            assertThat(event.get("type").asText()).isEqualTo(row.get("type"));
            byType.merge((String) row.get("type"), 1, Integer::sum);
        }
        assertThat(byType).containsKeys("zoning.unit.created", "zoning.rule.created", "zoning.unit.state");
        assertThat(byType.get("zoning.unit.created")).isEqualTo(61);

        await().atMost(Duration.ofSeconds(60)).until(() -> pending() == 0);
        JsonNode status =
                http.withBasicAuth("admin", "test-admin-secret").getForObject("/api/v1/admin/outbox", JsonNode.class);
        assertThat(status.get("unsent").asLong()).isZero();
        assertThat(status.get("oldestAgeSeconds").asDouble()).isZero();
        assertThat(status.get("relayOnThisInstance").asBoolean()).isTrue();
        // the relay's last mark, from its log: within the minute the sync's events were sent in
        assertThat(OffsetDateTime.parse(status.get("lastSentAt").asText()))
                .isBetween(
                        OffsetDateTime.now().minusMinutes(2),
                        OffsetDateTime.now().plusSeconds(5));
    }

    @Test
    @Order(2)
    void thePurgeDeletesSentRowsOlderThanTheRetentionOnly() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> pending() == 0);
        long all = count("true");
        camel.getRouteController().stopRoute("publish.outbox-relay");
        try {
            // positions 1-10 written 8 days ago and sent; 11-15 written as long ago and pending again (as a replay
            // enters them); the rest written now
            jdbc.update("update outbox set created_at = now() - interval '8 days'"
                    + " where position in (select position from outbox order by position limit 15)");
            jdbc.update("insert into outbox_pending (position, aggregatetype, aggregateid)"
                    + " select position, aggregatetype, aggregateid from outbox order by position offset 10 limit 5");

            await().atMost(Duration.ofSeconds(20)).until(() -> count("true") == all - 10);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> count("true") == all - 10);
            assertThat(count("created_at < now() - interval '7 days'"))
                    .as("the old rows still pending")
                    .isEqualTo(5);
            assertThat(pending()).isEqualTo(5);
        } finally {
            camel.getRouteController().startRoute("publish.outbox-relay");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);
        // sent now, and older than the retention: the next purge takes them too
        await().atMost(Duration.ofSeconds(20)).until(() -> count("true") == all - 15);
    }

    private long pending() {
        return jdbc.queryForObject("select count(*) from outbox_pending", Long.class);
    }

    @Test
    @Order(3)
    void oneInstanceAtATimeHoldsTheRelayLockAndAReleasedLockIsTakenOver() throws Exception {
        camel.getRouteController().stopRoute("publish.outbox-relay");
        RelayLock other = new RelayLock(dataSource);
        try {
            assertThat(lock.holdOrAcquire()).isTrue();
            assertThat(other.holdOrAcquire())
                    .as("a second instance while the first holds the lock")
                    .isFalse();

            lock.release(); // the first instance stops (or dies: its session ends either way)
            assertThat(other.holdOrAcquire())
                    .as("the second instance takes over")
                    .isTrue();
            assertThat(lock.holdOrAcquire())
                    .as("the first instance, back, waits its turn")
                    .isFalse();
        } finally {
            other.release();
            camel.getRouteController().startRoute("publish.outbox-relay");
        }
        await().atMost(Duration.ofSeconds(10)).until(lock::isHeld);
    }

    private long count(String where) {
        return jdbc.queryForObject("select count(*) from outbox where " + where, Long.class);
    }
}
