package org.zoninghub.store;

import static org.zoninghub.store.UnitVersions.odt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Sync runs (provincial pulls and file imports) with their outcome, counts and rejected records. */
@Repository
public class SyncRuns {

    public enum Trigger {
        STARTUP,
        SCHEDULE,
        ADMIN,
        FILE
    }

    /** What a provincial pull asked for: every record, or those updated since the source's cursor. */
    public enum Mode {
        FULL,
        INCREMENTAL
    }

    public enum Outcome {
        RUNNING,
        SUCCEEDED,
        FAILED,
        REJECTED,
        /** Would retire too many units: nothing applied, waiting for an administrator to confirm or discard it. */
        HELD
    }

    /** Unit counts of a run (docs/http-api.md), with the rule counts beside them. */
    public record Counts(int created, int updated, int retired, int unchanged, int rejected, RuleCounts rules) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, RuleCounts.ZERO);
    }

    public record RuleCounts(int created, int updated, int retired, int unchanged) {
        public static final RuleCounts ZERO = new RuleCounts(0, 0, 0, 0);
    }

    public record Rejection(String record, String reason) {}

    public record SyncRun(
            UUID id,
            Trigger trigger,
            String source,
            OffsetDateTime startedAt,
            OffsetDateTime endedAt,
            Outcome outcome,
            Counts counts,
            String error,
            List<Rejection> rejected,
            Mode mode,
            List<String> retiring) {}

    /** Every column but the held delivery, which only a confirmation reads. */
    private static final String COLUMNS =
            "id, trigger, source, started_at, ended_at, outcome, counts, error, rejected," + " mode, retiring";

    /**
     * Told of every run that ends (SUCCEEDED, FAILED, REJECTED), after it is recorded: the sync metrics implement it.
     * A listener's failure is logged and never fails the run.
     */
    public interface Listener {
        void finished(SyncRun run);
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SyncRuns.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final List<Listener> listeners;

    public SyncRuns(NamedParameterJdbcTemplate jdbc, ObjectMapper json, List<Listener> listeners) {
        this.jdbc = jdbc;
        this.json = json;
        this.listeners = List.copyOf(listeners);
    }

    public SyncRun start(Trigger trigger, String source) {
        return start(trigger, source, null);
    }

    /** Records a new run as RUNNING; {@code mode} for provincial pulls, null otherwise. */
    public SyncRun start(Trigger trigger, String source, Mode mode) {
        return start(trigger, source, mode, null);
    }

    /** Records a new file import as RUNNING, owned by one hub instance ({@link #failAbandonedImports}). */
    public SyncRun startImport(String source, String owner) {
        return start(Trigger.FILE, source, null, owner);
    }

    private SyncRun start(Trigger trigger, String source, Mode mode, String owner) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into sync_run (id, trigger, source, started_at, outcome, counts, mode, owner)"
                        + " values (:id, :trigger, :source, now(), 'RUNNING', cast(:counts as jsonb), :mode, :owner)",
                new MapSqlParameterSource("id", id)
                        .addValue("trigger", trigger.name())
                        .addValue("source", source)
                        .addValue("counts", write(Counts.ZERO))
                        .addValue("mode", mode == null ? null : mode.name())
                        .addValue("owner", owner));
        return find(id).orElseThrow();
    }

    public void finish(UUID id, Outcome outcome, Counts counts, String error, List<Rejection> rejected) {
        jdbc.update(
                "update sync_run set ended_at = now(), outcome = :outcome, counts = cast(:counts as jsonb),"
                        + " error = :error, rejected = cast(:rejected as jsonb) where id = :id",
                new MapSqlParameterSource("id", id)
                        .addValue("outcome", outcome.name())
                        .addValue("counts", write(counts))
                        .addValue("error", error)
                        .addValue("rejected", write(rejected)));
        if (!listeners.isEmpty()) {
            find(id).ifPresent(run -> listeners.forEach(l -> {
                try {
                    l.finished(run);
                } catch (RuntimeException e) {
                    log.warn("a sync run listener failed for run {}: {}", id, e.getMessage());
                }
            }));
        }
    }

    /**
     * The latest run of these triggers that ended with the outcome ({@code null}: any outcome but RUNNING), from the
     * source ({@code null}: any source), or empty.
     */
    public Optional<SyncRun> latest(List<Trigger> triggers, String source, Outcome outcome) {
        MapSqlParameterSource p = new MapSqlParameterSource(
                "triggers", triggers.stream().map(Trigger::name).toList());
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from sync_run where trigger in (:triggers)");
        if (outcome == null) {
            sql.append(" and outcome <> 'RUNNING'");
        } else {
            sql.append(" and outcome = :outcome");
            p.addValue("outcome", outcome.name());
        }
        if (source != null) {
            sql.append(" and source = :source");
            p.addValue("source", source);
        }
        sql.append(" order by started_at desc limit 1");
        return jdbc.query(sql.toString(), p, row).stream().findFirst();
    }

    /**
     * Ends a run HELD: nothing applied; {@code delivery} (JSON) is what a confirmation applies, {@code retiring} the
     * units it would retire.
     */
    public void hold(
            UUID id, Counts counts, String reason, List<Rejection> rejected, List<String> retiring, String delivery) {
        jdbc.update(
                "update sync_run set ended_at = now(), outcome = 'HELD', counts = cast(:counts as jsonb),"
                        + " error = :error, rejected = cast(:rejected as jsonb), retiring = :retiring,"
                        + " held_delivery = cast(:delivery as jsonb) where id = :id",
                new MapSqlParameterSource("id", id)
                        .addValue("counts", write(counts))
                        .addValue("error", reason)
                        .addValue("rejected", write(rejected))
                        .addValue("retiring", retiring.toArray(String[]::new))
                        .addValue("delivery", delivery));
    }

    /** The delivery a HELD run keeps, as JSON; empty when the run is not HELD. */
    public Optional<String> heldDelivery(UUID id) {
        return jdbc
                .query(
                        "select held_delivery from sync_run where id = :id and outcome = 'HELD'",
                        Map.of("id", id),
                        (rs, n) -> rs.getString(1))
                .stream()
                .findFirst();
    }

    /**
     * Ends a HELD run as {@code outcome} (SUCCEEDED once confirmed, REJECTED once discarded) and drops the delivery
     * it kept; false when the run is no longer HELD (another administrator was quicker).
     */
    public boolean release(UUID id, Outcome outcome, Counts counts, String error) {
        return jdbc.update(
                        "update sync_run set ended_at = now(), outcome = :outcome, counts = cast(:counts as jsonb),"
                                + " error = :error, held_delivery = null where id = :id and outcome = 'HELD'",
                        new MapSqlParameterSource("id", id)
                                .addValue("outcome", outcome.name())
                                .addValue("counts", write(counts))
                                .addValue("error", error))
                == 1;
    }

    /** The runs HELD for an administrator, oldest first: what health reports. */
    public List<SyncRun> held() {
        return jdbc.query(
                "select " + COLUMNS + " from sync_run where outcome = 'HELD' order by started_at", Map.of(), row);
    }

    /** Records rejected records in the quarantine, with the run that rejected them and each record as received. */
    public void quarantine(UUID runId, List<Rejection> rejected, Map<String, String> payloads) {
        for (Rejection r : rejected) {
            jdbc.update(
                    "insert into quarantine (sync_run_id, record, reason, payload)"
                            + " values (:run, :record, :reason, :payload)",
                    new MapSqlParameterSource("run", runId)
                            .addValue("record", r.record())
                            .addValue("reason", r.reason())
                            .addValue("payload", payloads.get(r.record())));
        }
    }

    /**
     * Records which column of each file of a file import filled which field: file name → field code → column name.
     */
    public void recordFieldMappings(UUID id, Map<String, Map<String, String>> mappings) {
        jdbc.update(
                "update sync_run set field_mappings = cast(:m as jsonb) where id = :id",
                new MapSqlParameterSource("id", id).addValue("m", write(mappings)));
    }

    /** The field mappings a file import recorded ({@link #recordFieldMappings}); empty when it recorded none. */
    public Map<String, Map<String, String>> fieldMappings(UUID id) {
        List<String> found = jdbc.queryForList(
                "select field_mappings::text from sync_run where id = :id and field_mappings is not null",
                Map.of("id", id),
                String.class);
        return found.isEmpty()
                ? Map.of()
                : read(found.get(0), new TypeReference<java.util.LinkedHashMap<String, Map<String, String>>>() {});
    }

    public Optional<SyncRun> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from sync_run where id = :id", Map.of("id", id), row).stream()
                .findFirst();
    }

    public List<SyncRun> recent(int limit) {
        return jdbc.query(
                "select " + COLUMNS + " from sync_run order by started_at desc limit :limit",
                Map.of("limit", limit),
                row);
    }

    /**
     * Marks provincial pulls left RUNNING as FAILED. Call it only while holding the {@link SyncLock}: every pull is
     * run under that lock, so a RUNNING pull that the holder did not start belongs to a process that died.
     */
    public int failAbandonedPulls(String reason) {
        return jdbc.update(
                "update sync_run set outcome = 'FAILED', ended_at = now(), error = :reason"
                        + " where outcome = 'RUNNING' and trigger <> 'FILE'",
                Map.of("reason", reason));
    }

    /**
     * Marks file imports left RUNNING by a stopped hub as FAILED: those of {@code owner} (this instance, by host and
     * inbox; or of no recorded owner) started before {@code startedBefore} (this process's start), except the ones
     * being resumed. Another live instance's imports are never touched.
     */
    public int failAbandonedImports(
            String reason, String owner, OffsetDateTime startedBefore, java.util.Collection<UUID> except) {
        return jdbc.update(
                "update sync_run set outcome = 'FAILED', ended_at = now(), error = :reason"
                        + " where outcome = 'RUNNING' and trigger = 'FILE' and started_at < :before"
                        + " and (owner = :owner or owner is null) and not (id = any(:except))",
                new MapSqlParameterSource("reason", reason)
                        .addValue("owner", owner)
                        .addValue("before", startedBefore)
                        .addValue("except", except.toArray(UUID[]::new)));
    }

    private final RowMapper<SyncRun> row = (rs, n) -> new SyncRun(
            rs.getObject("id", UUID.class),
            Trigger.valueOf(rs.getString("trigger")),
            rs.getString("source"),
            odt(rs.getTimestamp("started_at")),
            odt(rs.getTimestamp("ended_at")),
            Outcome.valueOf(rs.getString("outcome")),
            read(rs.getString("counts"), new TypeReference<Counts>() {}),
            rs.getString("error"),
            read(rs.getString("rejected"), new TypeReference<List<Rejection>>() {}),
            rs.getString("mode") == null ? null : Mode.valueOf(rs.getString("mode")),
            rs.getArray("retiring") == null
                    ? null
                    : List.of((String[]) rs.getArray("retiring").getArray()));

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable sync_run column: " + e.getOriginalMessage(), e);
        }
    }
}
