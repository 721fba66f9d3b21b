package org.zoninghub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoninghub.store.EditionStore;
import org.zoninghub.store.ZoningStatistics;
import org.zoninghub.store.ZoningStatistics.Group;
import org.zoninghub.web.AsOf;

/** {@code GET /api/v1/statistics}: units and area share by category, division and basin (docs/http-api.md). */
@RestController
@RequestMapping("/api/v1/statistics")
class StatisticsController {

    private final ZoningStatistics statistics;
    private final EditionStore editions;
    private final ObjectMapper mapper;

    StatisticsController(ZoningStatistics statistics, EditionStore editions, ObjectMapper mapper) {
        this.statistics = statistics;
        this.editions = editions;
        this.mapper = mapper;
    }

    @GetMapping
    ObjectNode statistics(@RequestParam(required = false) String asOf) {
        OffsetDateTime t = AsOf.parse(asOf);
        Group total = statistics.total(t);
        ObjectNode body = mapper.createObjectNode();
        body.put("edition", editions.asOf(t).map(EditionStore.Edition::code).orElse(null));
        body.put("asOf", AsOf.format(t));
        body.put("totalUnits", total.units());
        body.put("totalAreaKm2", Decimals.halfUp(total.areaM2() / 1e6, 2));
        groups(body.putArray("byCategory"), "category", statistics.byCategory(t), total);
        groups(body.putArray("byDivision"), "divisionCode", statistics.byDivision(t), total);
        groups(body.putArray("byBasin"), "basin", statistics.byBasin(t), total);
        return body;
    }

    private static void groups(ArrayNode array, String keyName, List<Group> groups, Group total) {
        for (Group g : groups) {
            ObjectNode n = array.addObject();
            n.put(keyName, g.key());
            n.put("units", g.units());
            n.put("areaKm2", Decimals.halfUp(g.areaM2() / 1e6, 2));
            n.put("areaShare", total.areaM2() == 0 ? 0.0 : Decimals.halfUp(100.0 * g.areaM2() / total.areaM2(), 2));
        }
    }
}
