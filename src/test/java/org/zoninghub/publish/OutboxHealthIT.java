package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;
import org.zoninghub.platform.embedded.EmbeddedKafkaBroker;
import org.zoninghub.store.Announcements;

/**
 * A stopped broker: the broker component turns DOWN, and the outbox component turns DOWN once its oldest unsent event
 * is older than {@code zoning.health.outbox-max-age}, with the reason and since when; both UP again once the broker
 * is back and the backlog is sent. The hub uses a broker of this test's own, stopped and started again (as in
 * {@link BrokerOutageIT}).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.embedded.kafka.enabled=false",
            "zoning.publish.topics.unit-changes=it-outbox-health.units.changes",
            "zoning.publish.topics.rule-changes=it-outbox-health.rules.changes",
            "zoning.publish.topics.unit-state=it-outbox-health.units.state",
            "zoning.health.outbox-max-age=4s",
            "zoning.health.kafka-check-interval=1s",
            "zoning.health.broker-timeout=1s"
        })
@ActiveProfiles("test")
class OutboxHealthIT {

    static final Duration BOUND = Duration.ofSeconds(4);

    static Path logDir;
    static EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void ownBroker(DynamicPropertyRegistry registry) throws IOException {
        logDir = Files.createTempDirectory("it-outbox-health-kafka-");
        broker = EmbeddedKafkaBroker.start(logDir, 1);
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("camel.component.kafka.brokers", broker::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() throws IOException {
        broker.close();
        FileSystemUtils.deleteRecursively(logDir);
    }

    @Autowired
    Announcements announcements;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate http;

    JsonNode component(String name) {
        return http.withBasicAuth("admin", "test-admin-secret")
                .getForObject("/actuator/health", JsonNode.class)
                .at("/components/" + name);
    }

    long unsent() {
        return jdbc.queryForObject("select count(*) from outbox_pending", Long.class);
    }

    @Test
    void aStoppedBrokerTurnsTheOutboxDownAfterItsBoundAndUpAfterItsReturn() {
        UnitChangeFixture changes = new UnitChangeFixture(announcements, tx, 5);
        changes.commit(5);
        await().atMost(Duration.ofSeconds(60)).until(() -> unsent() == 0);
        assertThat(component("outbox").get("status").asText()).isEqualTo("UP");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> component("broker").get("status").asText().equals("UP"));

        broker.stop();
        OffsetDateTime committed = OffsetDateTime.now();
        changes.commit(5);
        assertThat(unsent()).isEqualTo(5);

        JsonNode down = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> component("outbox"), c -> c.get("status").asText().equals("DOWN"));
        OffsetDateTime sawDown = OffsetDateTime.now();
        assertThat(Duration.between(committed, sawDown))
                .as("not DOWN before the oldest unsent event is older than the bound")
                .isGreaterThanOrEqualTo(BOUND);
        assertThat(down.at("/details/reason").asText())
                .contains("oldest unsent event")
                .contains("outbox-max-age");
        OffsetDateTime since = OffsetDateTime.parse(down.at("/details/since").asText());
        assertThat(since)
                .isAfterOrEqualTo(committed.plus(BOUND).minusSeconds(1))
                .isBeforeOrEqualTo(sawDown);
        assertThat(down.at("/details/unsent").asLong()).isEqualTo(5);

        JsonNode brokerDown = await().atMost(Duration.ofSeconds(30))
                .until(() -> component("broker"), c -> c.get("status").asText().equals("DOWN"));
        assertThat(brokerDown.at("/details/reason").asText()).contains("broker does not answer");

        broker.start();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> unsent() == 0
                        && component("outbox").get("status").asText().equals("UP"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> component("broker").get("status").asText().equals("UP"));
    }
}
