package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoninghub.store.Announcements;
import org.zoninghub.testing.ChildHubs;

/**
 * The hub is killed ({@code SIGKILL}, no shutdown of any kind) while it relays 1,000 changes of 100 units, then
 * started again: every change is delivered, none is applied twice, and every unit's sequences are gapless. The hub
 * runs as a child JVM on this test's PostgreSQL database and Kafka broker; this test's own context only commits the
 * changes (its relay is disabled) and judges with the reference consumer.
 */
@SpringBootTest(
        properties = {
            "zoning.publish.relay-enabled=false",
            "zoning.publish.topics.unit-changes=" + RelayKillIT.TOPIC,
            "zoning.publish.topics.rule-changes=it-kill.rules.changes",
            "zoning.publish.topics.unit-state=it-kill.units.state"
        })
@ActiveProfiles("test")
class RelayKillIT {

    static final Logger log = LoggerFactory.getLogger(RelayKillIT.class);
    static final String TOPIC = "it-kill.units.changes";
    static final int KEYS = 100;
    static final int CHANGES = 1_000;
    /** The kill comes once this many rows are sent (and before all are). */
    static final int KILL_AFTER = 200;

    @Autowired
    Announcements announcements;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment env;

    ChildHubs hubs;

    @BeforeEach
    void hubs() {
        hubs = new ChildHubs(env);
    }

    @AfterEach
    void stopChildren() throws Exception {
        hubs.close();
    }

    @Test
    void aHubKilledWhileRelayingLosesNothingAndTheNextOneCarriesOn() throws Exception {
        String kafka = env.getRequiredProperty("spring.kafka.bootstrap-servers");
        UnitChangeFixture changes = new UnitChangeFixture(announcements, tx, KEYS);
        try (ReferenceJudge judge = new ReferenceJudge(kafka, List.of(TOPIC))) {
            // all 1,000 are committed while the hub starts, so that it is draining a backlog, batch after batch,
            // when it is killed
            ChildHubs.Hub first = startHub(1);
            while (changes.committed() < CHANGES) {
                changes.commit(10);
            }
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> !first.isAlive() || sent() >= KILL_AFTER);
            assertThat(first.isAlive()).as("first hub runs (see its log)").isTrue();
            long sentAtKill = kill(first);
            assertThat(sentAtKill).as("rows sent when the hub was killed").isBetween(1L, CHANGES - 1L);
            long receivedAtKill = judge.records();
            // the killed hub's session ended, and with it its relay lock: the next hub can take over at once
            await().atMost(Duration.ofSeconds(10)).until(() -> !relayLockHeld());

            ChildHubs.Hub second = startHub(2);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> !second.isAlive() || (judge.applied() >= CHANGES && sent() == CHANGES));
            assertThat(second.isAlive()).as("second hub runs (see its log)").isTrue();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> judge.applied() == CHANGES);

            log.info(
                    "hub killed with {} of {} rows marked sent ({} records consumed by then); after the restart: {}"
                            + " records received in all, {} redelivered duplicates skipped by the consumer",
                    sentAtKill,
                    CHANGES,
                    receivedAtKill,
                    judge.records(),
                    judge.duplicates());
            assertThat(judge.applied()).isEqualTo(CHANGES);
            assertThat(judge.records()).isEqualTo(CHANGES + judge.duplicates());
            assertThat(judge.ledger().detectedGaps()).isEmpty();
            assertThat(judge.ledger().rejected()).isEmpty();
            for (int k = 0; k < KEYS; k++) {
                assertThat(judge.unitSequences(UnitChangeFixture.code(k)))
                        .as("sequences of %s", UnitChangeFixture.code(k))
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, CHANGES / KEYS)
                                .boxed()
                                .toList());
            }
        }
    }

    /** SIGKILL, then waits until the process is gone; returns the rows marked sent at that moment. */
    private long kill(ChildHubs.Hub hub) throws Exception {
        hub.kill();
        return sent();
    }

    /**
     * Starts the hub as a JVM of its own on this test's database and broker, with small relay batches so that the
     * kill lands while the relay is busy.
     */
    private ChildHubs.Hub startHub(int n) throws IOException {
        return hubs.start(
                "relay-kill-hub-" + n,
                List.of(
                        "--zoning.publish.batch-size=20",
                        "--zoning.publish.relay-interval=100ms",
                        "--zoning.publish.topics.unit-changes=" + TOPIC,
                        "--zoning.publish.topics.rule-changes=it-kill.rules.changes",
                        "--zoning.publish.topics.unit-state=it-kill.units.state"));
    }

    private boolean relayLockHeld() {
        return jdbc.queryForObject(
                        // advisory locks belong to a database: other test contexts' relays hold the same key in theirs
                        "select count(*) from pg_locks where locktype = 'advisory' and granted"
                                + " and database = (select oid from pg_database where datname = current_database())"
                                + " and ((classid::bigint << 32) | objid::bigint) = ?",
                        Long.class,
                        RelayLock.KEY)
                > 0;
    }

    private long sent() {
        return jdbc.queryForObject(
                "select count(*) from outbox o"
                        + " where not exists (select 1 from outbox_pending p where p.position = o.position)",
                Long.class);
    }
}
