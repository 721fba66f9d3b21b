package org.zoninghub.publish.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.publish.RelayLock;
import org.zoninghub.store.Announcements;
import org.zoninghub.store.Outbox;

/**
 * The relay's read ahead against real PostgreSQL: the batch after the one being sent is read while it is sent, and
 * only when nothing unsent lies below it that the batch in flight does not hold. The route is stopped; the test
 * drives the pipeline as the route does (next, read ahead, mark).
 */
@SpringBootTest(properties = {"zoning.publish.relay-enabled=false", "zoning.publish.relay-listen=false"})
@ActiveProfiles("test")
class RelayPipelineIT {

    @Autowired
    Outbox outbox;

    @Autowired
    RelayLock lock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    RelayPipeline pipeline;

    @BeforeEach
    void emptyOutbox() {
        jdbc.update("delete from outbox_dead_letter");
        jdbc.update("delete from outbox");
        pipeline = new RelayPipeline(outbox, lock);
    }

    @AfterEach
    void stop() throws InterruptedException {
        pipeline.destroy();
    }

    @Test
    void theNextBatchIsReadAheadWhileOneIsSentAndComesInCommitOrder() throws Exception {
        for (int i = 1; i <= 5; i++) {
            insert(jdbc::update, "ZH2204021000" + i, 1);
        }
        List<Outbox.Entry> first = pipeline.next(2);
        pipeline.readAhead(first, 2);
        // committed while the first batch is in flight, after its read ahead may have run: comes in a later batch
        insert(jdbc::update, "ZH22040210006", 1);
        pipeline.markSent(positions(first), n -> {});
        List<Outbox.Entry> second = pipeline.next(2);
        pipeline.readAhead(second, 2);
        pipeline.markSent(positions(second), n -> {});
        List<Outbox.Entry> third = pipeline.next(2);

        assertThat(keys(first)).containsExactly("ZH22040210001", "ZH22040210002");
        assertThat(keys(second)).containsExactly("ZH22040210003", "ZH22040210004");
        assertThat(keys(third)).containsExactly("ZH22040210005", "ZH22040210006");
        pipeline.markSent(positions(third), n -> {});
        assertThat(pipeline.next(2)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from outbox_pending", Long.class))
                .isZero();
    }

    @Test
    void aMarkDeletesTheBatchFromThePendingPositionsAndLogsItOnce() throws Exception {
        jdbc.update("delete from outbox_relay_log");
        for (int i = 1; i <= 3; i++) {
            insert(jdbc::update, "ZH2204021000" + i, 1);
        }
        List<Outbox.Entry> batch = pipeline.next(10);
        assertThat(batch).hasSize(3);
        assertThat(jdbc.queryForList("select position from outbox_pending order by position", Long.class))
                .as("every row written is pending")
                .isEqualTo(positions(batch));

        List<Integer> marked = new CopyOnWriteArrayList<>();
        pipeline.markSent(positions(batch), marked::add);
        pipeline.markSent(positions(batch), marked::add); // a batch marked again (sent again after a failed mark)
        assertThat(pipeline.next(10)).isEmpty();

        assertThat(marked).containsExactly(3, 0);
        assertThat(jdbc.queryForObject("select count(*) from outbox_pending", Long.class))
                .isZero();
        assertThat(jdbc.queryForMap("select events, first_position, last_position from outbox_relay_log"))
                .containsEntry("events", 3)
                .containsEntry("first_position", batch.get(0).position())
                .containsEntry("last_position", batch.get(2).position());
        assertThat(jdbc.queryForObject("select count(*) from outbox", Long.class))
                .as("a mark keeps the rows")
                .isEqualTo(3);
    }

    /**
     * A transaction that took its outbox position before the batch in flight but commits after it, followed by a later
     * event of its key: the read ahead (rows above the batch) would send the later event first. It is refused, and the
     * next batch starts from the oldest unsent row, once the batch in flight is marked.
     */
    @Test
    void aTransactionThatCommitsLateBelowTheBatchGoesBeforeTheLaterEventsOfItsKey() throws Exception {
        lateTransaction(false);
    }

    /** The same with the late transaction's position between the batch's first and last rows. */
    @Test
    void aTransactionThatCommitsLateWithinTheBatchGoesBeforeTheLaterEventsOfItsKey() throws Exception {
        lateTransaction(true);
    }

    private void lateTransaction(boolean withinTheBatch) throws Exception {
        String late = "ZH22040210009";
        if (withinTheBatch) {
            insert(jdbc::update, "ZH22040210001", 1);
        }
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Thread slow = new Thread(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                insert(
                        (sql, args) -> {
                            try (PreparedStatement s = c.prepareStatement(sql)) {
                                for (int i = 0; i < args.length; i++) {
                                    s.setObject(i + 1, args[i]);
                                }
                                return s.executeUpdate();
                            }
                        },
                        late,
                        1);
                inserted.countDown();
                commit.await(30, TimeUnit.SECONDS);
                c.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        slow.start();
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
        if (!withinTheBatch) {
            insert(jdbc::update, "ZH22040210001", 1);
        }
        insert(jdbc::update, "ZH22040210002", 1);

        List<Outbox.Entry> inFlight = pipeline.next(2);
        assertThat(keys(inFlight)).containsExactly("ZH22040210001", "ZH22040210002");
        commit.countDown();
        slow.join(30_000);
        long position = jdbc.queryForObject(
                "select position from outbox where aggregateid = ? and sequence = 1", Long.class, late);
        assertThat(position)
                .as("the late transaction's position")
                .isGreaterThan(withinTheBatch ? inFlight.get(0).position() : 0)
                .isLessThan(
                        withinTheBatch
                                ? inFlight.get(1).position()
                                : inFlight.get(0).position());
        insert(jdbc::update, late, 2); // the key's next event, above the batch in flight
        pipeline.readAhead(inFlight, 2);
        pipeline.markSent(positions(inFlight), n -> {});

        List<Outbox.Entry> next = pipeline.next(2);
        assertThat(next)
                .extracting(Outbox.Entry::aggregateId, Outbox.Entry::sequence)
                .as("the late transaction's event first, then its key's next")
                .containsExactly(tuple(late, 1L), tuple(late, 2L));
    }

    @FunctionalInterface
    interface Update {
        int update(String sql, Object... args) throws Exception;
    }

    private static void insert(Update update, String key, long sequence) throws Exception {
        update.update(
                "insert into outbox (id, aggregatetype, aggregateid, type, payload, sequence)"
                        + " values (?, ?, ?, 'zoning.unit.updated', cast(? as json), ?)",
                UUID.randomUUID(),
                Announcements.UNIT_STREAM,
                key,
                "{\"subject\":\"" + key + "\",\"sequence\":" + sequence + "}",
                sequence);
    }

    private static List<Long> positions(List<Outbox.Entry> entries) {
        return entries.stream().map(Outbox.Entry::position).toList();
    }

    private static List<String> keys(List<Outbox.Entry> entries) {
        return entries.stream().map(Outbox.Entry::aggregateId).toList();
    }
}
