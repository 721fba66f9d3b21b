package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoninghub.reference.ZoningEvent;
import org.zoninghub.store.Announcements;
import org.zoninghub.zoning.ChangeKind;

/**
 * A unit of 100,000 vertices, whose event is several times Kafka's default 1 MB limit, travels the real path
 * (outbox, relay, broker, consumer) like any other and arrives whole: the hub creates its topics with a 16 MiB limit
 * and its producer compresses and accepts requests that large.
 */
@SpringBootTest(
        properties = {
            "zoning.publish.topics.unit-changes=" + LargeUnitIT.TOPIC,
            "zoning.publish.topics.rule-changes=it-large.rules.changes",
            "zoning.publish.topics.unit-state=it-large.units.state"
        })
@ActiveProfiles("test")
class LargeUnitIT {

    static final String TOPIC = "it-large.units.changes";
    static final int VERTICES = 100_000;
    static final int KAFKA_DEFAULT_LIMIT = 1_048_588;

    @Autowired
    Announcements announcements;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    @Test
    void aUnitOfOneHundredThousandVerticesIsDeliveredWhole() throws Exception {
        Geometry circle = UnitChangeFixture.circle(VERTICES);
        assertThat(circle.getNumPoints()).isEqualTo(VERTICES + 1);
        assertThat(circle.isValid()).isTrue();
        String code = UnitChangeFixture.code(9000);
        AtomicReference<ZoningEvent> received = new AtomicReference<>();

        try (ReferenceJudge judge = new ReferenceJudge(kafka, List.of(TOPIC), received::set)) {
            tx.executeWithoutResult(status -> {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
                announcements.unitChanged(
                        ChangeKind.CREATED, UnitChangeFixture.unit(code, 1, circle, now), null, List.of(), now);
            });
            String payload =
                    jdbc.queryForObject("select payload::text from outbox where aggregateid = ?", String.class, code);
            assertThat(payload.length()).isGreaterThan(KAFKA_DEFAULT_LIMIT);
            EventSchemas.fromClasspath().check(new ObjectMapper().readTree(payload));

            await().atMost(Duration.ofSeconds(60)).until(() -> judge.applied() == 1);

            JsonNode ring = received.get().data().at("/unit/geometry/coordinates/0");
            assertThat(ring.size()).isEqualTo(VERTICES + 1);
            assertThat(received.get().data().at("/unit/code").asText()).isEqualTo(code);
            assertThat(judge.maxValueBytes(TOPIC))
                    .isEqualTo(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            assertThat(judge.maxValueBytes(TOPIC)).isGreaterThan(KAFKA_DEFAULT_LIMIT);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.queryForObject("select count(*) from outbox_pending", Long.class) == 0);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            String limit = admin.describeConfigs(List.of(topic))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
                    .value();
            assertThat(Integer.parseInt(limit)).isEqualTo(16 * 1024 * 1024);
        }
    }
}
