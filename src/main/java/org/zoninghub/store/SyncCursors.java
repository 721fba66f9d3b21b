package org.zoninghub.store;

import static org.zoninghub.store.UnitVersions.odt;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Where an incremental pull of a source resumes ({@code sync_cursor}): the {@code updatedSince} of its next request.
 * {@link #save} must run in the transaction of the changes the cursor covers, so that the cursor never moves past
 * changes that were not committed, nor stays behind changes that were.
 */
@Repository
public class SyncCursors {

    private final NamedParameterJdbcTemplate jdbc;

    public SyncCursors(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The cursor of a source (its base URL), empty before its first successful pull. */
    public Optional<OffsetDateTime> find(String source) {
        return jdbc
                .query(
                        "select updated_since from sync_cursor where source = :source",
                        Map.of("source", source),
                        (rs, n) -> Optional.ofNullable(odt(rs.getTimestamp("updated_since"))))
                .stream()
                .findFirst()
                .flatMap(o -> o);
    }

    /** Sets the cursor of a source; call it inside the transaction that applies the changes it covers. */
    public void save(String source, OffsetDateTime updatedSince) {
        jdbc.update(
                "insert into sync_cursor (source, updated_since, updated_at) values (:source, :since, now())"
                        + " on conflict (source) do update set updated_since = excluded.updated_since,"
                        + " updated_at = now()",
                new MapSqlParameterSource("source", source).addValue("since", updatedSince));
    }
}
