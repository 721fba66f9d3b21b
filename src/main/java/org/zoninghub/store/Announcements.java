package org.zoninghub.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.zoninghub.zoning.ChangeKind;

/**
 * The store's outbox facade (the Debezium outbox shape): announces committed changes by building their CloudEvent and
 * appending it to the outbox in the caller's transaction (it refuses to run outside one), so that a change and its
 * event are committed together. The row carries the stream as its aggregate type and the key as its aggregate id;
 * the relay in {@code publish} only reads rows and sends them, choosing the topic from the aggregate type. Each
 * {@link Follower} is then told of the event in the same transaction (the subscriber feeds, plugged in from
 * {@code publish}, append their copies).
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class Announcements {

    public static final String UNIT_STREAM = "unit";
    public static final String RULE_STREAM = "rule";
    public static final String STATE_STREAM = "unit-state";
    public static final String STATE_TYPE = "zoning.unit.state";

    /**
     * Something that must happen with every announced event, in the transaction that appended it: whatever it
     * writes commits or rolls back with the change.
     */
    public interface Follower {

        /**
         * @param stream the event's stream ({@link #UNIT_STREAM}, {@link #RULE_STREAM}, {@link #STATE_STREAM})
         * @param key its Kafka key
         * @param event the CloudEvent as appended; not to be modified
         */
        void announced(String stream, String key, ObjectNode event);
    }

    private final Outbox outbox;
    private final ZoningJson json;
    private final EventSource source;
    private final ObjectProvider<Follower> followers;

    public Announcements(Outbox outbox, ZoningJson json, EventSource source, ObjectProvider<Follower> followers) {
        this.outbox = outbox;
        this.json = json;
        this.source = source;
        this.followers = followers;
    }

    public void unitChanged(
            ChangeKind change,
            StoredUnit unit,
            StoredUnit previous,
            Collection<String> changedFields,
            OffsetDateTime time) {
        append(
                UNIT_STREAM,
                unit.code(),
                unitType(change),
                unit.edition(),
                time,
                unitChangedData(json, unit, previous, changedFields));
    }

    public void ruleChanged(ChangeKind change, StoredRule rule, StoredRule previous, OffsetDateTime time) {
        append(
                RULE_STREAM,
                rule.scopeCode(),
                ruleType(change),
                rule.edition(),
                time,
                ruleChangedData(json, rule, previous));
    }

    /** The full current state of a unit with every rule that binds it (city + basin + unit), by dimension. */
    public void unitState(StoredUnit unit, List<StoredRule> bindingRules, String edition, OffsetDateTime time) {
        append(STATE_STREAM, unit.code(), STATE_TYPE, edition, time, unitStateData(json, unit, bindingRules));
    }

    private void append(String stream, String key, String type, String edition, OffsetDateTime time, JsonNode data) {
        UUID id = UUID.randomUUID();
        long sequence = outbox.nextSequence(stream, key);
        ObjectNode event = event(json.mapper(), id, source.source(), type, key, time, sequence, edition, data);
        outbox.append(id, stream, key, type, sequence, event.toString());
        followers.orderedStream().forEach(f -> f.announced(stream, key, event));
    }

    // The pure part: the event documents themselves, built without the store so that contract tests can build
    // exactly what the hub emits and validate it against schemas/.

    public static String unitType(ChangeKind change) {
        return "zoning.unit." + change.verb();
    }

    public static String ruleType(ChangeKind change) {
        return "zoning.rule." + change.verb();
    }

    /** The {@code data} of a unit change: the new version, the one it replaces (or null), what changed. */
    public static ObjectNode unitChangedData(
            ZoningJson json, StoredUnit unit, StoredUnit previous, Collection<String> changedFields) {
        ObjectNode data = json.mapper().createObjectNode();
        data.set("unit", json.unit(unit));
        data.set("previous", previous == null ? null : json.unit(previous));
        ArrayNode fields = data.putArray("changedFields");
        changedFields.forEach(fields::add);
        return data;
    }

    /** The {@code data} of a rule change: the new version and the one it replaces (or null). */
    public static ObjectNode ruleChangedData(ZoningJson json, StoredRule rule, StoredRule previous) {
        ObjectNode data = json.mapper().createObjectNode();
        data.set("rule", json.rule(rule));
        data.set("previous", previous == null ? null : json.rule(previous));
        return data;
    }

    /** The {@code data} of a state event: the unit with its binding rules by dimension. */
    public static ObjectNode unitStateData(ZoningJson json, StoredUnit unit, List<StoredRule> bindingRules) {
        ObjectNode data = json.mapper().createObjectNode();
        ObjectNode u = json.unit(unit);
        u.set("rules", json.rulesByDimension(bindingRules));
        data.set("unit", u);
        return data;
    }

    /**
     * The CloudEvent (structured mode) around {@code data}; the subject is the Kafka key. The time is
     * written as RFC 3339 requires, seconds included even when zero ({@code OffsetDateTime.toString()} drops them).
     */
    public static ObjectNode event(
            ObjectMapper mapper,
            UUID id,
            String source,
            String type,
            String key,
            OffsetDateTime time,
            long sequence,
            String edition,
            JsonNode data) {
        ObjectNode event = mapper.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id.toString());
        event.put("source", source);
        event.put("type", type);
        event.put("subject", key);
        event.put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        event.put("datacontenttype", "application/json");
        event.put("sequence", sequence);
        event.put("edition", edition);
        event.set("data", data);
        return event;
    }
}
