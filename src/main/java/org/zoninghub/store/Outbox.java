package org.zoninghub.store;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * The transactional outbox. {@link #append} must run in the transaction of the change it announces, so that the
 * change and its event are committed together or not at all; only the publish relay reads and marks the rows.
 */
@Repository
public class Outbox {

    /**
     * An event waiting to be (or already) sent. The payload is the whole CloudEvent as JSON text in UTF-8, the bytes
     * the database sends, which the relay sends on as they are.
     */
    public record Entry(
            UUID id,
            String aggregateType,
            String aggregateId,
            String type,
            long sequence,
            long position,
            byte[] payload) {}

    /**
     * How far the relay is behind: unsent rows, the age of the oldest, and when the relay last marked a batch sent
     * (null when none is logged within the retention).
     */
    public record Backlog(long unsent, Duration oldestAge, OffsetDateTime lastSent) {}

    private static final String INSERT = "insert into outbox (id, aggregatetype, aggregateid, type, payload, sequence)"
            + " values (:id, :atype, :aid, :type, cast(:payload as json), :seq)";

    private final NamedParameterJdbcTemplate jdbc;

    public Outbox(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next event sequence of a key in a stream: 1 for its first event, then 2, 3 ... without gaps. The row lock
     * taken here also orders concurrent writers of the same key: the second waits for the first to commit.
     */
    public long nextSequence(String aggregateType, String aggregateId) {
        return jdbc.queryForObject(
                "insert into event_sequence (aggregatetype, aggregateid, last_sequence) values (:type, :id, 1)"
                        + " on conflict (aggregatetype, aggregateid)"
                        + " do update set last_sequence = event_sequence.last_sequence + 1 returning last_sequence",
                new MapSqlParameterSource("type", aggregateType).addValue("id", aggregateId),
                Long.class);
    }

    /** A stream and a key: the space in which an event's sequence counts. */
    public record StreamKey(String aggregateType, String aggregateId) implements Comparable<StreamKey> {

        private static final Comparator<StreamKey> ORDER =
                Comparator.comparing(StreamKey::aggregateType).thenComparing(StreamKey::aggregateId);

        @Override
        public int compareTo(StreamKey other) {
            return ORDER.compare(this, other);
        }
    }

    /** A row to append: see {@link #append}. */
    public record Row(UUID id, String aggregateType, String aggregateId, String type, long sequence, String json) {}

    /**
     * Reserves the next {@code count} sequences of each key in one statement, as {@link #nextSequence} does one by
     * one: returns, by key, the first of its reserved sequences (its others follow without gaps). The rows are locked
     * in the order of the keys, the same in every transaction, so that two writers of overlapping keys wait for each
     * other instead of deadlocking.
     *
     * @param counts how many sequences each key needs, each at least 1
     */
    public Map<StreamKey, Long> reserveSequences(Map<StreamKey, Integer> counts) {
        if (counts.isEmpty()) {
            return Map.of();
        }
        List<StreamKey> keys = counts.keySet().stream().sorted().toList();
        String[] types = keys.stream().map(StreamKey::aggregateType).toArray(String[]::new);
        String[] ids = keys.stream().map(StreamKey::aggregateId).toArray(String[]::new);
        long[] n = keys.stream().mapToLong(k -> counts.get(k)).toArray();
        for (long c : n) {
            if (c < 1) {
                throw new IllegalArgumentException("a key must reserve at least one sequence");
            }
        }
        Map<StreamKey, Long> first = new HashMap<>();
        jdbc.query(
                "insert into event_sequence (aggregatetype, aggregateid, last_sequence)"
                        + " select t, i, c from unnest(cast(:types as text[]), cast(:ids as text[]),"
                        + " cast(:counts as bigint[])) with ordinality as k (t, i, c, o) order by o"
                        + " on conflict (aggregatetype, aggregateid)"
                        + " do update set last_sequence = event_sequence.last_sequence + excluded.last_sequence"
                        + " returning aggregatetype, aggregateid, last_sequence",
                new MapSqlParameterSource("types", types).addValue("ids", ids).addValue("counts", n),
                rs -> {
                    StreamKey key = new StreamKey(rs.getString(1), rs.getString(2));
                    first.put(key, rs.getLong(3) - counts.get(key) + 1);
                });
        if (first.size() != counts.size()) {
            throw new IllegalStateException(
                    "reserved sequences for " + first.size() + " of " + counts.size() + " keys");
        }
        return first;
    }

    /**
     * Appends rows as {@link #append} does, in one batch and in the order given (which is their order for the relay).
     * Must run in the transaction of the changes they announce.
     */
    public void appendAll(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                INSERT,
                rows.stream()
                        .map(r -> new MapSqlParameterSource("id", r.id())
                                .addValue("atype", r.aggregateType())
                                .addValue("aid", r.aggregateId())
                                .addValue("type", r.type())
                                .addValue("payload", r.json())
                                .addValue("seq", r.sequence()))
                        .toArray(SqlParameterSource[]::new));
    }

    /**
     * Appends an event: its stream as the aggregate type (which tells the relay the topic), its key as the aggregate
     * id. Must run in the transaction of the change it announces.
     */
    public void append(UUID id, String aggregateType, String aggregateId, String type, long sequence, String json) {
        jdbc.update(
                INSERT,
                new MapSqlParameterSource("id", id)
                        .addValue("atype", aggregateType)
                        .addValue("aid", aggregateId)
                        .addValue("type", type)
                        .addValue("payload", json)
                        .addValue("seq", sequence));
    }

    /**
     * Pending positions the relay may send: of no key (stream and aggregate id) with an open dead letter. An outbox row
     * is unsent while its position is in {@code outbox_pending} (entered by the outbox's insert trigger, V18), and sent
     * once {@link #markSent} deleted it from there.
     */
    private static String sendable(String alias) {
        return "not exists (select 1 from outbox_dead_letter d where d.replayed_at is null and d.aggregatetype = "
                + alias + ".aggregatetype and d.aggregateid = " + alias + ".aggregateid)";
    }

    /**
     * The rows of a batch, whole, from the positions a query {@code batch} of pending positions chose first (an index
     * scan of a narrow table, never carrying payloads), each fetched through the outbox's position index. The database
     * neither sorts payloads nor scans the outbox, whatever its statistics say (right after a large sync it has none).
     * The caller puts the rows in position order ({@link #inOrder}).
     */
    private static String entries(String batch) {
        return "select o.id, o.aggregatetype, o.aggregateid, o.type, o.sequence, o.position, o.payload::text as payload"
                + " from outbox o where o.position = any(array(" + batch + "))";
    }

    private static List<Entry> inOrder(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::position));
        return sorted;
    }

    private static final RowMapper<Entry> ENTRY = (rs, n) -> new Entry(
            rs.getObject("id", UUID.class),
            rs.getString("aggregatetype"),
            rs.getString("aggregateid"),
            rs.getString("type"),
            rs.getLong("sequence"),
            rs.getLong("position"),
            // the JSON text as the server sent it (UTF-8; pgjdbc returns a text column's bytes undecoded)
            rs.getBytes("payload"));

    /**
     * The oldest unsent rows in commit order, except those of a key (stream and aggregate id) with an open dead letter:
     * they wait behind it, in order, until it is replayed.
     */
    public List<Entry> unsent(int limit) {
        return inOrder(jdbc.query(
                entries("select p.position from outbox_pending p where " + sendable("p")
                        + " order by p.position limit :limit"),
                Map.of("limit", limit),
                ENTRY));
    }

    /**
     * The rows that follow a batch the relay is still sending: the oldest sendable rows above position {@code after}
     * (the batch's last), in commit order, provided that the batch's own rows, {@code inFlight} of them from position
     * {@code first} to {@code after}, are the only sendable rows at or below it: none lies below {@code first}, and
     * {@code inFlight} lie from {@code first} to {@code after}. Otherwise none: a row below {@code after} is sendable
     * that the batch did not hold (a transaction that committed after later ones, a dead letter replayed, an earlier
     * batch whose mark failed), and it must go before the rows above, since a later event of its key may be among
     * them; the relay reads from the oldest again once the batch is marked. One statement, so the rows and the checks
     * come from one snapshot. Both checks read pending positions only: the oldest sendable one, and those of the
     * batch's range.
     */
    public List<Entry> unsentAfter(long first, long after, int inFlight, int limit) {
        return inOrder(jdbc.query(
                entries("select p.position from outbox_pending p where p.position > :after and " + sendable("p")
                        + " and (select b.position from outbox_pending b where " + sendable("b")
                        + " order by b.position limit 1) = :first"
                        + " and (select count(*) from outbox_pending b where b.position between :first and :after and "
                        + sendable("b") + ") = :inFlight order by p.position limit :limit"),
                Map.of("first", first, "after", after, "inFlight", inFlight, "limit", limit),
                ENTRY));
    }

    /**
     * Marks rows sent: deletes their positions from {@code outbox_pending} and logs the mark in
     * {@code outbox_relay_log} (its time, how many, the range of positions), one statement. Returns how many were
     * still pending; rows marked before count for nothing and log nothing.
     */
    public int markSent(Collection<Long> positions) {
        if (positions.isEmpty()) {
            return 0;
        }
        // one array parameter: the same statement whatever the batch's size, where an IN list is parsed anew with a
        // parameter per row
        List<Integer> logged = jdbc.getJdbcTemplate()
                .query(
                        "with marked as (delete from outbox_pending where position = any(?) returning position)"
                                + " insert into outbox_relay_log (events, first_position, last_position)"
                                + " select count(*), min(position), max(position) from marked having count(*) > 0"
                                + " returning events",
                        ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", positions.toArray())),
                        (rs, n) -> rs.getInt(1));
        return logged.isEmpty() ? 0 : logged.get(0);
    }

    /** A row the broker refused for good, as an administrator sees it. */
    public record DeadLetter(
            long id,
            UUID outboxId,
            String aggregateType,
            String aggregateId,
            String topic,
            String type,
            String reason,
            OffsetDateTime failedAt,
            OffsetDateTime replayedAt,
            long waiting) {}

    /** Records a row as a dead letter: it and the later rows of its key are held back until it is replayed. */
    public void deadLetter(Entry entry, String topic, String reason) {
        jdbc.update(
                "insert into outbox_dead_letter (outbox_id, aggregatetype, aggregateid, topic, type, reason)"
                        + " values (:id, :aggregateType, :aggregateId, :topic, :type, :reason)",
                new MapSqlParameterSource("id", entry.id())
                        .addValue("aggregateType", entry.aggregateType())
                        .addValue("aggregateId", entry.aggregateId())
                        .addValue("topic", topic)
                        .addValue("type", entry.type())
                        .addValue("reason", reason));
    }

    /** Dead letters, newest first, each with how many unsent rows of its key wait behind it (while it is open). */
    public List<DeadLetter> deadLetters(int limit) {
        return jdbc.query(
                "select d.*, case when d.replayed_at is null then (select count(*) from outbox_pending p"
                        + " where p.aggregatetype = d.aggregatetype and p.aggregateid = d.aggregateid) else 0 end"
                        + " as waiting from outbox_dead_letter d order by d.id desc limit :limit",
                Map.of("limit", limit),
                (rs, n) -> new DeadLetter(
                        rs.getLong("id"),
                        rs.getObject("outbox_id", UUID.class),
                        rs.getString("aggregatetype"),
                        rs.getString("aggregateid"),
                        rs.getString("topic"),
                        rs.getString("type"),
                        rs.getString("reason"),
                        rs.getObject("failed_at", OffsetDateTime.class),
                        rs.getObject("replayed_at", OffsetDateTime.class),
                        rs.getLong("waiting")));
    }

    /** Reopens a dead letter's key: the relay sends the row and its successors again. False when not open. */
    public boolean replay(long deadLetterId) {
        return jdbc.update(
                        "update outbox_dead_letter set replayed_at = now() where id = :id and replayed_at is null",
                        Map.of("id", deadLetterId))
                == 1;
    }

    /** Open dead letters (not replayed). */
    public long openDeadLetters() {
        return jdbc.queryForObject(
                "select count(*) from outbox_dead_letter where replayed_at is null", Map.of(), Long.class);
    }

    /**
     * Deletes the sent rows written before the given instant, except those a dead letter names (they stay while their
     * dead letter is listed), and the relay's log of marks before it; returns how many rows.
     */
    public int purgeSentWrittenBefore(OffsetDateTime before) {
        Map<String, Object> params = Map.of("before", before);
        jdbc.update("delete from outbox_relay_log where sent_at < :before", params);
        return jdbc.update(
                "delete from outbox o where o.created_at < :before"
                        + " and not exists (select 1 from outbox_pending p where p.position = o.position)"
                        + " and not exists (select 1 from outbox_dead_letter d where d.outbox_id = o.id)",
                params);
    }

    /**
     * Unsent rows, the age of the first in line (the oldest pending position), and the relay's last mark: a count of
     * the narrow pending table, one row of the outbox, one entry of the relay's log.
     */
    public Backlog backlog() {
        return jdbc.queryForObject(
                "select count(*), coalesce(extract(epoch from now() - (select o.created_at from outbox o"
                        + " where o.position = (select min(position) from outbox_pending))), 0),"
                        + " (select max(sent_at) from outbox_relay_log) from outbox_pending",
                Map.of(),
                (rs, n) -> new Backlog(
                        rs.getLong(1),
                        Duration.ofMillis((long) (rs.getDouble(2) * 1000)),
                        rs.getObject(3, OffsetDateTime.class)));
    }
}
