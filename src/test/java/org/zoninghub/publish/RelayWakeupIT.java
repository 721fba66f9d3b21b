package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoninghub.store.Announcements;

/**
 * Wake on commit: with a poll interval of one hour, only the notification of channel {@code zoning_outbox} (V16) can
 * start a relay round within the test's patience, so each event delivered here was delivered because its commit
 * woke the relay; and when the listening session is cut, the wakeup listens again and catches up on the events
 * committed meanwhile (which notified no one).
 */
@SpringBootTest(
        properties = {
            "zoning.publish.relay-interval=1h",
            "zoning.publish.topics.unit-changes=" + RelayWakeupIT.TOPIC,
            "zoning.publish.topics.rule-changes=it-wakeup.rules.changes",
            "zoning.publish.topics.unit-state=it-wakeup.units.state"
        })
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelayWakeupIT {

    static final String TOPIC = "it-wakeup.units.changes";

    @Autowired
    Announcements announcements;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RelayWakeup wakeup;

    @Autowired
    RelayLock lock;

    static ReferenceJudge judge;
    static UnitChangeFixture changes;

    @BeforeAll
    static void consumer(@Autowired Environment env) {
        judge = new ReferenceJudge(env.getRequiredProperty("spring.kafka.bootstrap-servers"), List.of(TOPIC));
    }

    @AfterAll
    static void close() throws InterruptedException {
        judge.close();
    }

    @Test
    @Order(1)
    void aCommitWakesTheRelay() {
        changes = new UnitChangeFixture(announcements, tx, 3);
        await().until(() -> lock.isHeld() && wakeup.isListening());
        for (int round = 1; round <= 3; round++) {
            changes.commit(2);
            int expected = changes.committed();
            await().until(() -> judge.applied() >= expected);
            // marked sent once the broker acknowledged, which the consumer may see first
            await().until(() -> unsent() == 0);
        }
        assertThat(judge.ledger().detectedGaps()).isEmpty();
    }

    @Test
    @Order(2)
    void aCutListeningSessionIsOpenedAgainAndCatchesUp() {
        await().until(wakeup::isListening);
        Integer cut = jdbc.queryForObject(
                "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = ?"
                        + " and datname = current_database()",
                Integer.class,
                RelayWakeup.APPLICATION_NAME);
        assertThat(cut).as("listening sessions cut").isEqualTo(1);
        // committed while nobody may be listening: their notifications can be lost
        changes.commit(3);
        int expected = changes.committed();
        await().atMost(Duration.ofSeconds(30)).until(() -> judge.applied() >= expected);
        await().until(() -> unsent() == 0);
        assertThat(wakeup.isListening()).isTrue();
        assertThat(judge.ledger().detectedGaps()).isEmpty();
        assertThat(judge.applied()).isEqualTo(expected);
    }

    private long unsent() {
        return jdbc.queryForObject("select count(*) from outbox_pending", Long.class);
    }
}
