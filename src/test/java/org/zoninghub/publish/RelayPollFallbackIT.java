package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoninghub.store.Announcements;

/**
 * A lost notification never stalls delivery: events committed with the outbox's notify trigger switched off (as
 * PostgreSQL does for {@code session_replication_role = replica}, so no notification at all) reach the consumer by
 * the relay's fallback poll, while the relay listens.
 */
@SpringBootTest(
        properties = {
            "zoning.publish.relay-interval=500ms",
            "zoning.publish.topics.unit-changes=" + RelayPollFallbackIT.TOPIC,
            "zoning.publish.topics.rule-changes=it-poll.rules.changes",
            "zoning.publish.topics.unit-state=it-poll.units.state"
        })
@ActiveProfiles("test")
class RelayPollFallbackIT {

    static final String TOPIC = "it-poll.units.changes";

    @Autowired
    Announcements announcements;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RelayWakeup wakeup;

    @Autowired
    Environment env;

    @Test
    void eventsWhoseNotificationIsLostAreDeliveredByThePoll() throws Exception {
        UnitChangeFixture changes = new UnitChangeFixture(announcements, tx, 2);
        try (ReferenceJudge judge =
                new ReferenceJudge(env.getRequiredProperty("spring.kafka.bootstrap-servers"), List.of(TOPIC))) {
            await().until(wakeup::isListening);
            for (int round = 1; round <= 3; round++) {
                tx.executeWithoutResult(status -> {
                    jdbc.execute("set local session_replication_role = replica");
                    changes.commit(2);
                });
                int expected = changes.committed();
                await().until(() -> judge.applied() >= expected);
            }
            assertThat(judge.applied()).isEqualTo(changes.committed());
            assertThat(judge.ledger().detectedGaps()).isEmpty();
            assertThat(wakeup.isListening()).isTrue();
        }
    }
}
