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

/** Local dynamic updates and the state of their filing (备案) with the province. */
@Repository
public class DynamicUpdateStore {

    /** Where a filing stands. NOT_SUBMITTED: the province has not accepted it yet (it is retried). */
    public enum FilingStatus {
        NOT_SUBMITTED,
        RECEIVED,
        UNDER_REVIEW,
        FILED,
        RETURNED;

        public boolean isFinal() {
            return this == FILED || this == RETURNED;
        }
    }

    public record DynamicUpdate(
            UUID id,
            String edition,
            String description,
            OffsetDateTime effectiveFrom,
            String submittedBy,
            OffsetDateTime createdAt,
            UUID syncRunId,
            String request,
            String counts,
            String filingId,
            FilingStatus filingStatus,
            String filingComment,
            String filingError,
            OffsetDateTime filingUpdatedAt) {}

    private final NamedParameterJdbcTemplate jdbc;

    public DynamicUpdateStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(
            UUID id,
            String edition,
            String description,
            OffsetDateTime effectiveFrom,
            String submittedBy,
            UUID syncRunId,
            String requestJson,
            String countsJson) {
        jdbc.update(
                "insert into dynamic_update (id, edition, description, effective_from, submitted_by, sync_run_id,"
                        + " request, counts, filing_status) values (:id, :edition, :description, :from, :by, :run,"
                        + " cast(:request as jsonb), cast(:counts as jsonb), 'NOT_SUBMITTED')",
                new MapSqlParameterSource("id", id)
                        .addValue("edition", edition)
                        .addValue("description", description)
                        .addValue("from", effectiveFrom)
                        .addValue("by", submittedBy)
                        .addValue("run", syncRunId)
                        .addValue("request", requestJson)
                        .addValue("counts", countsJson));
    }

    /** Records what the province said of a filing (or why asking failed: status unchanged, error set). */
    public void filingState(UUID id, String filingId, FilingStatus status, String comment, String error) {
        jdbc.update(
                "update dynamic_update set filing_id = coalesce(:filingId, filing_id), filing_status = :status,"
                        + " filing_comment = coalesce(:comment, filing_comment), filing_error = :error,"
                        + " filing_updated_at = now(), filing_claimed_until = null where id = :id",
                new MapSqlParameterSource("id", id)
                        .addValue("filingId", filingId)
                        .addValue("status", status.name())
                        .addValue("comment", comment)
                        .addValue("error", error));
    }

    public Optional<DynamicUpdate> find(UUID id) {
        return jdbc.query("select * from dynamic_update where id = :id", Map.of("id", id), ROW).stream()
                .findFirst();
    }

    /**
     * Claims an update that still awaits submission for {@code lease}, in a statement of its own (no row lock stays
     * held while the caller asks the province); empty when it was submitted meanwhile or another thread or hub
     * instance holds an unexpired claim. Recording its filing state ends the claim. This keeps a filing from being
     * submitted twice.
     */
    public Optional<DynamicUpdate> claimUnsubmitted(UUID id, java.time.Duration lease) {
        return jdbc
                .query(
                        "update dynamic_update set filing_claimed_until = now() + make_interval(secs => :secs)"
                                + " where id = :id and filing_status = 'NOT_SUBMITTED'"
                                + " and (filing_claimed_until is null or filing_claimed_until < now()) returning *",
                        new MapSqlParameterSource("id", id).addValue("secs", (double) lease.toMillis() / 1000),
                        ROW)
                .stream()
                .findFirst();
    }

    public Optional<DynamicUpdate> findByFilingId(String filingId) {
        return jdbc.query("select * from dynamic_update where filing_id = :id", Map.of("id", filingId), ROW).stream()
                .findFirst();
    }

    public List<DynamicUpdate> recent(int limit) {
        return jdbc.query(
                "select * from dynamic_update order by created_at desc limit :limit", Map.of("limit", limit), ROW);
    }

    /** Updates whose filing is not final yet, the least recently checked first. */
    public List<DynamicUpdate> openFilings(int limit) {
        return jdbc.query(
                "select * from dynamic_update where filing_status in ('NOT_SUBMITTED', 'RECEIVED', 'UNDER_REVIEW')"
                        + " order by filing_updated_at limit :limit",
                Map.of("limit", limit),
                ROW);
    }

    private static final RowMapper<DynamicUpdate> ROW = (rs, n) -> new DynamicUpdate(
            rs.getObject("id", UUID.class),
            rs.getString("edition"),
            rs.getString("description"),
            odt(rs.getTimestamp("effective_from")),
            rs.getString("submitted_by"),
            odt(rs.getTimestamp("created_at")),
            rs.getObject("sync_run_id", UUID.class),
            rs.getString("request"),
            rs.getString("counts"),
            rs.getString("filing_id"),
            FilingStatus.valueOf(rs.getString("filing_status")),
            rs.getString("filing_comment"),
            rs.getString("filing_error"),
            odt(rs.getTimestamp("filing_updated_at")));
}
