package org.zoninghub.store;

import static org.zoninghub.store.UnitVersions.odt;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The audit trail (table {@code audit_event}): appended to, never changed; the database refuses UPDATE, DELETE and
 * TRUNCATE on it.
 */
@Repository
public class AuditLog {

    /**
     * One audited request.
     *
     * @param actor who: the administrator's or the credential's user name, or {@code anonymous}
     * @param auth how they authenticated: {@code SESSION}, {@code BASIC}, {@code API_KEY}, {@code BEARER} or
     *     {@code NONE}
     * @param action what: the method and the endpoint's path pattern
     * @param target the path variables of the request ({@code id=sync.inbox}), or null
     * @param outcome the HTTP status answered
     * @param client the client's address
     * @param detail what else identifies the request (its query), or null
     */
    public record Event(
            long id,
            OffsetDateTime at,
            String actor,
            String auth,
            String action,
            String target,
            int outcome,
            String client,
            String detail) {}

    /** What to select: each non-null criterion restricts; {@code before} pages (events with a smaller id). */
    public record Query(
            String actor,
            String action,
            String target,
            OffsetDateTime from,
            OffsetDateTime to,
            Long before,
            int limit) {}

    private final NamedParameterJdbcTemplate jdbc;

    public AuditLog(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void append(
            String actor, String auth, String action, String target, int outcome, String client, String detail) {
        jdbc.update(
                "insert into audit_event (actor, auth, action, target, outcome, client, detail)"
                        + " values (:actor, :auth, :action, :target, :outcome, :client, :detail)",
                new MapSqlParameterSource("actor", actor)
                        .addValue("auth", auth)
                        .addValue("action", action)
                        .addValue("target", target)
                        .addValue("outcome", outcome)
                        .addValue("client", client)
                        .addValue("detail", detail));
    }

    /** Events newest first. {@code action} and {@code target} match a substring, {@code actor} exactly. */
    public List<Event> find(Query q) {
        StringBuilder sql = new StringBuilder("select * from audit_event where true");
        MapSqlParameterSource p = new MapSqlParameterSource("limit", q.limit());
        if (q.actor() != null) {
            sql.append(" and actor = :actor");
            p.addValue("actor", q.actor());
        }
        if (q.action() != null) {
            sql.append(" and strpos(action, :action) > 0");
            p.addValue("action", q.action());
        }
        if (q.target() != null) {
            sql.append(" and strpos(coalesce(target, ''), :target) > 0");
            p.addValue("target", q.target());
        }
        if (q.from() != null) {
            sql.append(" and at >= :from");
            p.addValue("from", q.from());
        }
        if (q.to() != null) {
            sql.append(" and at < :to");
            p.addValue("to", q.to());
        }
        if (q.before() != null) {
            sql.append(" and id < :before");
            p.addValue("before", q.before());
        }
        sql.append(" order by id desc limit :limit");
        return jdbc.query(sql.toString(), p, row);
    }

    private final RowMapper<Event> row = (rs, n) -> new Event(
            rs.getLong("id"),
            odt(rs.getTimestamp("at")),
            rs.getString("actor"),
            rs.getString("auth"),
            rs.getString("action"),
            rs.getString("target"),
            rs.getInt("outcome"),
            rs.getString("client"),
            rs.getString("detail"));
}
