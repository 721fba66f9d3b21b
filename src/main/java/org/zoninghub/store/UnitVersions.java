package org.zoninghub.store;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.locationtech.jts.geom.Envelope;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;
import org.zoninghub.spatial.Wkb;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.UnitStatus;

/** The version history of control units. Writes must run inside the caller's transaction. */
@Repository
public class UnitVersions {

    /** The latest version of a code, enough to decide whether an incoming unit changed it. */
    public record Head(String code, int version, String contentHash, UnitStatus status, OffsetDateTime validFrom) {}

    private static final String COLUMNS =
            "code, version, edition, name, category, division_code, basins, status, geometry, area_m2, content_hash,"
                    + " valid_from, valid_to, recorded_at";
    private static final String IN_FORCE = "valid_from <= :t and (valid_to is null or valid_to > :t)";

    private final NamedParameterJdbcTemplate jdbc;
    private final Jurisdiction jurisdiction;

    private final RowMapper<StoredUnit> rows = this::row;

    public UnitVersions(NamedParameterJdbcTemplate jdbc, Jurisdiction jurisdiction) {
        this.jdbc = jdbc;
        this.jurisdiction = jurisdiction;
    }

    public Map<String, Head> latestHeads() {
        Map<String, Head> heads = new HashMap<>();
        jdbc.query(
                "select code, version, content_hash, status, valid_from from unit_version where valid_to is null",
                rs -> {
                    heads.put(
                            rs.getString(1),
                            new Head(
                                    rs.getString(1),
                                    rs.getInt(2),
                                    rs.getString(3),
                                    UnitStatus.valueOf(rs.getString(4)),
                                    odt(rs.getTimestamp(5))));
                });
        return heads;
    }

    public List<StoredUnit> latest(Collection<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "select " + COLUMNS + " from unit_version where valid_to is null and code in (:codes)",
                Map.of("codes", codes),
                rows);
    }

    /** The version of a unit in force at an instant, retired or not. */
    public Optional<StoredUnit> asOf(String code, OffsetDateTime t) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from unit_version where code = :code and " + IN_FORCE,
                        new MapSqlParameterSource("code", code).addValue("t", t),
                        rows)
                .stream()
                .findFirst();
    }

    /** Units in force (status ACTIVE) at an instant, ordered by code, optionally within a bounding box. */
    public List<StoredUnit> activeAsOf(OffsetDateTime t, Envelope bbox, String afterCode, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("t", t)
                .addValue("after", afterCode == null ? "" : afterCode)
                .addValue("limit", limit);
        String where = "";
        if (bbox != null) {
            where = " and max_x >= :minx and min_x <= :maxx and max_y >= :miny and min_y <= :maxy";
            p.addValue("minx", bbox.getMinX())
                    .addValue("maxx", bbox.getMaxX())
                    .addValue("miny", bbox.getMinY())
                    .addValue("maxy", bbox.getMaxY());
        }
        return jdbc.query(
                "select " + COLUMNS + " from unit_version where status = 'ACTIVE' and " + IN_FORCE
                        + " and code > :after" + where + " order by code limit :limit",
                p,
                rows);
    }

    /** The versions in force at an instant of the given codes (retired ones included). */
    public List<StoredUnit> inForce(Collection<String> codes, OffsetDateTime t) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "select " + COLUMNS + " from unit_version where code in (:codes) and " + IN_FORCE + " order by code",
                new MapSqlParameterSource("codes", codes).addValue("t", t),
                rows);
    }

    /**
     * Versions of a future edition whose valid-from has arrived but which were not announced yet, in the order
     * they take effect. A version is announced when it takes effect, not when it is recorded.
     */
    public List<StoredUnit> dueUnannounced(OffsetDateTime t) {
        return jdbc.query(
                "select " + COLUMNS + " from unit_version where not announced and valid_from <= :t"
                        + " order by valid_from, code, version",
                Map.of("t", t),
                rows);
    }

    public Optional<StoredUnit> version(String code, int version) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from unit_version where code = :code and version = :version",
                        new MapSqlParameterSource("code", code).addValue("version", version),
                        rows)
                .stream()
                .findFirst();
    }

    public void markAnnounced(String code, int version) {
        jdbc.update(
                "update unit_version set announced = true where code = :code and version = :version",
                new MapSqlParameterSource("code", code).addValue("version", version));
    }

    /** Every version of a unit, oldest first. */
    public List<StoredUnit> history(String code) {
        return jdbc.query(
                "select " + COLUMNS + " from unit_version where code = :code order by version",
                Map.of("code", code),
                rows);
    }

    /** Appends a version and closes the previous one at the new version's valid-from. */
    public void append(StoredUnit v, UUID syncRunId) {
        appendAll(List.of(v), syncRunId);
    }

    /**
     * Appends versions as {@link #append} does, one after the other, in two batches (the previous versions closed,
     * then the new ones inserted): at most one version per code, else one by one.
     */
    public void appendAll(List<StoredUnit> versions, UUID syncRunId) {
        if (versions.size() > 1
                && versions.stream().map(StoredUnit::code).distinct().count() < versions.size()) {
            versions.forEach(v -> appendAll(List.of(v), syncRunId));
            return;
        }
        List<StoredUnit> closing =
                versions.stream().filter(v -> v.version() > 1).toList();
        if (!closing.isEmpty()) {
            int[] closed = jdbc.batchUpdate(
                    "update unit_version set valid_to = :t where code = :code and version = :prev and valid_to is null",
                    closing.stream()
                            .map(v -> new MapSqlParameterSource("t", v.validFrom())
                                    .addValue("code", v.code())
                                    .addValue("prev", v.version() - 1))
                            .toArray(SqlParameterSource[]::new));
            for (int i = 0; i < closing.size(); i++) {
                if (closed[i] != 1) {
                    StoredUnit v = closing.get(i);
                    throw new IllegalStateException("unit " + v.code() + ": version " + (v.version() - 1)
                            + " is not the latest; a concurrent change was applied");
                }
            }
        }
        if (versions.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "insert into unit_version (code, version, edition, name, category, division_code, basins, status,"
                        + " geometry, min_x, min_y, max_x, max_y, area_m2, content_hash, valid_from, recorded_at,"
                        + " sync_run_id, announced) values (:code, :version, :edition, :name, :category, :division,"
                        + " :basins, :status, :geometry, :minx, :miny, :maxx, :maxy, :area, :hash, :validFrom,"
                        + " :recordedAt, :run, :announced)",
                versions.stream().map(v -> insertParameters(v, syncRunId)).toArray(SqlParameterSource[]::new));
    }

    private static SqlParameterSource insertParameters(StoredUnit v, UUID syncRunId) {
        Envelope env = v.geometry() == null ? null : v.geometry().getEnvelopeInternal();
        return new MapSqlParameterSource()
                .addValue("code", v.code())
                .addValue("version", v.version())
                .addValue("edition", v.edition())
                .addValue("name", v.name())
                .addValue("category", v.category().name())
                .addValue("division", v.divisionCode())
                .addValue("basins", v.basins().stream().map(Basin::code).toArray(String[]::new))
                .addValue("status", v.status().name())
                .addValue("geometry", v.geometry() == null ? null : Wkb.write(v.geometry()), Types.BINARY)
                .addValue("minx", env == null ? null : env.getMinX(), Types.DOUBLE)
                .addValue("miny", env == null ? null : env.getMinY(), Types.DOUBLE)
                .addValue("maxx", env == null ? null : env.getMaxX(), Types.DOUBLE)
                .addValue("maxy", env == null ? null : env.getMaxY(), Types.DOUBLE)
                .addValue("area", v.areaM2())
                .addValue("hash", v.contentHash())
                .addValue("validFrom", v.validFrom())
                .addValue("recordedAt", v.recordedAt())
                .addValue("run", syncRunId, Types.OTHER)
                .addValue("announced", !v.validFrom().isAfter(v.recordedAt()));
    }

    private StoredUnit row(java.sql.ResultSet rs, int n) throws SQLException {
        return new StoredUnit(
                rs.getString("code"),
                rs.getInt("version"),
                rs.getString("edition"),
                rs.getString("name"),
                Category.valueOf(rs.getString("category")),
                rs.getString("division_code"),
                basins(rs.getArray("basins")),
                UnitStatus.valueOf(rs.getString("status")),
                rs.getBytes("geometry") == null ? null : Wkb.read(rs.getBytes("geometry")),
                rs.getDouble("area_m2"),
                rs.getString("content_hash"),
                odt(rs.getTimestamp("valid_from")),
                odt(rs.getTimestamp("valid_to")),
                odt(rs.getTimestamp("recorded_at")));
    }

    /**
     * Maps a row of {@code unit_version} (all of {@code COLUMNS}); basins resolve through the jurisdiction. A method,
     * not a field, because callers may hold a proxy of this repository.
     */
    RowMapper<StoredUnit> rows() {
        return rows;
    }

    /** The basins of a stored {@code basins} array, through the jurisdiction. */
    List<Basin> basins(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray())
                .map(jurisdiction::storedBasin)
                .toList();
    }

    static OffsetDateTime odt(Timestamp ts) {
        return ts == null ? null : ts.toInstant().atOffset(ZoneOffset.UTC);
    }
}
