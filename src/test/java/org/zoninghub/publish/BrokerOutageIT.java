package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;
import org.zoninghub.platform.embedded.EmbeddedKafkaBroker;
import org.zoninghub.store.Announcements;

/**
 * The broker is down for 30 s while 1,000 changes of 100 units are committed: nothing is lost, nothing applied
 * twice, every unit's sequences arrive 1..10 without gaps, and the outbox ends all sent. The hub uses a broker of
 * this test's own (the shared one keeps serving the other tests), stopped and started again on the same port and
 * log directory.
 */
@SpringBootTest(
        properties = {
            "zoning.embedded.kafka.enabled=false",
            "zoning.publish.topics.unit-changes=it-outage.units.changes",
            "zoning.publish.topics.rule-changes=it-outage.rules.changes",
            "zoning.publish.topics.unit-state=it-outage.units.state"
        })
@ActiveProfiles("test")
class BrokerOutageIT {

    static final Logger log = LoggerFactory.getLogger(BrokerOutageIT.class);
    static final String TOPIC = "it-outage.units.changes";
    static final int KEYS = 100;
    static final int CHANGES = 1_000;
    static final Duration OUTAGE = Duration.ofSeconds(30);

    static Path logDir;
    static EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void ownBroker(DynamicPropertyRegistry registry) throws IOException {
        logDir = Files.createTempDirectory("it-outage-kafka-");
        broker = EmbeddedKafkaBroker.start(logDir, 3);
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

    @Test
    void changesCommittedWhileTheBrokerIsDownAreAllDeliveredOnceInOrder() throws Exception {
        UnitChangeFixture changes = new UnitChangeFixture(announcements, tx, KEYS);
        try (ReferenceJudge judge = new ReferenceJudge(broker.bootstrapServers(), List.of(TOPIC))) {
            broker.stop();
            long stopped = System.nanoTime();
            while (changes.committed() < CHANGES) {
                changes.commit(10);
            }
            assertThat(count("select count(*) from outbox")).isEqualTo(CHANGES);

            Duration left = OUTAGE.minusNanos(System.nanoTime() - stopped);
            await().during(left)
                    .atMost(left.plusSeconds(10))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> unsent() == CHANGES);
            Duration down = Duration.ofNanos(System.nanoTime() - stopped);
            assertThat(down).isGreaterThanOrEqualTo(OUTAGE);

            broker.start();
            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> judge.applied() >= CHANGES && unsent() == 0);
            // anything still in flight would show up as an extra record now
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> judge.applied() == CHANGES);

            log.info(
                    "broker down {} s; all {} changes delivered {} s after its return; {} records received, {}"
                            + " redelivered duplicates skipped",
                    down.toSeconds(),
                    CHANGES,
                    String.format("%.1f", (System.nanoTime() - restarted) / 1e9),
                    judge.records(),
                    judge.duplicates());
            assertThat(judge.applied()).isEqualTo(CHANGES);
            assertThat(judge.ledger().detectedGaps()).isEmpty();
            assertThat(judge.ledger().rejected()).isEmpty();
            assertThat(judge.consumer().gaps()).isEmpty();
            for (int k = 0; k < KEYS; k++) {
                assertThat(judge.unitSequences(UnitChangeFixture.code(k)))
                        .as("sequences of %s", UnitChangeFixture.code(k))
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, CHANGES / KEYS)
                                .boxed()
                                .toList());
            }
            assertThat(count("select count(*) from outbox_pending")).isZero();
        }
    }

    private long unsent() {
        return count("select count(*) from outbox_pending");
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
