package org.zoninghub.api.ogc;

import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.zoninghub.api.ogc.cql2.Filterable;
import org.zoninghub.api.ogc.cql2.Queryable;
import org.zoninghub.api.ogc.cql2.Queryable.Type;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.zoning.Basin;

/** The queryables of the two collections, and how a stored unit or rule answers them. */
final class OgcQueryables {

    static final Map<String, Queryable> UNITS = map(
            new Queryable("code", Type.STRING, "unit code (环境管控单元编码)"),
            new Queryable("name", Type.STRING, "unit name (环境管控单元名称)"),
            new Queryable("category", Type.STRING, "PRIORITY_PROTECTION, KEY_CONTROL or GENERAL_CONTROL"),
            new Queryable("division", Type.STRING, "county-level division code"),
            new Queryable("basin", Type.STRING, "basin code (LIAOHE, SONGHUA); comma-separated when several"),
            new Queryable("edition", Type.STRING, "edition of the unit's version"),
            new Queryable("areaM2", Type.NUMBER, "area in m² on the Gauss–Krüger zone of the centroid"),
            new Queryable("geometry", Type.GEOMETRY, "the unit's geometry"));

    static final Map<String, Queryable> RULES = map(
            new Queryable("id", Type.STRING, "rule id {scopeCode}-{fieldCode}-{n}"),
            new Queryable("scope", Type.STRING, "scope code: the city (220400), a basin or a unit code"),
            new Queryable("level", Type.STRING, "CITY, BASIN or UNIT"),
            new Queryable(
                    "dimension",
                    Type.STRING,
                    "SPATIAL_LAYOUT, EMISSION_CONTROL, RISK_PREVENTION or RESOURCE_EFFICIENCY"),
            new Queryable("text", Type.STRING, "the clause"),
            new Queryable("edition", Type.STRING, "edition of the rule's version"));

    private OgcQueryables() {}

    static Filterable unit(StoredUnit u) {
        return new Filterable() {
            @Override
            public Object value(String property) {
                return switch (property) {
                    case "code" -> u.code();
                    case "name" -> u.name();
                    case "category" -> u.category().name();
                    case "division" -> u.divisionCode();
                    case "basin" -> basins(u);
                    case "edition" -> u.edition();
                    case "areaM2" -> u.areaM2();
                    default -> null;
                };
            }

            @Override
            public Geometry geometry() {
                return u.geometry();
            }
        };
    }

    static Filterable rule(StoredRule r) {
        return new Filterable() {
            @Override
            public Object value(String property) {
                return switch (property) {
                    case "id" -> r.ruleId();
                    case "scope" -> r.scopeCode();
                    case "level" -> r.level().name();
                    case "dimension" -> r.dimension().name();
                    case "text" -> r.text();
                    case "edition" -> r.edition();
                    default -> null;
                };
            }

            @Override
            public Geometry geometry() {
                return null;
            }
        };
    }

    static String basins(StoredUnit u) {
        return String.join(",", u.basins().stream().map(Basin::name).toList());
    }

    private static Map<String, Queryable> map(Queryable... qs) {
        Map<String, Queryable> m = new LinkedHashMap<>();
        for (Queryable q : qs) {
            m.put(q.name(), q);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
