package org.zoninghub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.zoninghub.store.Outbox;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.ZoningJson;

/**
 * Announces committed changes: builds the CloudEvent of CONTRACT §5 and appends it to the outbox in the caller's
 * transaction (it refuses to run outside one), so that a change and its event are committed together.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class Announcements {

    public static final String UNIT_STREAM = "unit";
    public static final String RULE_STREAM = "rule";
    public static final String STATE_STREAM = "unit-state";

    public enum Change {
        CREATED("created"),
        UPDATED("updated"),
        RETIRED("retired");

        private final String verb;

        Change(String verb) {
            this.verb = verb;
        }
    }

    private final Outbox outbox;
    private final ZoningJson json;
    private final PublishProperties properties;

    public Announcements(Outbox outbox, ZoningJson json, PublishProperties properties) {
        this.outbox = outbox;
        this.json = json;
        this.properties = properties;
    }

    public void unitChanged(
            Change change,
            StoredUnit unit,
            StoredUnit previous,
            Collection<String> changedFields,
            OffsetDateTime time) {
        ObjectNode data = json.mapper().createObjectNode();
        data.set("unit", json.unit(unit));
        data.set("previous", previous == null ? null : json.unit(previous));
        ArrayNode fields = data.putArray("changedFields");
        changedFields.forEach(fields::add);
        append(
                UNIT_STREAM,
                unit.code(),
                "zoning.unit." + change.verb,
                properties.topics().unitChanges(),
                unit.edition(),
                time,
                data);
    }

    public void ruleChanged(Change change, StoredRule rule, StoredRule previous, OffsetDateTime time) {
        ObjectNode data = json.mapper().createObjectNode();
        data.set("rule", json.rule(rule));
        data.set("previous", previous == null ? null : json.rule(previous));
        append(
                RULE_STREAM,
                rule.scopeCode(),
                "zoning.rule." + change.verb,
                properties.topics().ruleChanges(),
                rule.edition(),
                time,
                data);
    }

    /** The full current state of a unit with every rule that binds it (city + basin + unit), by dimension. */
    public void unitState(StoredUnit unit, List<StoredRule> bindingRules, String edition, OffsetDateTime time) {
        ObjectNode data = json.mapper().createObjectNode();
        ObjectNode u = json.unit(unit);
        u.set("rules", json.rulesByDimension(bindingRules));
        data.set("unit", u);
        append(
                STATE_STREAM,
                unit.code(),
                "zoning.unit.state",
                properties.topics().unitState(),
                edition,
                time,
                data);
    }

    private void append(
            String stream, String key, String type, String topic, String edition, OffsetDateTime time, JsonNode data) {
        UUID id = UUID.randomUUID();
        long sequence = outbox.nextSequence(stream, key);
        ObjectNode event = json.mapper().createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id.toString());
        event.put("source", properties.source());
        event.put("type", type);
        event.put("subject", key);
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        event.put("sequence", sequence);
        event.put("edition", edition);
        event.set("data", data);
        outbox.append(id, stream, key, type, topic, sequence, event.toString());
    }
}
