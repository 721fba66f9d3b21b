package org.zoninghub.store;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.RuleLevel;

/**
 * Paged reads of the active rules in force at an instant for the HTTP APIs, ordered by level (city, basin, unit),
 * scope, dimension and clause, then rule id.
 */
@Repository
public class RuleQueries {

    /** What to select; a null field is not constrained. */
    public record Criteria(OffsetDateTime t, String scopeCode, RuleLevel level, Dimension dimension) {}

    private static final String COLUMNS = "rule_id, version, edition, level, scope_code, dimension, seq, text,"
            + " source_text, status, content_hash, valid_from, valid_to, recorded_at";

    private final NamedParameterJdbcTemplate jdbc;

    public RuleQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public int count(Criteria c) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        Integer n = jdbc.queryForObject("select count(*) from rule_version where " + where(c, p), p, Integer.class);
        return n == null ? 0 : n;
    }

    public List<StoredRule> page(Criteria c, int offset, int limit) {
        MapSqlParameterSource p =
                new MapSqlParameterSource().addValue("offset", offset).addValue("limit", limit);
        return jdbc.query(
                "select " + COLUMNS + " from rule_version where " + where(c, p)
                        + " order by case level when 'CITY' then 0 when 'BASIN' then 1 else 2 end, scope_code,"
                        + " dimension, seq, rule_id offset :offset limit :limit",
                p,
                RuleVersions.ROW);
    }

    private static String where(Criteria c, MapSqlParameterSource p) {
        StringBuilder w =
                new StringBuilder("status = 'ACTIVE' and valid_from <= :t and (valid_to is null or valid_to > :t)");
        p.addValue("t", c.t());
        if (c.scopeCode() != null) {
            w.append(" and scope_code = :scope");
            p.addValue("scope", c.scopeCode());
        }
        if (c.level() != null) {
            w.append(" and level = :level");
            p.addValue("level", c.level().name());
        }
        if (c.dimension() != null) {
            w.append(" and dimension = :dimension");
            p.addValue("dimension", c.dimension().name());
        }
        return w.toString();
    }
}
