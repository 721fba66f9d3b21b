package org.zoninghub.api.compliance;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.zoninghub.api.Decimals;
import org.zoninghub.spatial.index.Footprint;
import org.zoninghub.spatial.index.UnitIndex;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Binding;
import org.zoninghub.zoning.Jurisdiction;

/**
 * The compliance check (符合性分析) of a footprint against one snapshot of the zoning: the units it overlaps with the
 * Gauss–Krüger measures of each overlap, the rules that bind it by level (the city's, the basins' of the units it
 * overlaps, each unit's own; {@link Binding}), and, with an industry, each clause naming it flagged by the strength
 * of its verb and a summary per unit. The industry part is a screening aid for the reviewer, never a legal finding;
 * every answer says so in {@code screeningNotice}.
 */
@Component
class ComplianceChecks {

    static final String SCREENING_NOTICE = "筛查辅助结果，不构成法律结论。A screening aid for the reviewer, not a legal"
            + " finding: clauses are matched to the industry by its names and synonyms and flagged by their verbs;"
            + " read the clauses themselves.";

    /** RFC 3339 with seconds always written (and a fraction only when there is one). */
    static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    private static final JsonFactory RAW = new JsonFactory();

    private final ObjectMapper mapper;
    private final Jurisdiction jurisdiction;

    ComplianceChecks(ObjectMapper mapper, Jurisdiction jurisdiction) {
        this.mapper = mapper;
        this.jurisdiction = jurisdiction;
    }

    /**
     * The answer for one footprint.
     *
     * @param asOf the instant the snapshot answers for
     * @param industry the industry to screen the clauses for, or null
     */
    ObjectNode check(
            ComplianceSnapshot snapshot,
            OffsetDateTime asOf,
            FootprintReader.Read read,
            IndustryTable.IndustryClass industry) {
        Footprint fp = read.footprint();
        UnitIndex.Result<StoredUnit> result = snapshot.index().overlaps(fp);
        ObjectNode body = mapper.createObjectNode();
        body.put("edition", snapshot.edition());
        body.put("asOf", RFC_3339.format(asOf));
        body.put("crs", read.crs());
        body.put("geometryType", fp.geometry().getGeometryType());
        body.put("footprintAreaM2", Decimals.halfUp(fp.areaM2(), 2));
        body.put("footprintLengthM", Decimals.halfUp(fp.lengthM(), 3));
        if (fp.kind() == Footprint.Kind.PUNTAL) {
            body.put("footprintPoints", fp.points());
        }
        body.put("gaussKrugerZone", fp.zone());
        body.put("outsideRatio", Decimals.halfUp(result.outsideRatio(), 8));
        body.put("screeningNotice", SCREENING_NOTICE);
        if (industry != null) {
            ObjectNode i = body.putObject("industry");
            i.put("code", industry.code());
            i.put("name", industry.name());
            ArrayNode names = i.putArray("names");
            industry.names().forEach(names::add);
        } else {
            body.putNull("industry");
        }

        ArrayNode units = body.putArray("units");
        Map<String, Basin> basins = new LinkedHashMap<>();
        for (UnitIndex.Overlap<StoredUnit> o : result.overlaps()) {
            StoredUnit u = o.unit();
            u.basins().forEach(b -> basins.putIfAbsent(b.name(), b));
            ObjectNode n = units.addObject();
            n.put("code", u.code());
            n.put("name", u.name());
            n.put("category", u.category().name());
            n.put("divisionCode", u.divisionCode());
            ArrayNode ub = n.putArray("basins");
            u.basins().forEach(b -> ub.add(b.name()));
            n.put("overlapAreaM2", Decimals.halfUp(o.areaM2(), 2));
            n.put("overlapLengthM", Decimals.halfUp(o.lengthM(), 3));
            if (fp.kind() == Footprint.Kind.PUNTAL) {
                n.put("overlapPoints", o.points());
            }
            n.put("overlapRatio", Decimals.halfUp(o.ratio(), 8));
            n.put("overlapMethod", o.method().name());
            if (industry == null) {
                n.putRawValue("rules", new RawValue(snapshot.ruleArray(List.of(u.code()))));
            } else {
                ArrayNode rules = n.putArray("rules");
                snapshot.rules(u.code()).forEach(r -> rules.add(rule(r, industry)));
            }
            if (industry != null) {
                List<String> scopes = Binding.scopes(jurisdiction, u.basins(), u.code());
                List<Clause> binding = Binding.rules(jurisdiction, u.basins(), u.code(), snapshot::rules);
                n.set("industrySummary", summary(binding, industry, scopes));
            }
        }
        List<Basin> sorted = basins.values().stream().sorted().toList();
        // the city-level scopes of the units touched: the jurisdiction's own code in a city hub, each unit's prefecture
        // in a provincial or national one
        java.util.Set<String> cities = new java.util.TreeSet<>();
        result.overlaps()
                .forEach(o -> cities.add(jurisdiction.cityScopeOfUnit(o.unit().code())));
        if (industry == null) {
            // the rules' JSON as the snapshot wrote it once (the same members as rule(r, null) writes)
            body.putRawValue(
                    "basinRules",
                    new RawValue(
                            snapshot.ruleArray(sorted.stream().map(Basin::name).toList())));
            body.putRawValue("cityRules", new RawValue(snapshot.ruleArray(List.copyOf(cities))));
            return body;
        }
        ArrayNode basinRules = body.putArray("basinRules");
        sorted.forEach(b -> snapshot.rules(b.name()).forEach(r -> basinRules.add(rule(r, industry))));
        ArrayNode cityRules = body.putArray("cityRules");
        cities.forEach(city -> snapshot.rules(city).forEach(r -> cityRules.add(rule(r, industry))));
        return body;
    }

    /**
     * The JSON of rules as {@link #rule} writes them without an industry, comma-separated, without the brackets, in
     * UTF-8: written once per snapshot for the scopes many answers share ({@link ComplianceSnapshot#ruleArray}), and
     * for a unit's own rules when an answer needs them.
     */
    static byte[] rulesJson(List<Clause> rules) {
        ByteArrayBuilder out = new ByteArrayBuilder(rules.size() * 256);
        try (JsonGenerator g = RAW.createGenerator(out, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            boolean first = true;
            for (Clause r : rules) {
                if (!first) {
                    g.writeRaw(',');
                }
                first = false;
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeStringField("level", r.level().name());
                g.writeStringField("scopeCode", r.scopeCode());
                g.writeStringField("dimension", r.dimension().name());
                g.writeStringField("text", r.text());
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private ObjectNode rule(Clause r, IndustryTable.IndustryClass industry) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", r.id());
        n.put("level", r.level().name());
        n.put("scopeCode", r.scopeCode());
        n.put("dimension", r.dimension().name());
        n.put("text", r.text());
        if (industry != null) {
            Optional<ClauseStrength.Match> match = ClauseStrength.of(r.text(), industry.names());
            if (match.isPresent()) {
                ObjectNode m = n.putObject("industryMatch");
                m.put("strength", match.get().strength().name());
                ArrayNode names = m.putArray("names");
                match.get().names().forEach(names::add);
            } else {
                n.putNull("industryMatch");
            }
        }
        return n;
    }

    /**
     * What the clauses binding a unit (city, basins, unit) say of the industry: the strongest strength found (or
     * {@code NOT_NAMED}), and the ids of the clauses of each strength.
     */
    private ObjectNode summary(List<Clause> binding, IndustryTable.IndustryClass industry, List<String> scopes) {
        Map<ClauseStrength.Strength, List<String>> ids = new EnumMap<>(ClauseStrength.Strength.class);
        for (Clause r : binding) {
            Optional<ClauseStrength.Match> m = ClauseStrength.of(r.text(), industry.names());
            if (m.isPresent()) {
                ids.computeIfAbsent(m.get().strength(), k -> new ArrayList<>()).add(r.id());
            }
        }
        ObjectNode s = mapper.createObjectNode();
        String strongest = "NOT_NAMED";
        for (ClauseStrength.Strength st : ClauseStrength.Strength.values()) {
            if (ids.containsKey(st)) {
                strongest = st.name();
                break;
            }
        }
        s.put("strength", strongest);
        for (ClauseStrength.Strength st : ClauseStrength.Strength.values()) {
            ArrayNode list = s.putArray(st.name().toLowerCase(java.util.Locale.ROOT));
            ids.getOrDefault(st, List.of()).forEach(list::add);
        }
        ArrayNode sc = s.putArray("scopes");
        scopes.forEach(sc::add);
        return s;
    }
}
