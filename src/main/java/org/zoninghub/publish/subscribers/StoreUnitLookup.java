package org.zoninghub.publish.subscribers;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.zoninghub.publish.subscribers.SubscriberFilter.UnitFacts;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.Jurisdiction;

/**
 * The units a rule event is matched against, read from the latest unit versions in the current transaction (so a
 * unit written earlier in the same change is seen). Only the columns a filter needs are read, never the geometry,
 * and each query runs at most once per event, and only when some filter asks.
 */
final class StoreUnitLookup implements SubscriberFilter.UnitLookup {

    private static final String COLUMNS = "code, category, division_code, basins, status";
    private final RowMapper<UnitFacts> ROW = this::map;

    private final NamedParameterJdbcTemplate jdbc;
    private final Map<String, Optional<UnitFacts>> latest = new HashMap<>();
    private List<UnitFacts> active;

    private final Jurisdiction jurisdiction;

    StoreUnitLookup(NamedParameterJdbcTemplate jdbc, Jurisdiction jurisdiction) {
        this.jdbc = jdbc;
        this.jurisdiction = jurisdiction;
    }

    @Override
    public Optional<UnitFacts> latest(String code) {
        return latest.computeIfAbsent(
                code,
                c -> jdbc
                        .query(
                                "select " + COLUMNS + " from unit_version where valid_to is null and code = :code",
                                Map.of("code", c),
                                ROW)
                        .stream()
                        .findFirst());
    }

    @Override
    public Jurisdiction jurisdiction() {
        return jurisdiction;
    }

    @Override
    public List<UnitFacts> active() {
        if (active == null) {
            active = jdbc.query(
                    "select " + COLUMNS + " from unit_version where valid_to is null and status = 'ACTIVE'",
                    Map.of(),
                    ROW);
        }
        return active;
    }

    private UnitFacts map(ResultSet rs, int n) throws SQLException {
        Array basins = rs.getArray("basins");
        return new UnitFacts(
                rs.getString("code"),
                Category.valueOf(rs.getString("category")),
                rs.getString("division_code"),
                Arrays.stream((String[]) basins.getArray())
                        .map(jurisdiction::storedBasin)
                        .toList(),
                "ACTIVE".equals(rs.getString("status")));
    }
}
