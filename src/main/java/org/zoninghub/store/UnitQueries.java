package org.zoninghub.store;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads of the units in force for the HTTP APIs: attribute filters and an envelope pre-filter in SQL (the
 * {@code min_x … max_y} columns), in code order, over an instant or an interval of validity. Exact spatial tests are
 * the caller's (JTS on the geometries read here).
 *
 * <p>An instant t selects the version in force at t: {@code valid_from <= t < coalesce(valid_to, infinity)}, status
 * ACTIVE. An interval [from, to] selects, per unit, the latest ACTIVE version whose validity overlaps it
 * ({@code valid_from <= to} and {@code valid_to > from}); a null end is open.
 */
@Repository
public class UnitQueries {

    /**
     * What to select. {@code from} and {@code to} bound the validity (equal for an instant; null for open);
     * {@code envelope} keeps units whose envelope intersects it; the other fields, when not null, must be equal.
     */
    public record Criteria(
            OffsetDateTime from, OffsetDateTime to, Envelope envelope, String category, String division, String basin) {

        public static Criteria at(OffsetDateTime t) {
            return new Criteria(t, t, null, null, null, null);
        }

        public Criteria withEnvelope(Envelope e) {
            return new Criteria(from, to, e, category, division, basin);
        }
    }

    private static final String COLUMNS =
            "code, version, edition, name, category, division_code, basins, status, area_m2, content_hash,"
                    + " valid_from, valid_to, recorded_at";

    private final NamedParameterJdbcTemplate jdbc;
    private final UnitVersions versions;

    public UnitQueries(NamedParameterJdbcTemplate jdbc, UnitVersions versions) {
        this.jdbc = jdbc;
        this.versions = versions;
    }

    /** How many units match. */
    public int count(Criteria c) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        Integer n = jdbc.queryForObject("select count(*) from (" + select(c, p, false) + ") u", p, Integer.class);
        return n == null ? 0 : n;
    }

    /** The envelope of the matching units, or null when none matches. */
    public Envelope extent(Criteria c) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        return jdbc.queryForObject(
                "select min(min_x), max(max_x), min(min_y), max(max_y) from (" + select(c, p, false) + ") u",
                p,
                (rs, n) -> rs.getObject(1) == null
                        ? null
                        : new Envelope(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)));
    }

    /** A page of matching units with their geometry, in code order, after a code (or from the start). */
    public List<StoredUnit> page(Criteria c, String afterCode, int offset, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("after", afterCode == null ? "" : afterCode)
                .addValue("offset", offset)
                .addValue("limit", limit);
        return jdbc.query(
                select(c, p, true) + " and code > :after order by code offset :offset limit :limit",
                p,
                versions.rows());
    }

    /** The matching versions of the given codes, with geometry, in code order. */
    public List<StoredUnit> ofCodes(Criteria c, Collection<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource p = new MapSqlParameterSource("codes", codes);
        return jdbc.query(select(c, p, true) + " and code in (:codes) order by code", p, versions.rows());
    }

    /**
     * Every matching unit in code order, one at a time; with {@code geometry} false the unit's geometry is null (an
     * attribute-only filter reads no coordinates).
     */
    public void scan(Criteria c, boolean geometry, Consumer<StoredUnit> each) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        jdbc.query(select(c, p, geometry) + " order by code", p, rs -> {
            each.accept(geometry ? versions.rows().mapRow(rs, 0) : WITHOUT_GEOMETRY.mapRow(rs, 0));
        });
    }

    /**
     * Versions of a unit in version order after {@code afterVersion}, at most {@code limit}; with {@code upTo} only
     * those that had taken effect by then ({@code valid_from <= upTo}).
     */
    public List<StoredUnit> history(String code, OffsetDateTime upTo, int afterVersion, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("code", code)
                .addValue("after", afterVersion)
                .addValue("limit", limit);
        String until = "";
        if (upTo != null) {
            until = " and valid_from <= :upTo";
            p.addValue("upTo", upTo);
        }
        return jdbc.query(
                "select " + COLUMNS + ", geometry from unit_version where code = :code and version > :after" + until
                        + " order by version limit :limit",
                p,
                versions.rows());
    }

    private static String select(Criteria c, MapSqlParameterSource p, boolean geometry) {
        StringBuilder inner = new StringBuilder("select distinct on (code) " + COLUMNS + (geometry ? ", geometry" : "")
                + " from unit_version where status = 'ACTIVE'");
        if (c.to() != null) {
            inner.append(" and valid_from <= :to");
            p.addValue("to", c.to());
        }
        if (c.from() != null) {
            inner.append(" and (valid_to is null or valid_to > :from)");
            p.addValue("from", c.from());
        }
        if (c.envelope() != null) {
            inner.append(" and max_x >= :minx and min_x <= :maxx and max_y >= :miny and min_y <= :maxy");
            p.addValue("minx", c.envelope().getMinX())
                    .addValue("maxx", c.envelope().getMaxX())
                    .addValue("miny", c.envelope().getMinY())
                    .addValue("maxy", c.envelope().getMaxY());
        }
        if (c.category() != null) {
            inner.append(" and category = :category");
            p.addValue("category", c.category());
        }
        if (c.division() != null) {
            inner.append(" and division_code = :division");
            p.addValue("division", c.division());
        }
        if (c.basin() != null) {
            inner.append(" and :basin = any(basins)");
            p.addValue("basin", c.basin());
        }
        inner.append(" order by code, valid_from desc");
        return "select * from (" + inner + ") u where true";
    }

    private final org.springframework.jdbc.core.RowMapper<StoredUnit> WITHOUT_GEOMETRY = (rs, n) -> new StoredUnit(
            rs.getString("code"),
            rs.getInt("version"),
            rs.getString("edition"),
            rs.getString("name"),
            org.zoninghub.zoning.Category.valueOf(rs.getString("category")),
            rs.getString("division_code"),
            basinsOf(rs.getArray("basins")),
            org.zoninghub.zoning.UnitStatus.valueOf(rs.getString("status")),
            null,
            rs.getDouble("area_m2"),
            rs.getString("content_hash"),
            UnitVersions.odt(rs.getTimestamp("valid_from")),
            UnitVersions.odt(rs.getTimestamp("valid_to")),
            UnitVersions.odt(rs.getTimestamp("recorded_at")));

    private java.util.List<org.zoninghub.zoning.Basin> basinsOf(java.sql.Array array) throws java.sql.SQLException {
        return versions.basins(array);
    }
}
