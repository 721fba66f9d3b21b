package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;
import org.zoninghub.platform.embedded.EmbeddedKafkaBroker;
import org.zoninghub.publish.subscribers.FeedStreams;
import org.zoninghub.store.Announcements;
import org.zoninghub.testing.KafkaProbe;

/**
 * A subscriber's feed topic deleted under the relay, on a broker that does not create topics on first use (a broker of
 * this test's own; the shared one keeps creating them for the other tests): the feed's next event is a dead letter
 * once the producer's timeouts pass and the broker confirms the topic is gone, the key's later event waits behind it,
 * the main topics keep flowing; after the topic is created again the administrator's replay delivers the key's events
 * in order (real PostgreSQL and Kafka).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.embedded.kafka.enabled=false",
            "zoning.publish.topics.unit-changes=it-feed-dl.units.changes",
            "zoning.publish.topics.rule-changes=it-feed-dl.rules.changes",
            "zoning.publish.topics.unit-state=it-feed-dl.units.state",
            // how long a missing topic is waited for before it counts as gone (README "Dead letters")
            "camel.component.kafka.max-block-ms=5000",
            "camel.component.kafka.request-timeout-ms=4000",
            "camel.component.kafka.delivery-timeout-ms=8000"
        })
@ActiveProfiles("test")
class DeletedFeedTopicIT {

    static final String SUBSCRIBER = "it-feed-dl-eia";
    static final String FEED_TOPIC = "zoning.feed." + SUBSCRIBER + ".v1";
    static final String MAIN_TOPIC = "it-feed-dl.units.changes";
    static final String FEED_KEY = "ZH22040210001";
    static final String MAIN_KEY = "ZH22040210002";

    static Path logDir;
    static EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void ownBroker(DynamicPropertyRegistry registry) throws IOException {
        logDir = Files.createTempDirectory("it-feed-dl-kafka-");
        broker = EmbeddedKafkaBroker.start(logDir, 1, Map.of("auto.create.topics.enable", "false"));
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("camel.component.kafka.brokers", broker::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() throws IOException {
        broker.close();
        FileSystemUtils.deleteRecursively(logDir);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    TestRestTemplate http;

    @Test
    void aDeletedFeedTopicDeadLettersItsKeyOtherTopicsFlowAndReplayAfterReCreationDeliversInOrder() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(SubscriberTopics.feedTopic(FEED_TOPIC, 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            UUID first = insertFeed(1, "first");
            await().atMost(Duration.ofSeconds(60)).until(() -> sent(first));

            admin.deleteTopics(List.of(FEED_TOPIC)).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !admin.listTopics().names().get().contains(FEED_TOPIC));

            // the feed's next two events, then events of another key on a main topic, in this outbox order
            UUID[] ids = tx.execute(s -> new UUID[] {
                insertFeed(2, "second"), insertFeed(3, "third"), insertMain(1, "main one"), insertMain(2, "main two")
            });
            UUID second = ids[0];
            UUID third = ids[1];

            await().atMost(Duration.ofSeconds(120)).until(() -> sent(ids[2]) && sent(ids[3]));
            assertThat(sent(second)).isFalse();
            assertThat(sent(third))
                    .as("the key's later event waits behind its dead letter")
                    .isFalse();
            assertThat(admin.listTopics().names().get())
                    .as("the broker did not create the deleted topic")
                    .doesNotContain(FEED_TOPIC);

            TestRestTemplate administrator = http.withBasicAuth("admin", "test-admin-secret");
            JsonNode letters = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> administrator.getForObject("/api/v1/admin/outbox/dead-letters", JsonNode.class),
                            l -> l.size() == 1);
            JsonNode letter = letters.get(0);
            assertThat(letter.path("outboxId").asText()).isEqualTo(second.toString());
            assertThat(letter.path("aggregateId").asText()).isEqualTo(FEED_KEY);
            assertThat(letter.path("reason").asText()).contains(FEED_TOPIC).contains("does not exist");

            // the topic is created again, then the administrator replays the dead letter
            admin.createTopics(List.of(SubscriberTopics.feedTopic(FEED_TOPIC, 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            ResponseEntity<JsonNode> replayed = administrator.postForEntity(
                    "/api/v1/admin/outbox/dead-letters/" + letter.path("id").asLong() + "/replay",
                    null,
                    JsonNode.class);
            assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.OK);
            await().atMost(Duration.ofSeconds(120)).until(() -> sent(second) && sent(third));

            try (KafkaProbe probe = new KafkaProbe(broker.bootstrapServers(), FEED_TOPIC)) {
                List<KafkaProbe.Received> feed = await().atMost(Duration.ofSeconds(60))
                        .until(() -> firstDeliveries(probe.poll(), FEED_KEY), l -> l.size() >= 2);
                assertThat(feed)
                        .extracting(r -> r.value().path("data").path("note").asText())
                        .containsExactly("second", "third");
            }
            try (KafkaProbe probe = new KafkaProbe(broker.bootstrapServers(), MAIN_TOPIC)) {
                List<KafkaProbe.Received> main = await().atMost(Duration.ofSeconds(60))
                        .until(() -> firstDeliveries(probe.poll(), MAIN_KEY), l -> l.size() >= 2);
                assertThat(main)
                        .extracting(r -> r.value().path("data").path("note").asText())
                        .containsExactly("main one", "main two");
            }
            assertThat(jdbc.queryForObject("select count(*) from outbox_pending", Long.class))
                    .isZero();
        }
    }

    /**
     * A key's events in the order they first arrived: the relay delivers at least once (a batch that failed for one
     * event is sent again, consumers dedupe on the event's {@code id}).
     */
    private static List<KafkaProbe.Received> firstDeliveries(List<KafkaProbe.Received> records, String key) {
        Set<String> seen = new HashSet<>();
        return records.stream()
                .filter(r -> r.key().equals(key))
                .filter(r -> seen.add(r.value().path("id").asText()))
                .toList();
    }

    private UUID insertFeed(long sequence, String note) {
        return insert(FeedStreams.of(SUBSCRIBER, Announcements.UNIT_STREAM), FEED_KEY, sequence, note);
    }

    private UUID insertMain(long sequence, String note) {
        return insert(Announcements.UNIT_STREAM, MAIN_KEY, sequence, note);
    }

    private UUID insert(String stream, String key, long sequence, String note) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into outbox (id, aggregatetype, aggregateid, type, payload, sequence)"
                        + " values (?, ?, ?, 'zoning.unit.updated', cast(? as json), ?)",
                id,
                stream,
                key,
                "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"zoning.unit.updated\","
                        + "\"subject\":\"" + key + "\",\"sequence\":" + sequence + ",\"data\":{\"note\":\"" + note
                        + "\"}}",
                sequence);
        return id;
    }

    private boolean sent(UUID id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select count(*) = 1 from outbox o where o.id = ?"
                        + " and not exists (select 1 from outbox_pending p where p.position = o.position)",
                Boolean.class,
                id));
    }
}
