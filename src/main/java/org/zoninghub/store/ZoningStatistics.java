package org.zoninghub.store;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Unit counts and areas of the units in force at an instant, grouped by category, division or basin. */
@Repository
public class ZoningStatistics {

    /** One group: its key, how many units, their area in m². */
    public record Group(String key, int units, double areaM2) {}

    private static final String IN_FORCE =
            "status = 'ACTIVE' and valid_from <= :t and (valid_to is null or valid_to > :t)";

    private final NamedParameterJdbcTemplate jdbc;

    public ZoningStatistics(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Group> byCategory(OffsetDateTime t) {
        return groups("category", "unit_version", t);
    }

    public List<Group> byDivision(OffsetDateTime t) {
        return groups("division_code", "unit_version", t);
    }

    public List<Group> byBasin(OffsetDateTime t) {
        return groups("basin", "unit_version cross join lateral unnest(basins) as basin", t);
    }

    public Group total(OffsetDateTime t) {
        return jdbc.queryForObject(
                "select 'ALL', count(*), coalesce(sum(area_m2), 0) from unit_version where " + IN_FORCE,
                new MapSqlParameterSource("t", t),
                (rs, n) -> new Group(rs.getString(1), rs.getInt(2), rs.getDouble(3)));
    }

    private List<Group> groups(String key, String from, OffsetDateTime t) {
        return jdbc.query(
                "select " + key + ", count(*), sum(area_m2) from " + from + " where " + IN_FORCE + " group by " + key
                        + " order by " + key,
                new MapSqlParameterSource("t", t),
                (rs, n) -> new Group(rs.getString(1), rs.getInt(2), rs.getDouble(3)));
    }
}
