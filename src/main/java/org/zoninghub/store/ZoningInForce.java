package org.zoninghub.store;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The whole zoning in force at one instant, read in one consistent snapshot (a read-only REPEATABLE READ
 * transaction: never half of a change being applied), with what tells a reader when to read it again: a watermark of
 * what is recorded, and the instants around it at which the state in force changes.
 *
 * <p>The state in force at {@code t} is fixed by the rows recorded (the {@link Watermark}) and by the last instant
 * not after {@code t} at which a version starts or ends or an edition takes effect ({@link State#lastChange()}): two
 * instants with the same watermark and the same last change see the same units and rules.
 */
@Repository
public class ZoningInForce {

    /**
     * What is recorded: versions and editions only ever get appended (a version's {@code valid_to} is set when its
     * successor is appended), so counts and the latest recording time change with every change applied, on any hub
     * instance sharing the database.
     */
    public record Watermark(long unitVersions, long ruleVersions, long editions, OffsetDateTime lastRecorded) {}

    /**
     * The zoning in force at {@code at}.
     *
     * @param lastChange the latest instant not after {@code at} at which the state changed (null: none)
     * @param nextChange the earliest instant after {@code at} at which a recorded version or edition takes or ends
     *     effect (null: none recorded)
     * @param edition the edition in force, or null before the first
     * @param units the units in force and ACTIVE, ordered by code
     * @param rules the rules in force and ACTIVE, ordered by level, scope, dimension and clause
     */
    public record State(
            OffsetDateTime at,
            Watermark watermark,
            OffsetDateTime lastChange,
            OffsetDateTime nextChange,
            String edition,
            List<StoredUnit> units,
            List<StoredRule> rules) {}

    private static final String UNIT_COLUMNS =
            "code, version, edition, name, category, division_code, basins, status, geometry, area_m2, content_hash,"
                    + " valid_from, valid_to, recorded_at";
    private static final String RULE_COLUMNS = "rule_id, version, edition, level, scope_code, dimension, seq, text,"
            + " source_text, status, content_hash, valid_from, valid_to, recorded_at";
    private static final String IN_FORCE = "valid_from <= :t and (valid_to is null or valid_to > :t)";

    private final NamedParameterJdbcTemplate jdbc;
    private final EditionStore editions;

    private final UnitVersions versions;
    private final NamedParameterJdbcTemplate streaming;

    public ZoningInForce(NamedParameterJdbcTemplate jdbc, EditionStore editions, UnitVersions versions) {
        this.versions = versions;
        this.jdbc = jdbc;
        JdbcTemplate fetching = new JdbcTemplate(jdbc.getJdbcTemplate().getDataSource());
        fetching.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(fetching);
        this.editions = editions;
    }

    /** Receives the units and rules {@link #read(OffsetDateTime, Sink)} reads, one row at a time. */
    public interface Sink {
        void unit(StoredUnit unit);

        void rule(StoredRule rule);
    }

    /** Rows fetched at a time when a read streams: the driver never holds a whole national result set. */
    static final int FETCH_SIZE = 500;

    /** Every active unit and rule in force at {@code t}, with the watermark they were read at. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public State read(OffsetDateTime t) {
        List<StoredUnit> units = new ArrayList<>();
        List<StoredRule> rules = new ArrayList<>();
        State state = read(t, new Sink() {
            @Override
            public void unit(StoredUnit unit) {
                units.add(unit);
            }

            @Override
            public void rule(StoredRule rule) {
                rules.add(rule);
            }
        });
        return new State(
                state.at(),
                state.watermark(),
                state.lastChange(),
                state.nextChange(),
                state.edition(),
                List.copyOf(units),
                List.copyOf(rules));
    }

    /**
     * The same read, handing each unit (ordered by code) and then each rule (by level, scope, dimension and clause) to
     * the sink as it arrives, {@value #FETCH_SIZE} rows at a time, so that a caller building something compact from
     * them (the compliance index of a national set: 45,000 units, 650,000 rules) never holds the whole result: the
     * state returned has no units and no rules of its own.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public State read(OffsetDateTime t, Sink sink) {
        Watermark watermark = watermark();
        MapSqlParameterSource p = new MapSqlParameterSource("t", t);
        RowMapper<StoredUnit> unitRows = versions.rows();
        streaming.query(
                "select " + UNIT_COLUMNS + " from unit_version where status = 'ACTIVE' and " + IN_FORCE
                        + " order by code",
                p,
                (RowCallbackHandler) rs -> sink.unit(unitRows.mapRow(rs, 0)));
        streaming.query(
                "select " + RULE_COLUMNS + " from rule_version where status = 'ACTIVE' and " + IN_FORCE
                        + " order by level, scope_code, dimension, seq",
                p,
                (RowCallbackHandler) rs -> sink.rule(RuleVersions.ROW.mapRow(rs, 0)));
        return new State(
                t,
                watermark,
                lastChange(t).orElse(null),
                nextChange(t).orElse(null),
                editions.asOf(t).map(EditionStore.Edition::code).orElse(null),
                List.of(),
                List.of());
    }

    /** What is recorded now: a handful of aggregates, cheap enough to poll every second or two. */
    public Watermark watermark() {
        return jdbc.queryForObject(
                "select (select count(*) from unit_version), (select count(*) from rule_version),"
                        + " (select count(*) from edition), greatest((select max(recorded_at) from unit_version),"
                        + " (select max(recorded_at) from rule_version), (select max(recorded_at) from edition))",
                new MapSqlParameterSource(),
                (rs, n) -> new Watermark(rs.getLong(1), rs.getLong(2), rs.getLong(3), odt(rs.getTimestamp(4))));
    }

    /** The latest instant not after {@code t} at which a version started or ended or an edition took effect. */
    public Optional<OffsetDateTime> lastChange(OffsetDateTime t) {
        return Optional.ofNullable(jdbc.queryForObject(
                "select greatest((select max(valid_from) from unit_version where valid_from <= :t),"
                        + " (select max(valid_to) from unit_version where valid_to <= :t),"
                        + " (select max(valid_from) from rule_version where valid_from <= :t),"
                        + " (select max(valid_to) from rule_version where valid_to <= :t),"
                        + " (select max(effective_from) from edition where effective_from <= :t))",
                new MapSqlParameterSource("t", t),
                (rs, n) -> odt(rs.getTimestamp(1))));
    }

    /** The earliest instant after {@code t} at which a recorded version starts or ends or an edition takes effect. */
    public Optional<OffsetDateTime> nextChange(OffsetDateTime t) {
        return Optional.ofNullable(jdbc.queryForObject(
                "select least((select min(valid_from) from unit_version where valid_from > :t),"
                        + " (select min(valid_to) from unit_version where valid_to > :t),"
                        + " (select min(valid_from) from rule_version where valid_from > :t),"
                        + " (select min(valid_to) from rule_version where valid_to > :t),"
                        + " (select min(effective_from) from edition where effective_from > :t))",
                new MapSqlParameterSource("t", t),
                (rs, n) -> odt(rs.getTimestamp(1))));
    }

    private static OffsetDateTime odt(Timestamp ts) {
        return UnitVersions.odt(ts);
    }
}
