package org.zoninghub.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.zoninghub.zoning.ChangeKind;

/**
 * The store's outbox facade (the Debezium outbox shape): announces committed changes by building their CloudEvent and
 * appending it to the outbox in the caller's transaction (it refuses to run outside one), so that a change and its
 * event are committed together. The row carries the stream as its aggregate type and the key as its aggregate id;
 * the relay in {@code publish} only reads rows and sends them, choosing the topic from the aggregate type. Each
 * {@link Follower} is told of the events in the same transaction and may copy them to streams of its own (the
 * subscriber feeds, plugged in from {@code publish}).
 *
 * <p><b>Batches.</b> Inside {@link #batch(Runnable)} the announcements are collected and written when it ends (or
 * every {@value #WRITE_EVERY} events), still in the caller's transaction: the followers are told of the collected
 * events at once, the sequences of every key (the events' and their copies') are reserved in one statement, and the
 * rows are appended in one batch, in the order of the announcements, each event followed by its copies. Outside a
 * batch each announcement is a batch of one. The rows and their order are the same either way.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class Announcements {

    public static final String UNIT_STREAM = "unit";
    public static final String RULE_STREAM = "rule";
    public static final String STATE_STREAM = "unit-state";
    public static final String STATE_TYPE = "zoning.unit.state";

    /**
     * Something that must happen with every announced event, in the transaction that appends it: whatever it
     * writes commits or rolls back with the change.
     */
    public interface Follower {

        /**
         * Told of the events of one batch, in the order they are announced, before they are written; it may ask for
         * copies of each ({@link Announced#copyTo}), which are appended right after their event.
         *
         * @param events the batch's events, not to be modified
         */
        void announced(List<Announced> events);
    }

    /** Makes the copy of an event for another stream, once the sequences are known. */
    @FunctionalInterface
    public interface Copier {

        /**
         * @param event the event as appended (its sequence set); not to be modified
         * @param id the copy's id
         * @param sequence the copy's sequence in its stream and key
         * @return the copy's CloudEvent
         */
        ObjectNode copy(ObjectNode event, UUID id, long sequence);
    }

    /** An event of a batch, as a {@link Follower} sees it before it is written. */
    public static final class Announced {

        private final UUID id;
        private final String stream;
        private final String key;
        private final String type;
        private final ObjectNode event;
        private final List<Copy> copies = new ArrayList<>(0);

        Announced(UUID id, String stream, String key, String type, ObjectNode event) {
            this.id = id;
            this.stream = stream;
            this.key = key;
            this.type = type;
            this.event = event;
        }

        /** The event's stream ({@link #UNIT_STREAM}, {@link #RULE_STREAM}, {@link #STATE_STREAM}). */
        public String stream() {
            return stream;
        }

        /** Its Kafka key. */
        public String key() {
            return key;
        }

        /** The CloudEvent; its {@code sequence} is set only when the batch is written. Not to be modified. */
        public ObjectNode event() {
            return event;
        }

        /** Appends a copy of the event to another stream, under the same key and type, right after the event. */
        public void copyTo(String copyStream, Copier copier) {
            copies.add(new Copy(copyStream, copier));
        }
    }

    private record Copy(String stream, Copier copier) {}

    /**
     * How many events a batch holds before it writes them (and goes on collecting): the events' documents, geometry
     * included, stay in memory until they are written, so a batch of a whole national sync is written in parts of
     * this many events (two statements each), in order.
     */
    static final int WRITE_EVERY = 500;

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

    /**
     * Runs {@code announcing} and writes what it announces when it returns, in one batch (see the class comment);
     * inside a batch already, it joins it. When it throws, what it announced since the batch last wrote is dropped
     * (what was written rolls back with the caller's transaction, which the exception ends).
     */
    public void batch(Runnable announcing) {
        if (TransactionSynchronizationManager.hasResource(this)) {
            announcing.run();
            return;
        }
        List<Announced> pending = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, pending);
        try {
            announcing.run();
        } finally {
            TransactionSynchronizationManager.unbindResource(this);
        }
        write(pending);
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

    @SuppressWarnings("unchecked")
    private void append(String stream, String key, String type, String edition, OffsetDateTime time, JsonNode data) {
        UUID id = UUID.randomUUID();
        // the sequence is set when the batch is written; the field keeps its place in the document
        ObjectNode event = event(json.mapper(), id, source.source(), type, key, time, 0, edition, data);
        Announced announced = new Announced(id, stream, key, type, event);
        Object batch = TransactionSynchronizationManager.getResource(this);
        if (batch == null) {
            write(List.of(announced));
            return;
        }
        List<Announced> pending = (List<Announced>) batch;
        pending.add(announced);
        if (pending.size() >= WRITE_EVERY) {
            write(pending);
            pending.clear();
        }
    }

    /** Tells the followers, reserves every key's sequences in one statement, appends the rows in one batch. */
    private void write(List<Announced> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Announced> view = Collections.unmodifiableList(events);
        followers.orderedStream().forEach(f -> f.announced(view));
        Map<Outbox.StreamKey, Integer> counts = new HashMap<>();
        for (Announced a : events) {
            counts.merge(new Outbox.StreamKey(a.stream, a.key), 1, Integer::sum);
            for (Copy c : a.copies) {
                counts.merge(new Outbox.StreamKey(c.stream(), a.key), 1, Integer::sum);
            }
        }
        Map<Outbox.StreamKey, Long> next = new HashMap<>(outbox.reserveSequences(counts));
        List<Outbox.Row> rows = new ArrayList<>(
                counts.values().stream().mapToInt(Integer::intValue).sum());
        for (Announced a : events) {
            long sequence = next.merge(new Outbox.StreamKey(a.stream, a.key), 1L, Long::sum) - 1;
            a.event.put("sequence", sequence);
            rows.add(new Outbox.Row(a.id, a.stream, a.key, a.type, sequence, a.event.toString()));
            for (Copy c : a.copies) {
                UUID copyId = UUID.randomUUID();
                long copySequence = next.merge(new Outbox.StreamKey(c.stream(), a.key), 1L, Long::sum) - 1;
                ObjectNode copy = c.copier().copy(a.event, copyId, copySequence);
                rows.add(new Outbox.Row(copyId, c.stream(), a.key, a.type, copySequence, copy.toString()));
            }
        }
        outbox.appendAll(rows);
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
