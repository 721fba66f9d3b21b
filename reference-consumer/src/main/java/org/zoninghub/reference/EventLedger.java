package org.zoninghub.reference;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a consumer remembers between events: per key the last applied sequence, the ids it applied, events held back
 * behind a gap, and what it skipped or could not read.
 *
 * <p>A production ledger must be durable and updated in the same transaction as the department's own data (a table
 * beside it, for example), because the consumer acknowledges a Kafka record once {@link ZoningEventConsumer#handle}
 * returns: an event that was applied, held or skipped is not delivered again. {@link InMemoryEventLedger} is the
 * reference implementation for tests and for trying things out.
 */
public interface EventLedger {

    /** The last sequence applied for a key; empty when nothing was applied yet. */
    OptionalLong lastApplied(StreamKey key);

    /** Whether an event with this id was applied. */
    boolean isApplied(String eventId);

    /** Records an applied event: its id, and its sequence as the key's last. */
    void recordApplied(ZoningEvent event);

    /** Holds an event that arrived ahead of a missing one; false when an event with its sequence is already held. */
    boolean hold(ZoningEvent event);

    /** Removes and returns the held event of a key with exactly this sequence. */
    Optional<ZoningEvent> takeHeld(StreamKey key, long sequence);

    /** The events held for a key, by sequence. */
    List<ZoningEvent> held(StreamKey key);

    /** The keys that have held events. */
    Set<StreamKey> keysWithHeld();

    /** Records an event skipped because it (or an event in its place) was applied already. */
    void recordDuplicate(ZoningEvent event);

    /** How many events were skipped as duplicates. */
    long duplicatesSkipped();

    /** Records a gap when it is detected. */
    void recordGap(Gap gap);

    /** Every gap detected, in order, whether filled since or not. */
    List<Gap> detectedGaps();

    /** Records a record that is not a readable hub event. */
    void recordRejected(Rejected rejected);

    /** The records that were not readable hub events. */
    List<Rejected> rejected();

    /**
     * A record that could not be read as an event (not JSON, or no id, type or sequence). It is acknowledged and
     * reported rather than retried, since retrying cannot make it readable.
     */
    record Rejected(String topic, int partition, long offset, String reason) {}
}
