package org.zoninghub.store;

import static org.zoninghub.store.UnitVersions.odt;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.RuleLevel;
import org.zoninghub.zoning.UnitStatus;

/** The version history of access rules. Writes must run inside the caller's transaction. */
@Repository
public class RuleVersions {

    private static final String COLUMNS = "rule_id, version, edition, level, scope_code, dimension, seq, text,"
            + " source_text, status, content_hash, valid_from, valid_to, recorded_at";
    private static final String IN_FORCE = "valid_from <= :t and (valid_to is null or valid_to > :t)";

    /** Up to this many scopes are read by scope; more, and every latest rule is read in one pass. */
    static final int SCOPES_READ_ONE_BY_ONE = 5_000;

    private static final int SCOPES_PER_QUERY = 1_000;

    private final NamedParameterJdbcTemplate jdbc;

    public RuleVersions(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest version of every rule, by rule id (retired ones included). */
    public Map<String, StoredRule> latestAll() {
        Map<String, StoredRule> latest = new HashMap<>();
        jdbc.query("select " + COLUMNS + " from rule_version where valid_to is null", byRuleId(latest));
        return latest;
    }

    /**
     * The latest version of every rule of the given scopes (retired ones included), by rule id. Past
     * {@value #SCOPES_READ_ONE_BY_ONE} scopes (a full delivery) every rule is read in one pass instead, which may
     * hold rules of other scopes too.
     */
    public Map<String, StoredRule> latestOfScopes(Collection<String> scopeCodes) {
        if (scopeCodes.size() > SCOPES_READ_ONE_BY_ONE) {
            return latestAll();
        }
        Map<String, StoredRule> latest = new HashMap<>();
        List<String> scopes = List.copyOf(scopeCodes);
        for (int from = 0; from < scopes.size(); from += SCOPES_PER_QUERY) {
            jdbc.query(
                    "select " + COLUMNS + " from rule_version where valid_to is null and scope_code in (:scopes)",
                    new MapSqlParameterSource(
                            "scopes", scopes.subList(from, Math.min(scopes.size(), from + SCOPES_PER_QUERY))),
                    byRuleId(latest));
        }
        return latest;
    }

    /** Puts each row read into {@code into} by its rule id. */
    private static RowCallbackHandler byRuleId(Map<String, StoredRule> into) {
        return rs -> {
            StoredRule r = ROW.mapRow(rs, 0);
            into.put(r.ruleId(), r);
        };
    }

    /** Active rules in force at an instant for the given scopes, ordered by scope, dimension and clause. */
    public List<StoredRule> activeAsOf(Collection<String> scopeCodes, OffsetDateTime t) {
        if (scopeCodes.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "select " + COLUMNS + " from rule_version where status = 'ACTIVE' and scope_code in (:scopes) and "
                        + IN_FORCE + " order by scope_code, dimension, seq",
                new MapSqlParameterSource("scopes", scopeCodes).addValue("t", t),
                ROW);
    }

    /** Active rules in force at an instant, optionally of one scope and/or dimension. */
    public List<StoredRule> search(String scopeCode, Dimension dimension, OffsetDateTime t) {
        MapSqlParameterSource p = new MapSqlParameterSource("t", t);
        StringBuilder sql =
                new StringBuilder("select " + COLUMNS + " from rule_version where status = 'ACTIVE' and " + IN_FORCE);
        if (scopeCode != null) {
            sql.append(" and scope_code = :scope");
            p.addValue("scope", scopeCode);
        }
        if (dimension != null) {
            sql.append(" and dimension = :dimension");
            p.addValue("dimension", dimension.name());
        }
        sql.append(" order by level, scope_code, dimension, seq");
        return jdbc.query(sql.toString(), p, ROW);
    }

    /** Rule versions whose valid-from has arrived but which were not announced yet, in the order they apply. */
    public List<StoredRule> dueUnannounced(OffsetDateTime t) {
        return jdbc.query(
                "select " + COLUMNS + " from rule_version where not announced and valid_from <= :t"
                        + " order by valid_from, rule_id, version",
                Map.of("t", t),
                ROW);
    }

    public java.util.Optional<StoredRule> version(String ruleId, int version) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from rule_version where rule_id = :id and version = :version",
                        new MapSqlParameterSource("id", ruleId).addValue("version", version),
                        ROW)
                .stream()
                .findFirst();
    }

    public void markAnnounced(String ruleId, int version) {
        jdbc.update(
                "update rule_version set announced = true where rule_id = :id and version = :version",
                new MapSqlParameterSource("id", ruleId).addValue("version", version));
    }

    /** Appends a version and closes the previous one at the new version's valid-from. */
    public void append(StoredRule r, UUID syncRunId) {
        appendAll(List.of(r), syncRunId);
    }

    /**
     * Appends versions as {@link #append} does, one after the other, in two batches (the previous versions closed,
     * then the new ones inserted): at most one version per rule, else one by one.
     */
    public void appendAll(List<StoredRule> versions, UUID syncRunId) {
        if (versions.size() > 1
                && versions.stream().map(StoredRule::ruleId).distinct().count() < versions.size()) {
            versions.forEach(r -> appendAll(List.of(r), syncRunId));
            return;
        }
        List<StoredRule> closing =
                versions.stream().filter(r -> r.version() > 1).toList();
        if (!closing.isEmpty()) {
            int[] closed = jdbc.batchUpdate(
                    "update rule_version set valid_to = :t where rule_id = :id and version = :prev and valid_to is null",
                    closing.stream()
                            .map(r -> new MapSqlParameterSource("t", r.validFrom())
                                    .addValue("id", r.ruleId())
                                    .addValue("prev", r.version() - 1))
                            .toArray(SqlParameterSource[]::new));
            for (int i = 0; i < closing.size(); i++) {
                if (closed[i] != 1) {
                    StoredRule r = closing.get(i);
                    throw new IllegalStateException("rule " + r.ruleId() + ": version " + (r.version() - 1)
                            + " is not the latest; a concurrent change was applied");
                }
            }
        }
        if (versions.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "insert into rule_version (rule_id, version, edition, level, scope_code, dimension, seq, text,"
                        + " source_text, status, content_hash, valid_from, recorded_at, sync_run_id, announced)"
                        + " values (:id, :version, :edition, :level, :scope, :dimension, :seq, :text, :source,"
                        + " :status, :hash, :validFrom, :recordedAt, :run, :announced)",
                versions.stream()
                        .map(r -> new MapSqlParameterSource()
                                .addValue("id", r.ruleId())
                                .addValue("version", r.version())
                                .addValue("edition", r.edition())
                                .addValue("level", r.level().name())
                                .addValue("scope", r.scopeCode())
                                .addValue("dimension", r.dimension().name())
                                .addValue("seq", r.seq())
                                .addValue("text", r.text())
                                .addValue("source", r.sourceText(), Types.VARCHAR)
                                .addValue("status", r.status().name())
                                .addValue("hash", r.contentHash())
                                .addValue("validFrom", r.validFrom())
                                .addValue("recordedAt", r.recordedAt())
                                .addValue("run", syncRunId, Types.OTHER)
                                .addValue("announced", !r.validFrom().isAfter(r.recordedAt())))
                        .toArray(SqlParameterSource[]::new));
    }

    static final RowMapper<StoredRule> ROW = (rs, n) -> new StoredRule(
            rs.getString("rule_id"),
            rs.getInt("version"),
            rs.getString("edition"),
            RuleLevel.valueOf(rs.getString("level")),
            rs.getString("scope_code"),
            Dimension.valueOf(rs.getString("dimension")),
            rs.getInt("seq"),
            rs.getString("text"),
            rs.getString("source_text"),
            UnitStatus.valueOf(rs.getString("status")),
            rs.getString("content_hash"),
            odt(rs.getTimestamp("valid_from")),
            odt(rs.getTimestamp("valid_to")),
            odt(rs.getTimestamp("recorded_at")));
}
