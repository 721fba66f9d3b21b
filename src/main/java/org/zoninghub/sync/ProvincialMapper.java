package org.zoninghub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Component;
import org.zoninghub.spatial.GeoJsonGeometries;
import org.zoninghub.spatial.GeometryChecks;
import org.zoninghub.spatial.GeometryDefect;
import org.zoninghub.store.SyncRuns.Rejection;
import org.zoninghub.sync.Delivery.IncomingList;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.ControlUnit;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.RuleLevel;
import org.zoninghub.zoning.UnitCodes;
import org.zoninghub.zoning.UnitStatus;

/**
 * Maps the provincial records of docs/provincial-api.md (national pinyin field names) to a {@link Delivery}, naming every
 * defect with the record it belongs to. Nothing is repaired: a record with a defect is rejected whole.
 */
@Component
public class ProvincialMapper {

    static final String CODE = "HJGKDYBM";
    static final String NAME = "HJGKDYMC";
    static final String CATEGORY = "ZHGKDYFL";
    static final String BASIN = "LYMC";
    static final String EDITION = "BBH";
    static final String UPDATED = "GXSJ";
    static final String EFFECTIVE = "SXRQ";
    static final String STATUS = "ZT";
    static final String LEVEL = "CJ";
    static final String SCOPE = "SYDXBM";
    static final String SCOPE_NAME = "SYDXMC";

    /**
     * The largest GeoJSON text of a unit's geometry that can be published: a unit's update event carries the
     * geometry twice ({@code unit} and {@code previous}) and a message on the hub's topics holds at most 16 MiB (the
     * producer's {@code max.request.size} and the topics' {@code max.message.bytes}); 1 MiB is left for the rest.
     * A larger geometry is rejected when the record is validated, so that no event can block the relay.
     */
    public static final int MAX_GEOMETRY_JSON_BYTES = (16 * 1024 * 1024 - 1024 * 1024) / 2;

    private final Jurisdiction jurisdiction;
    private final GeometryChecks geometryChecks;

    public ProvincialMapper(Jurisdiction jurisdiction) {
        this.jurisdiction = jurisdiction;
        this.geometryChecks = new GeometryChecks(jurisdiction.bbox(), jurisdiction.label());
    }

    /** Maps unit features and city/basin list items; {@code full} when they are the platform's whole state. */
    public Delivery map(List<JsonNode> features, List<JsonNode> listItems, boolean full) {
        List<Rejection> rejected = new ArrayList<>();
        List<ControlUnit> units = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            String record = recordName(feature, i);
            List<String> defects = new ArrayList<>();
            ControlUnit unit = unit(feature, defects);
            Integer first = seen.putIfAbsent(record, i);
            if (first != null) {
                defects.add("duplicate code in this delivery (features #" + (first + 1) + " and #" + (i + 1) + ")");
            }
            if (defects.isEmpty()) {
                units.add(unit);
            } else {
                defects.forEach(d -> rejected.add(new Rejection(record, d)));
            }
        }
        List<IncomingList> lists = new ArrayList<>();
        Map<String, Integer> seenScopes = new HashMap<>();
        for (int i = 0; i < listItems.size(); i++) {
            JsonNode item = listItems.get(i);
            String record = text(item, SCOPE) == null ? "list item #" + (i + 1) : text(item, SCOPE);
            List<String> defects = new ArrayList<>();
            IncomingList list = list(item, defects);
            Integer first = seenScopes.putIfAbsent(record, i);
            if (first != null) {
                defects.add("duplicate scope in this delivery (items #" + (first + 1) + " and #" + (i + 1) + ")");
            }
            if (defects.isEmpty()) {
                lists.add(list);
            } else {
                defects.forEach(d -> rejected.add(new Rejection(record, d)));
            }
        }
        return new Delivery(units, lists, rejected, full);
    }

    /**
     * The rejected records of a delivery as received (JSON text), by the record name its rejections carry, for the
     * quarantine. A name given to two records (a duplicate code) keeps the first.
     */
    public Map<String, String> payloads(List<JsonNode> features, List<JsonNode> listItems, Delivery delivery) {
        Set<String> rejected = new java.util.HashSet<>();
        delivery.rejected().forEach(r -> rejected.add(r.record()));
        Map<String, String> payloads = new java.util.LinkedHashMap<>();
        if (rejected.isEmpty()) {
            return payloads;
        }
        for (int i = 0; i < features.size(); i++) {
            String name = recordName(features.get(i), i);
            if (rejected.contains(name)) {
                payloads.putIfAbsent(name, features.get(i).toString());
            }
        }
        for (int i = 0; i < listItems.size(); i++) {
            JsonNode item = listItems.get(i);
            String name = text(item, SCOPE) == null ? "list item #" + (i + 1) : text(item, SCOPE);
            if (rejected.contains(name)) {
                payloads.putIfAbsent(name, item.toString());
            }
        }
        return payloads;
    }

    private static String recordName(JsonNode feature, int index) {
        String code = text(feature.path("properties"), CODE);
        if (code == null && feature.hasNonNull("id")) {
            code = feature.get("id").asText();
        }
        return code == null || code.isBlank() ? "feature #" + (index + 1) : code;
    }

    private ControlUnit unit(JsonNode feature, List<String> defects) {
        JsonNode p = feature.path("properties");
        if (!p.isObject()) {
            defects.add("the feature has no properties");
            return null;
        }
        String code = required(p, CODE, defects);
        String name = required(p, NAME, defects);
        UnitStatus status = status(p, defects);
        Category category = category(p, defects);
        if (code != null && category != null) {
            UnitCodes.validate(code, category, jurisdiction).forEach(d -> defects.add(d.message()));
        }
        Set<Basin> basins = basins(p, status, defects);
        Geometry geometry = null;
        JsonNode g = feature.get("geometry");
        if (g == null || g.isNull()) {
            if (status == UnitStatus.ACTIVE) {
                defects.add("missing geometry (only a retired unit, ZT 废止, may come without one)");
            }
        } else {
            List<GeometryDefect> geometryDefects = geometryChecks.checkGeoJson(g, false, true);
            if (geometryDefects.isEmpty()) {
                geometry = GeoJsonGeometries.read(g);
                int bytes = GeoJsonGeometries.writeString(geometry).length();
                if (bytes > MAX_GEOMETRY_JSON_BYTES) {
                    defects.add("geometry: " + geometry.getNumPoints() + " vertices make " + bytes + " bytes of"
                            + " GeoJSON, more than the " + MAX_GEOMETRY_JSON_BYTES + " a published event can carry"
                            + " (an update carries the geometry twice in a message of at most 16 MiB); simplify the"
                            + " boundary or split the unit");
                    geometry = null;
                }
            } else {
                geometryDefects.forEach(d -> defects.add("geometry: " + d.message()));
            }
        }
        EnumMap<Dimension, String> texts = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            String t = text(p, d.fieldCode());
            if (t != null && !t.isBlank()) {
                texts.put(d, t);
            } else if (status == UnitStatus.ACTIVE) {
                defects.add("empty list: " + d.fieldCode() + " (" + d.chineseName() + ") is missing or blank");
            }
        }
        String edition = required(p, EDITION, defects);
        OffsetDateTime updated = time(p, defects);
        if (!defects.isEmpty()) {
            return null;
        }
        String division = UnitCodes.divisionOf(code);
        return new ControlUnit(code, name, category, division, basins, geometry, status, texts, edition, updated);
    }

    private IncomingList list(JsonNode item, List<String> defects) {
        String level = required(item, LEVEL, defects);
        String scope = required(item, SCOPE, defects);
        String scopeName = text(item, SCOPE_NAME);
        RuleLevel ruleLevel = null;
        if ("市级".equals(level)) {
            ruleLevel = RuleLevel.CITY;
            if (scope != null && !jurisdiction.isCityScope(scope)) {
                defects.add(
                        jurisdiction.isCity()
                                ? LEVEL + " 市级 applies to the jurisdiction " + jurisdiction.code() + ", not " + scope
                                : LEVEL + " 市级 applies to a prefecture (PPCC00) of " + jurisdiction.label() + ", not "
                                        + scope);
            }
        } else if ("流域".equals(level)) {
            ruleLevel = RuleLevel.BASIN;
            if (scope != null && !isBasin(scope)) {
                defects.add(SCOPE + " " + scope + " is not a known basin (expected "
                        + oneOf(jurisdiction.basins().stream().map(Basin::code).toList()) + ")");
            }
        } else if (level != null) {
            defects.add(LEVEL + " \"" + level + "\" is not a list level (expected 市级 or 流域)");
        }
        UnitStatus status = status(item, defects);
        EnumMap<Dimension, String> texts = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            String t = text(item, d.fieldCode());
            if (t != null && !t.isBlank()) {
                texts.put(d, t);
            } else if (status == UnitStatus.ACTIVE) {
                defects.add("empty list: " + d.fieldCode() + " (" + d.chineseName() + ") is missing or blank");
            }
        }
        String edition = required(item, EDITION, defects);
        OffsetDateTime updated = time(item, defects);
        if (!defects.isEmpty()) {
            return null;
        }
        return new IncomingList(ruleLevel, scope, scopeName, texts, status, edition, updated);
    }

    private boolean isBasin(String code) {
        return jurisdiction.basins().stream().anyMatch(b -> b.code().equals(code));
    }

    /** {@code A or B}, {@code A, B or C}. */
    private static String oneOf(List<String> values) {
        if (values.size() <= 1) {
            return String.join("", values);
        }
        return String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
    }

    private static UnitStatus status(JsonNode p, List<String> defects) {
        String zt = text(p, STATUS);
        if (zt == null || "有效".equals(zt)) {
            return UnitStatus.ACTIVE;
        }
        if ("废止".equals(zt)) {
            return UnitStatus.RETIRED;
        }
        defects.add(STATUS + " \"" + zt + "\" is not a status (expected 有效 or 废止)");
        return UnitStatus.ACTIVE;
    }

    private static Category category(JsonNode p, List<String> defects) {
        JsonNode v = p.get(CATEGORY);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            defects.add("missing field " + CATEGORY + " (管控单元分类)");
            return null;
        }
        String s = v.asText().trim();
        for (Category c : Category.values()) {
            if (s.equals(Integer.toString(c.digit())) || s.equals(c.chineseName()) || s.equals(c.name())) {
                return c;
            }
        }
        defects.add(CATEGORY + " \"" + s + "\" is not a category (expected 1, 2 or 3)");
        return null;
    }

    private Set<Basin> basins(JsonNode p, UnitStatus status, List<String> defects) {
        String s = text(p, BASIN);
        Set<Basin> basins = new TreeSet<>();
        if (s == null || s.isBlank()) {
            if (status == UnitStatus.ACTIVE) {
                defects.add("missing field " + BASIN + " (流域名称)");
            }
            return basins;
        }
        for (String part : s.split("[、,，;；/]")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            Basin basin = jurisdiction.basin(name).orElse(null);
            if (basin == null) {
                defects.add(BASIN + " \"" + name + "\" is not a known basin (expected "
                        + oneOf(jurisdiction.basins().stream()
                                .map(Basin::chineseName)
                                .toList()) + ")");
            } else {
                basins.add(basin);
            }
        }
        return basins;
    }

    /**
     * When a record takes effect: its effective date {@code SXRQ} (生效日期) when the platform gives one, which may lie
     * in the future (an edition published ahead of its date); otherwise its update time {@code GXSJ} (更新时间), but
     * never later than now, so that a platform clock running ahead does not postpone an ordinary update.
     */
    private static OffsetDateTime time(JsonNode p, List<String> defects) {
        OffsetDateTime effective = dateTime(p, EFFECTIVE, "生效日期", false, defects);
        OffsetDateTime updated = dateTime(p, UPDATED, "更新时间", true, defects);
        if (effective != null) {
            return effective;
        }
        if (updated == null) {
            return null;
        }
        OffsetDateTime now = OffsetDateTime.now(updated.getOffset());
        return updated.isAfter(now) ? now : updated;
    }

    private static OffsetDateTime dateTime(
            JsonNode p, String field, String chinese, boolean required, List<String> defects) {
        String s = text(p, field);
        if (s == null || s.isBlank()) {
            if (required) {
                defects.add("missing field " + field + " (" + chinese + ")");
            }
            return null;
        }
        try {
            return OffsetDateTime.parse(s.trim());
        } catch (DateTimeParseException e) {
            defects.add(field + " \"" + s + "\" is not an RFC 3339 date-time");
            return null;
        }
    }

    private static String required(JsonNode p, String field, List<String> defects) {
        String s = text(p, field);
        if (s == null || s.isBlank()) {
            defects.add("missing field " + field);
            return null;
        }
        return s.trim();
    }

    static String text(JsonNode p, String field) {
        JsonNode v = p.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
