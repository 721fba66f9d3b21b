package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.store.Announcements;
import org.zoninghub.testing.KafkaProbe;

/**
 * No poison event: an outbox row the broker refuses for good (here larger than a Kafka message may be) becomes a dead
 * letter, the later event of its key waits behind it, another key's event is delivered; once the cause is fixed, the
 * administrator's replay delivers the key's events in order (real PostgreSQL and Kafka).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.publish.topics.unit-changes=it-dlq.units.changes",
            "zoning.publish.topics.rule-changes=it-dlq.rules.changes",
            "zoning.publish.topics.unit-state=it-dlq.units.state"
        })
@ActiveProfiles("test")
class DeadLetterIT {

    static final String POISONED = "ZH22040210001";
    static final String OTHER = "ZH22040210002";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate http;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Test
    void aRefusedEventIsDeadLetteredItsKeyWaitsOtherKeysFlowAndReplayDeliversInOrder() {
        UUID poison = insert(POISONED, 1, "x".repeat(17 * 1024 * 1024));
        UUID behind = insert(POISONED, 2, "second");
        UUID other = insert(OTHER, 1, "other key");

        await().atMost(Duration.ofSeconds(90)).until(() -> sent(other));
        assertThat(sent(poison)).isFalse();
        assertThat(sent(behind))
                .as("the key's later event waits behind its dead letter")
                .isFalse();

        TestRestTemplate admin = http.withBasicAuth("admin", "test-admin-secret");
        JsonNode letters = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> admin.getForObject("/api/v1/admin/outbox/dead-letters", JsonNode.class),
                        l -> l.size() == 1);
        JsonNode letter = letters.get(0);
        assertThat(letter.path("outboxId").asText()).isEqualTo(poison.toString());
        assertThat(letter.path("aggregateId").asText()).isEqualTo(POISONED);
        assertThat(letter.path("reason").asText()).contains("larger than a message may be");
        assertThat(letter.path("waiting").asLong()).isEqualTo(2);
        JsonNode outboxHealth = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> admin.getForEntity("/actuator/health", JsonNode.class)
                                .getBody()
                                .at("/components/outbox"),
                        h -> "DOWN".equals(h.path("status").asText()));
        assertThat(outboxHealth.at("/details/reason").asText()).contains("dead letters");

        // the cause is fixed (here: the event made to fit), then the administrator replays it
        jdbc.update("update outbox set payload = cast(? as json) where id = ?", event(POISONED, 1, "first"), poison);
        ResponseEntity<JsonNode> replayed = admin.postForEntity(
                "/api/v1/admin/outbox/dead-letters/" + letter.path("id").asLong() + "/replay", null, JsonNode.class);
        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(replayed.getBody().path("replayedAt").isNull()).isFalse();

        await().atMost(Duration.ofSeconds(60)).until(() -> sent(poison) && sent(behind));
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> admin.getForEntity("/actuator/health", JsonNode.class)
                                .getBody()
                                .at("/components/outbox/status")
                                .asText(),
                        "UP"::equals);
        try (KafkaProbe probe = new KafkaProbe(bootstrap, "it-dlq.units.changes")) {
            List<KafkaProbe.Received> key = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> probe.poll().stream()
                                    .filter(r -> r.key().equals(POISONED))
                                    .toList(),
                            l -> l.size() >= 2);
            assertThat(key)
                    .extracting(r -> r.value().path("data").path("note").asText())
                    .containsExactly("first", "second");
        }
        ResponseEntity<JsonNode> again = admin.postForEntity(
                "/api/v1/admin/outbox/dead-letters/" + letter.path("id").asLong() + "/replay", null, JsonNode.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    private UUID insert(String key, long sequence, String note) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into outbox (id, aggregatetype, aggregateid, type, payload, sequence)"
                        + " values (?, ?, ?, 'zoning.unit.updated', cast(? as json), ?)",
                id,
                Announcements.UNIT_STREAM,
                key,
                event(key, sequence, note),
                sequence);
        return id;
    }

    private static String event(String key, long sequence, String note) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"zoning.unit.updated\","
                + "\"subject\":\"" + key + "\",\"sequence\":" + sequence + ",\"data\":{\"note\":\"" + note + "\"}}";
    }

    private boolean sent(UUID id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select count(*) = 1 from outbox o where o.id = ?"
                        + " and not exists (select 1 from outbox_pending p where p.position = o.position)",
                Boolean.class,
                id));
    }
}
