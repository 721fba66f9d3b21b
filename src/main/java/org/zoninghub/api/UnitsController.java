package org.zoninghub.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoninghub.store.RuleVersions;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.UnitVersions;
import org.zoninghub.store.ZoningJson;
import org.zoninghub.web.AsOf;
import org.zoninghub.web.BadRequestException;
import org.zoninghub.web.NotFoundException;
import org.zoninghub.zoning.Binding;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.Jurisdiction;

/** Units, their rules and history (docs/http-api.md): {@code /api/v1/units}, {@code /api/v1/rules}. */
@RestController
@RequestMapping("/api/v1")
class UnitsController {

    static final int MAX_LIMIT = 1000;

    private final UnitVersions units;
    private final RuleVersions rules;
    private final ZoningJson json;
    private final Jurisdiction jurisdiction;

    UnitsController(UnitVersions units, RuleVersions rules, ZoningJson json, Jurisdiction jurisdiction) {
        this.units = units;
        this.rules = rules;
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

    /** Units in force, ordered by code, paged with {@code after} (the last code of the previous page). */
    @GetMapping("/units")
    ObjectNode list(
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit " + limit + " is outside 1.." + MAX_LIMIT);
        }
        OffsetDateTime t = AsOf.parse(asOf);
        List<StoredUnit> page = units.activeAsOf(t, null, after, limit + 1);
        ObjectNode body = json.mapper().createObjectNode();
        body.put("asOf", t.toString());
        ArrayNode items = body.putArray("units");
        page.stream().limit(limit).forEach(u -> items.add(json.unit(u)));
        body.put("next", page.size() > limit ? page.get(limit - 1).code() : null);
        return body;
    }

    /** Every version of a unit, oldest first, with its validity and when the hub recorded it. */
    @GetMapping("/units/{code}/history")
    ObjectNode history(@PathVariable String code) {
        List<StoredUnit> versions = units.history(code);
        if (versions.isEmpty()) {
            throw new NotFoundException("no control unit " + code + " has ever been recorded");
        }
        ObjectNode body = json.mapper().createObjectNode();
        body.put("code", code);
        ArrayNode list = body.putArray("versions");
        for (StoredUnit v : versions) {
            ObjectNode n = json.unit(v);
            n.put("validTo", v.validTo() == null ? null : v.validTo().toString());
            n.put("recordedAt", v.recordedAt().toString());
            list.add(n);
        }
        return body;
    }

    /** Rules in force at {@code asOf}, optionally of one scope (city, basin or unit code) and one dimension. */
    @GetMapping("/rules")
    ObjectNode rules(
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String dimension,
            @RequestParam(required = false) String asOf) {
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
        OffsetDateTime t = AsOf.parse(asOf);
        ObjectNode body = json.mapper().createObjectNode();
        body.put("asOf", t.toString());
        ArrayNode list = body.putArray("rules");
        rules.search(scope == null || scope.isBlank() ? null : scope.trim(), d, t)
                .forEach(r -> list.add(json.rule(r)));
        return body;
    }
}
