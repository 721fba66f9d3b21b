package org.zoninghub.reference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ledger in memory: for tests, where it is the judge of "nothing lost, nothing applied twice", and for trying the
 * consumer out. It forgets everything on restart; see {@link EventLedger} for what a durable one needs.
 *
 * <p>It also keeps the list of every applied event, in order, so that a test can compare it with what was published.
 * Thread-safe.
 */
public class InMemoryEventLedger implements EventLedger {

    /**
     * One applied event.
     *
     * @param streamKey where
     * @param sequence its sequence
     * @param eventId its id
     */
    public record Applied(StreamKey streamKey, long sequence, String eventId) {}

    private final Map<StreamKey, Long> lastApplied = new HashMap<>();
    private final Map<String, Boolean> appliedIds;
    private final Map<StreamKey, NavigableMap<Long, ZoningEvent>> held = new HashMap<>();
    private final List<Applied> applied = new ArrayList<>();
    private final List<Gap> gaps = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private long duplicates;

    /** A ledger that remembers every applied id. */
    public InMemoryEventLedger() {
        this(Integer.MAX_VALUE);
    }

    /**
     * A ledger that remembers the ids of the latest {@code maxIds} applied events. Sequences catch every redelivery
     * of an applied event; the ids catch the same event arriving while it is held, so a bound of a few times the
     * number of keys in flight is plenty.
     */
    public InMemoryEventLedger(int maxIds) {
        this.appliedIds = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > maxIds;
            }
        };
    }

    @Override
    public synchronized OptionalLong lastApplied(StreamKey key) {
        Long last = lastApplied.get(key);
        return last == null ? OptionalLong.empty() : OptionalLong.of(last);
    }

    @Override
    public synchronized boolean isApplied(String eventId) {
        return appliedIds.containsKey(eventId);
    }

    @Override
    public synchronized void recordApplied(ZoningEvent event) {
        lastApplied.put(event.streamKey(), event.sequence());
        appliedIds.put(event.id(), Boolean.TRUE);
        applied.add(new Applied(event.streamKey(), event.sequence(), event.id()));
    }

    @Override
    public synchronized boolean hold(ZoningEvent event) {
        return held.computeIfAbsent(event.streamKey(), k -> new TreeMap<>()).putIfAbsent(event.sequence(), event)
                == null;
    }

    @Override
    public synchronized Optional<ZoningEvent> takeHeld(StreamKey key, long sequence) {
        NavigableMap<Long, ZoningEvent> events = held.get(key);
        if (events == null) {
            return Optional.empty();
        }
        ZoningEvent event = events.remove(sequence);
        if (events.isEmpty()) {
            held.remove(key);
        }
        return Optional.ofNullable(event);
    }

    @Override
    public synchronized List<ZoningEvent> held(StreamKey key) {
        NavigableMap<Long, ZoningEvent> events = held.get(key);
        return events == null ? List.of() : List.copyOf(events.values());
    }

    @Override
    public synchronized Set<StreamKey> keysWithHeld() {
        return Collections.unmodifiableSet(new TreeSet<>(held.keySet()));
    }

    @Override
    public synchronized void recordDuplicate(ZoningEvent event) {
        duplicates++;
    }

    @Override
    public synchronized long duplicatesSkipped() {
        return duplicates;
    }

    @Override
    public synchronized void recordGap(Gap gap) {
        gaps.add(gap);
    }

    @Override
    public synchronized List<Gap> detectedGaps() {
        return List.copyOf(gaps);
    }

    @Override
    public synchronized void recordRejected(Rejected record) {
        rejected.add(record);
    }

    @Override
    public synchronized List<Rejected> rejected() {
        return List.copyOf(rejected);
    }

    /** Every applied event, in the order applied. */
    public synchronized List<Applied> applied() {
        return List.copyOf(applied);
    }

    /** The sequences applied for a key, in the order applied; 1, 2, 3, … when nothing was lost or repeated. */
    public synchronized List<Long> appliedSequences(StreamKey key) {
        return applied.stream()
                .filter(a -> a.streamKey().equals(key))
                .map(Applied::sequence)
                .toList();
    }

    /** The keys something was applied for. */
    public synchronized Set<StreamKey> keys() {
        return Set.copyOf(lastApplied.keySet());
    }
}
