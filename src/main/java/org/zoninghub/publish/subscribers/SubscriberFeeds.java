package org.zoninghub.publish.subscribers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.zoninghub.publish.subscribers.SubscriberFilter.Candidate;
import org.zoninghub.publish.subscribers.SubscriberFilter.UnitFacts;
import org.zoninghub.store.Announcements;
import org.zoninghub.store.EventSource;
import org.zoninghub.store.Outbox;
import org.zoninghub.store.RuleVersions;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.UnitVersions;
import org.zoninghub.store.ZoningJson;
import org.zoninghub.zoning.Binding;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.UnitStatus;

/**
 * Writes the subscriber feeds into the outbox, always in the transaction of what they carry.
 *
 * <p><b>Fan-out.</b> For every event {@link Announcements} appends, each enabled subscriber whose filter selects it
 * gets a copy for its feed topic: the same type, key, time, edition and data, a new {@code id}, the source event's
 * id in the extension attribute {@code sourceid}, and a {@code sequence} of the feed's own, counted per key in the
 * stream {@code feed:{subscriberId}:{source stream}}. A feed thus counts 1, 2, 3, … per key without gaps like every
 * other topic, and a department detects a lost message on its feed alone. The copies are appended right after their
 * event, in the same batch.
 *
 * <p><b>One read per transaction.</b> The enabled subscribers are read once per transaction, at its first fan-out
 * (an apply announces its whole plan in one batch, at its end), share-locked until the transaction ends, and every
 * event of the transaction is matched against that one list. A subscriber thus gets all of a transaction's events or
 * none: one that is disabled or changed while the transaction runs waits (its row is share-locked) and takes effect
 * for the next transaction; one created or enabled after the read (its row was not read, so not locked) is not among
 * them and gets the events of the transactions that read the subscribers after its commit. Its bootstrap brings it
 * what it missed only when it runs after such a transaction commits: a bootstrap locks only its own row.
 *
 * <p><b>Bootstrap.</b> Appends to a feed a {@code zoning.unit.state} event for every unit in force its filter
 * selects, with every rule that binds it, in the feed's state sequence. The subscriber's row is locked first: the
 * fan-out reads enabled subscribers with a share lock, so a bootstrap waits for the changes being applied to commit
 * and the next changes wait for the bootstrap; its states come after every change they include and before every
 * change they do not.
 */
@Component
class SubscriberFeeds implements Announcements.Follower {

    private final SubscriberStore store;
    private final Outbox outbox;
    private final NamedParameterJdbcTemplate jdbc;
    private final UnitVersions units;
    private final RuleVersions rules;
    private final ZoningJson json;
    private final EventSource source;
    private final FeedProperties feeds;
    private final Jurisdiction jurisdiction;
    /** Where a transaction keeps the subscribers its first fan-out read. */
    private final Object fanOutKey = new Object();

    SubscriberFeeds(
            SubscriberStore store,
            Outbox outbox,
            NamedParameterJdbcTemplate jdbc,
            UnitVersions units,
            RuleVersions rules,
            ZoningJson json,
            EventSource source,
            FeedProperties feeds,
            Jurisdiction jurisdiction) {
        this.store = store;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.units = units;
        this.rules = rules;
        this.json = json;
        this.source = source;
        this.feeds = feeds;
        this.jurisdiction = jurisdiction;
    }

    /** The stream (outbox aggregate type, sequence space) of a subscriber's copies of a source stream. */
    static String feedStream(String subscriberId, String sourceStream) {
        return FeedStreams.of(subscriberId, sourceStream);
    }

    @Override
    public void announced(List<Announcements.Announced> events) {
        List<Subscriber> enabled = enabledInThisTransaction();
        if (enabled.isEmpty()) {
            return;
        }
        StoreUnitLookup lookup = new StoreUnitLookup(jdbc, jurisdiction);
        for (Announcements.Announced event : events) {
            Candidate candidate = Candidate.of(event.event(), jurisdiction);
            for (Subscriber s : enabled) {
                if (s.filter().selects(candidate, lookup)) {
                    event.copyTo(
                            feedStream(s.id(), event.stream()),
                            (e, id, sequence) -> feedCopy(json.mapper(), e, id, sequence));
                }
            }
        }
    }

    /**
     * The enabled subscribers, read (and share-locked) at the first fan-out of the transaction and kept for its other
     * fan-outs, so that every event of a transaction meets the same subscribers.
     */
    @SuppressWarnings("unchecked")
    private List<Subscriber> enabledInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return store.enabledForFanOut();
        }
        Object read = TransactionSynchronizationManager.getResource(fanOutKey);
        if (read != null) {
            return (List<Subscriber>) read;
        }
        List<Subscriber> enabled = store.enabledForFanOut();
        TransactionSynchronizationManager.bindResource(fanOutKey, enabled);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(fanOutKey);
            }
        });
        return enabled;
    }

    /**
     * A source event as its feed copy: a new id with the source's id beside it as {@code sourceid}, the feed's
     * sequence, everything else as it is (the data node is shared, not copied).
     */
    static ObjectNode feedCopy(ObjectMapper mapper, ObjectNode source, UUID id, long sequence) {
        ObjectNode copy = mapper.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = source.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> f = fields.next();
            switch (f.getKey()) {
                case "id" -> {
                    copy.put("id", id.toString());
                    copy.set("sourceid", f.getValue());
                }
                case "sequence" -> copy.put("sequence", sequence);
                default -> copy.set(f.getKey(), f.getValue());
            }
        }
        return copy;
    }

    /**
     * Appends the state of every selected unit in force to the subscriber's feed; empty when there is no such
     * subscriber.
     *
     * @throws SubscriberConflictException when the subscriber is disabled
     */
    @Transactional
    Optional<FeedBootstrap> bootstrap(String subscriberId) {
        Optional<Subscriber> found = store.lockForBootstrap(subscriberId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Subscriber subscriber = found.get();
        if (!subscriber.enabled()) {
            throw new SubscriberConflictException("subscriber " + subscriberId
                    + " is disabled; enable it (PUT with \"enabled\": true) before bootstrapping it");
        }
        OffsetDateTime now = jdbc.getJdbcTemplate().queryForObject("select now()", OffsetDateTime.class);
        Map<String, List<StoredRule>> activeByScope = new HashMap<>();
        rules.latestAll().values().stream()
                .filter(r -> r.status() == UnitStatus.ACTIVE)
                .forEach(r -> activeByScope
                        .computeIfAbsent(r.scopeCode(), k -> new ArrayList<>())
                        .add(r));
        List<String> codes = units.latestHeads().values().stream()
                .filter(h -> h.status() == UnitStatus.ACTIVE)
                .map(h -> h.code())
                .sorted()
                .toList();
        String topic = feeds.topic(subscriberId);
        String stream = feedStream(subscriberId, Announcements.STATE_STREAM);
        int count = 0;
        for (StoredUnit unit : units.latest(codes).stream()
                .sorted(Comparator.comparing(StoredUnit::code))
                .toList()) {
            if (!subscriber.filter().selectsUnit(facts(unit))) {
                continue;
            }
            List<StoredRule> binding = Binding.rules(
                    jurisdiction, unit.basins(), unit.code(), scope -> activeByScope.getOrDefault(scope, List.of()));
            UUID id = UUID.randomUUID();
            long sequence = outbox.nextSequence(stream, unit.code());
            ObjectNode event = Announcements.event(
                    json.mapper(),
                    id,
                    source.source(),
                    Announcements.STATE_TYPE,
                    unit.code(),
                    now,
                    sequence,
                    unit.edition(),
                    Announcements.unitStateData(json, unit, binding));
            outbox.append(id, stream, unit.code(), Announcements.STATE_TYPE, sequence, event.toString());
            count++;
        }
        store.markBootstrapped(subscriberId);
        return Optional.of(new FeedBootstrap(subscriberId, topic, count, now));
    }

    static UnitFacts facts(StoredUnit unit) {
        return new UnitFacts(
                unit.code(), unit.category(), unit.divisionCode(), unit.basins(), unit.status() == UnitStatus.ACTIVE);
    }
}
