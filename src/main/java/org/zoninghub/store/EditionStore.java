package org.zoninghub.store;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Published states of the whole zoning ("2025", "2025.1", ...). */
@Repository
public class EditionStore {

    public record Edition(String code, OffsetDateTime effectiveFrom, String source) {}

    private final NamedParameterJdbcTemplate jdbc;

    public EditionStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an edition the first time it is seen; an existing edition keeps its first effective date. */
    public void ensure(String code, OffsetDateTime effectiveFrom, String source) {
        jdbc.update(
                "insert into edition (code, effective_from, source) values (:code, :from, :source)"
                        + " on conflict (code) do nothing",
                new MapSqlParameterSource("code", code)
                        .addValue("from", effectiveFrom)
                        .addValue("source", source));
    }

    /** The newest edition recorded (in edition order: 2025 < 2025.1 < 2025.2 < 2026), if any. */
    public Optional<String> newest() {
        return jdbc.queryForList("select code from edition", java.util.Map.of(), String.class).stream()
                .max(org.zoninghub.zoning.Editions.ORDER);
    }

    /** The edition in force at an instant: the one with the latest effective date not after it. */
    public Optional<Edition> asOf(OffsetDateTime t) {
        return jdbc
                .query(
                        "select code, effective_from, source from edition where effective_from <= :t"
                                + " order by effective_from desc, recorded_at desc limit 1",
                        new MapSqlParameterSource("t", t),
                        (rs, n) -> new Edition(rs.getString(1), UnitVersions.odt(rs.getTimestamp(2)), rs.getString(3)))
                .stream()
                .findFirst();
    }
}
