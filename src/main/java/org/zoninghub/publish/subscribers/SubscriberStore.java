package org.zoninghub.publish.subscribers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code subscriber} table (V3). The feed fan-out reads the enabled subscribers with a share lock and a
 * bootstrap takes the row's update lock, so that a bootstrap waits for the changes being applied and the changes
 * after it wait for the bootstrap: its state events sit exactly between the two in the feed.
 */
@Repository
class SubscriberStore {

    private static final String COLUMNS =
            "id, name, department, filter::text as filter, consumer_group, enabled, created_at, updated_at,"
                    + " bootstrapped_at";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final RowMapper<Subscriber> row = this::map;

    SubscriberStore(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** Inserts a new subscriber; false when the id is taken. */
    boolean insert(SubscriberDefinition d) {
        try {
            jdbc.update(
                    "insert into subscriber (id, name, department, filter, consumer_group, enabled)"
                            + " values (:id, :name, :department, cast(:filter as jsonb), :group, :enabled)",
                    params(d));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Replaces a subscriber's definition; false when there is none with that id. */
    boolean update(SubscriberDefinition d) {
        return jdbc.update(
                        "update subscriber set name = :name, department = :department, filter = cast(:filter as jsonb),"
                                + " consumer_group = :group, enabled = :enabled, updated_at = now() where id = :id",
                        params(d))
                == 1;
    }

    /** Disables a subscriber; false when there is none with that id. */
    boolean disable(String id) {
        return jdbc.update(
                        "update subscriber set enabled = false, updated_at = case when enabled then now()"
                                + " else updated_at end where id = :id",
                        Map.of("id", id))
                == 1;
    }

    void markBootstrapped(String id) {
        jdbc.update("update subscriber set bootstrapped_at = now() where id = :id", Map.of("id", id));
    }

    Optional<Subscriber> find(String id) {
        return jdbc.query("select " + COLUMNS + " from subscriber where id = :id", Map.of("id", id), row).stream()
                .findFirst();
    }

    /** The subscriber, its row locked against the fan-out until the transaction ends. */
    Optional<Subscriber> lockForBootstrap(String id) {
        return jdbc
                .query("select " + COLUMNS + " from subscriber where id = :id for update", Map.of("id", id), row)
                .stream()
                .findFirst();
    }

    List<Subscriber> all() {
        return jdbc.query("select " + COLUMNS + " from subscriber order by id", Map.of(), row);
    }

    /** The enabled subscribers, share-locked until the transaction ends (see the class comment). */
    List<Subscriber> enabledForFanOut() {
        return jdbc.query("select " + COLUMNS + " from subscriber where enabled order by id for share", Map.of(), row);
    }

    private MapSqlParameterSource params(SubscriberDefinition d) {
        try {
            return new MapSqlParameterSource("id", d.id())
                    .addValue("name", d.name())
                    .addValue("department", d.department())
                    .addValue("filter", mapper.writeValueAsString(d.filter()))
                    .addValue("group", d.consumerGroup())
                    .addValue("enabled", d.enabled());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the filter of " + d.id(), e);
        }
    }

    private Subscriber map(ResultSet rs, int n) throws SQLException {
        SubscriberFilter filter;
        try {
            filter = mapper.readValue(rs.getString("filter"), SubscriberFilter.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("subscriber " + rs.getString("id") + " has an unreadable filter", e);
        }
        return new Subscriber(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("department"),
                filter,
                rs.getString("consumer_group"),
                rs.getBoolean("enabled"),
                odt(rs.getTimestamp("created_at")),
                odt(rs.getTimestamp("updated_at")),
                odt(rs.getTimestamp("bootstrapped_at")));
    }

    private static OffsetDateTime odt(Timestamp ts) {
        return ts == null ? null : ts.toInstant().atOffset(ZoneOffset.UTC);
    }
}
