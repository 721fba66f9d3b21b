package org.zoninghub.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoninghub.store.RuleQueries;
import org.zoninghub.store.RuleVersions;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.UnitQueries;
import org.zoninghub.store.UnitVersions;
import org.zoninghub.store.ZoningJson;
import org.zoninghub.web.AsOf;
import org.zoninghub.web.BadRequestException;
import org.zoninghub.web.NotFoundException;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Binding;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.RuleLevel;

/** Units, their rules and history (docs/http-api.md): {@code /api/v1/units}, {@code /api/v1/rules}. */
@RestController
@RequestMapping("/api/v1")
class UnitsController {

    /** Page size of every list endpoint when {@code limit} is absent. */
    static final int DEFAULT_LIMIT = 100;
    /** The largest page of every list endpoint; a larger {@code limit} is refused (400). */
    static final int MAX_LIMIT = 1000;

    private final UnitVersions units;
    private final UnitQueries queries;
    private final RuleVersions rules;
    private final RuleQueries ruleQueries;
    private final ZoningJson json;
    private final Jurisdiction jurisdiction;

    UnitsController(
            UnitVersions units,
            UnitQueries queries,
            RuleVersions rules,
            RuleQueries ruleQueries,
            ZoningJson json,
            Jurisdiction jurisdiction) {
        this.units = units;
        this.queries = queries;
        this.rules = rules;
        this.ruleQueries = ruleQueries;
        this.json = json;
        this.jurisdiction = jurisdiction;
    }

    /** The unit in force at {@code asOf} (default now), with every rule that binds it, by dimension. */
    @GetMapping("/units/{code}")
    ObjectNode unit(@PathVariable String code, @RequestParam(required = false) String asOf) {
        OffsetDateTime t = AsOf.parse(asOf);
        StoredUnit unit = units.asOf(code, t)
                .orElseThrow(() -> new NotFoundException("no control unit " + code + " is in force at " + t
                        + (units.history(code).isEmpty() ? "" : "; see /api/v1/units/" + code + "/history")));
        ObjectNode body = json.unit(unit);
        List<StoredRule> binding = rules.activeAsOf(Binding.scopes(jurisdiction, unit.basins(), unit.code()), t);
        body.set("rules", json.rulesByDimension(binding));
        return body;
    }

    /**
     * Units in force, ordered by code, paged with {@code after} (the last code of the previous page, as {@code next}
     * gives it); optionally of one category, division or basin, and intersecting a {@code bbox}
     * ({@code minLon,minLat,maxLon,maxLat}, EPSG:4490; tested exactly, not by envelope).
     */
    @GetMapping("/units")
    ObjectNode list(
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String division,
            @RequestParam(required = false) String basin,
            @RequestParam(required = false) String bbox) {
        int n = Paging.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        OffsetDateTime t = AsOf.parse(asOf);
        Geometry box = bbox == null || bbox.isBlank() ? null : Paging.bbox(bbox);
        UnitQueries.Criteria c = new UnitQueries.Criteria(
                t,
                t,
                box == null ? null : box.getEnvelopeInternal(),
                blank(category)
                        ? null
                        : Paging.enumValue("category", category, Category.class).name(),
                blank(division) ? null : division.trim(),
                blank(basin) ? null : basinCode(basin));
        List<StoredUnit> page = new ArrayList<>();
        String cursor = blank(after) ? null : after.trim();
        PreparedGeometry prepared = box == null ? null : PreparedGeometryFactory.prepare(box);
        while (page.size() <= n) {
            List<StoredUnit> batch = queries.page(c, cursor, 0, n + 1);
            for (StoredUnit u : batch) {
                if (prepared == null || prepared.intersects(u.geometry())) {
                    page.add(u);
                }
            }
            if (batch.size() < n + 1) {
                break;
            }
            cursor = batch.get(batch.size() - 1).code();
        }
        ObjectNode body = json.mapper().createObjectNode();
        body.put("asOf", AsOf.format(t));
        ArrayNode items = body.putArray("units");
        page.stream().limit(n).forEach(u -> items.add(json.unit(u)));
        body.put("limit", n);
        body.put("next", page.size() > n ? page.get(n - 1).code() : null);
        return body;
    }

    /**
     * Every version of a unit, oldest first, with its validity and when the hub recorded it; with {@code asOf} only
     * the versions that had taken effect by then. Paged with {@code after} (a version number, as {@code next} gives
     * it) and {@code limit}.
     */
    @GetMapping("/units/{code}/history")
    ObjectNode history(
            @PathVariable String code,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit) {
        int n = Paging.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        int afterVersion = blank(after) ? 0 : Paging.integer("after", after, 0);
        OffsetDateTime upTo = blank(asOf) ? null : AsOf.parse(asOf);
        List<StoredUnit> versions = queries.history(code, upTo, afterVersion, n + 1);
        if (versions.isEmpty() && afterVersion == 0 && units.history(code).isEmpty()) {
            throw new NotFoundException("no control unit " + code + " has ever been recorded");
        }
        ObjectNode body = json.mapper().createObjectNode();
        body.put("code", code);
        if (upTo != null) {
            body.put("asOf", AsOf.format(upTo));
        }
        ArrayNode list = body.putArray("versions");
        for (StoredUnit v : versions.stream().limit(n).toList()) {
            ObjectNode node = json.unit(v);
            node.put("validTo", AsOf.format(v.validTo()));
            node.put("recordedAt", AsOf.format(v.recordedAt()));
            list.add(node);
        }
        body.put("limit", n);
        body.put(
                "next", versions.size() > n ? String.valueOf(versions.get(n - 1).version()) : null);
        return body;
    }

    /**
     * Rules in force at {@code asOf}, optionally of one scope (city, basin or unit code), level and dimension,
     * ordered city → basin → unit, then scope, dimension and clause; paged with {@code offset} (as {@code next}
     * gives it) and {@code limit}.
     */
    @GetMapping("/rules")
    ObjectNode rules(
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String dimension,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String offset,
            @RequestParam(required = false) String limit) {
        Dimension d = null;
        if (dimension != null && !dimension.isBlank()) {
            try {
                d = Dimension.valueOf(dimension.trim());
            } catch (IllegalArgumentException e) {
                d = Dimension.ofFieldCode(dimension.trim())
                        .orElseThrow(() -> new BadRequestException("dimension \"" + dimension
                                + "\" is not one of SPATIAL_LAYOUT, EMISSION_CONTROL, RISK_PREVENTION,"
                                + " RESOURCE_EFFICIENCY (or KJBJYS, PWWPFGK, HJFXFK, ZYKFXLYQ)"));
            }
        }
        int n = Paging.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        int from = blank(offset) ? 0 : Paging.integer("offset", offset, 0);
        OffsetDateTime t = AsOf.parse(asOf);
        RuleQueries.Criteria c = new RuleQueries.Criteria(
                t,
                blank(scope) ? null : scope.trim(),
                blank(level) ? null : Paging.enumValue("level", level, RuleLevel.class),
                d);
        List<StoredRule> page = ruleQueries.page(c, from, n + 1);
        ObjectNode body = json.mapper().createObjectNode();
        body.put("asOf", AsOf.format(t));
        ArrayNode list = body.putArray("rules");
        page.stream().limit(n).forEach(r -> list.add(json.rule(r)));
        body.put("limit", n);
        body.put("next", page.size() > n ? String.valueOf(from + n) : null);
        return body;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A basin code the jurisdiction knows (400 naming the known ones otherwise). */
    private String basinCode(String value) {
        String code = value.trim();
        return jurisdiction
                .basin(code)
                .filter(b -> b.code().equals(code))
                .map(Basin::code)
                .orElseThrow(() -> new BadRequestException("parameter \"basin\": \"" + Paging.shorten(value)
                        + "\" is not one of " + jurisdiction.basinCodes()));
    }
}
