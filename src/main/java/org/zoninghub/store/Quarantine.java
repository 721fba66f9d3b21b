package org.zoninghub.store;

import static org.zoninghub.store.UnitVersions.odt;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Records a sync run rejected, as received, with the reason (written by {@link SyncRuns#quarantine}). A record is
 * resolved, never deleted: REPLAYED once a replay of it succeeded, or DISCARDED with a reason.
 */
@Repository
public class Quarantine {

    public enum Status {
        OPEN,
        REPLAYED,
        DISCARDED
    }

    /**
     * A quarantined record.
     *
     * @param source the source of the run that rejected it (the platform's URL, the file name …)
     * @param payload the record as received (JSON text), or null when it was not kept (a defect of a file as a
     *     whole); only {@link #find} fills it
     * @param replayRunId the run of the replay that resolved it, or null
     */
    public record Item(
            long id,
            UUID runId,
            String source,
            String record,
            String reason,
            Status status,
            OffsetDateTime receivedAt,
            OffsetDateTime resolvedAt,
            String resolvedBy,
            String resolution,
            UUID replayRunId,
            String payload) {}

    /** Criteria of a listing; each non-null one restricts. {@code after} pages: items with a greater id. */
    public record Query(UUID run, String source, String reason, String record, Status status, Long after, int limit) {}

    private final NamedParameterJdbcTemplate jdbc;

    public Quarantine(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Items in the order they were quarantined. {@code source} and {@code reason} match a substring, {@code record}
     * and {@code run} exactly.
     */
    public List<Item> find(Query q) {
        StringBuilder sql = new StringBuilder(
                "select q.*, r.source, null as payload_text from quarantine q join sync_run r on r.id = q.sync_run_id"
                        + " where true");
        MapSqlParameterSource p = new MapSqlParameterSource("limit", q.limit());
        if (q.run() != null) {
            sql.append(" and q.sync_run_id = :run");
            p.addValue("run", q.run());
        }
        if (q.source() != null) {
            sql.append(" and strpos(r.source, :source) > 0");
            p.addValue("source", q.source());
        }
        if (q.reason() != null) {
            sql.append(" and strpos(q.reason, :reason) > 0");
            p.addValue("reason", q.reason());
        }
        if (q.record() != null) {
            sql.append(" and q.record = :record");
            p.addValue("record", q.record());
        }
        if (q.status() != null) {
            sql.append(" and q.status = :status");
            p.addValue("status", q.status().name());
        }
        if (q.after() != null) {
            sql.append(" and q.id > :after");
            p.addValue("after", q.after());
        }
        sql.append(" order by q.id limit :limit");
        return jdbc.query(sql.toString(), p, row);
    }

    /** The item with its payload. */
    public Optional<Item> find(long id) {
        return jdbc
                .query(
                        "select q.*, r.source, q.payload as payload_text from quarantine q"
                                + " join sync_run r on r.id = q.sync_run_id where q.id = :id",
                        Map.of("id", id),
                        row)
                .stream()
                .findFirst();
    }

    /** Marks an OPEN item REPLAYED by the given run; false when it was no longer OPEN. */
    public boolean markReplayed(long id, UUID runId, String by) {
        return jdbc.update(
                        "update quarantine set status = 'REPLAYED', resolved_at = now(), resolved_by = :by,"
                                + " resolution = :resolution, replay_run_id = :run where id = :id and status = 'OPEN'",
                        new MapSqlParameterSource("id", id)
                                .addValue("by", by)
                                .addValue("run", runId)
                                .addValue("resolution", "replayed in sync run " + runId))
                > 0;
    }

    /** Marks an OPEN item DISCARDED with the reason; false when it was no longer OPEN. */
    public boolean markDiscarded(long id, String by, String reason) {
        return jdbc.update(
                        "update quarantine set status = 'DISCARDED', resolved_at = now(), resolved_by = :by,"
                                + " resolution = :reason where id = :id and status = 'OPEN'",
                        new MapSqlParameterSource("id", id).addValue("by", by).addValue("reason", reason))
                > 0;
    }

    /** How many items are in each status. */
    public Map<Status, Long> countByStatus() {
        Map<Status, Long> counts = new java.util.EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("select status, count(*) from quarantine group by status", Map.of(), rs -> {
            counts.put(Status.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }

    private final RowMapper<Item> row = (rs, n) -> new Item(
            rs.getLong("id"),
            rs.getObject("sync_run_id", UUID.class),
            rs.getString("source"),
            rs.getString("record"),
            rs.getString("reason"),
            Status.valueOf(rs.getString("status")),
            odt(rs.getTimestamp("created_at")),
            odt(rs.getTimestamp("resolved_at")),
            rs.getString("resolved_by"),
            rs.getString("resolution"),
            rs.getObject("replay_run_id", UUID.class),
            rs.getString("payload_text"));
}
