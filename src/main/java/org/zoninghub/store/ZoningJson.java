package org.zoninghub.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Component;
import org.zoninghub.spatial.GeoJsonGeometries;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Dimension;

/**
 * The JSON documents of docs/events.md for stored versions: the {@code unit} and {@code rule} objects that events,
 * the state topic and the HTTP API all share, so that a department sees one shape everywhere.
 */
@Component
public class ZoningJson {

    private final ObjectMapper mapper;

    public ZoningJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public ObjectNode unit(StoredUnit u) {
        ObjectNode n = mapper.createObjectNode();
        n.put("code", u.code());
        n.put("name", u.name());
        n.put("category", u.category().name());
        n.put("divisionCode", u.divisionCode());
        ArrayNode basins = n.putArray("basins");
        u.basins().stream().map(Basin::name).forEach(basins::add);
        if (u.geometry() == null) {
            n.putNull("geometry");
        } else {
            // written as text once, kept raw in the document: no tree of number nodes for its vertices
            n.putRawValue("geometry", new RawValue(GeoJsonGeometries.writeString(u.geometry())));
        }
        n.put("areaM2", round(u.areaM2(), 2));
        n.put("areaKm2", round(u.areaM2() / 1e6, 6));
        n.put("status", u.status().name());
        n.put("version", u.version());
        n.put("edition", u.edition());
        n.put("validFrom", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(u.validFrom()));
        return n;
    }

    public ObjectNode rule(StoredRule r) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", r.ruleId());
        n.put("level", r.level().name());
        n.put("scopeCode", r.scopeCode());
        n.put("dimension", r.dimension().name());
        n.put("seq", r.seq());
        n.put("text", r.text());
        n.put("version", r.version());
        n.put("edition", r.edition());
        return n;
    }

    /** Rules grouped by dimension, every dimension present, each list ordered city → basin → unit, then clause. */
    public ObjectNode rulesByDimension(List<StoredRule> rules) {
        ObjectNode n = mapper.createObjectNode();
        for (Dimension d : Dimension.values()) {
            ArrayNode list = n.putArray(d.name());
            rules.stream()
                    .filter(r -> r.dimension() == d)
                    .sorted((a, b) -> a.level() != b.level()
                            ? a.level().compareTo(b.level())
                            : a.scopeCode().equals(b.scopeCode())
                                    ? Integer.compare(a.seq(), b.seq())
                                    : a.scopeCode().compareTo(b.scopeCode()))
                    .forEach(r -> list.add(rule(r)));
        }
        return n;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
