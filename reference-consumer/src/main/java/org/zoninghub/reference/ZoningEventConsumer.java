package org.zoninghub.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the hub's events exactly once and in order per key, whatever Kafka redelivers (docs/events.md: delivery is
 * at least once, in order per key; {@code id} is unique; {@code sequence} counts 1, 2, 3, … per key).
 *
 * <ul>
 *   <li>An event whose id was applied is skipped (dedupe).
 *   <li>An event whose sequence is not after the key's last applied one is skipped (a redelivery).
 *   <li>The next sequence is applied, and with it any held events that now follow without a gap.
 *   <li>A later sequence is a gap: the event is held back and the gap recorded; {@link #gaps()} lists the gaps not
 *       filled yet, and {@link #skipGap} gives up waiting for one.
 *   <li>A key seen for the first time starts at 1, unless its topic's {@link SequenceMode} says otherwise.
 * </ul>
 *
 * <p>It knows nothing of Spring: a listener hands it each {@link ConsumerRecord} and acknowledges the record when
 * {@link #handle} returns. If the handler throws, {@code handle} throws too, nothing is recorded, and the record must
 * not be acknowledged, so that Kafka delivers it again. Calls are serialised, which keeps the reference simple; keys of
 * different partitions could run in parallel.
 */
public class ZoningEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(ZoningEventConsumer.class);

    /** What became of one record. */
    public enum Outcome {
        /** Applied (with any held events it unblocked). */
        APPLIED,
        /** Held back behind a gap. */
        HELD,
        /** Skipped: applied before. */
        DUPLICATE,
        /** Not a readable hub event; recorded in the ledger and skipped. */
        REJECTED
    }

    /**
     * @param outcome what became of the record
     * @param applied the events applied while handling it, in order: the record's own event first, then the held ones
     *     it unblocked
     */
    public record Result(Outcome outcome, List<ZoningEvent> applied) {}

    /** The handler failed; the event was not applied and its record must not be acknowledged. */
    public static class ApplyFailedException extends RuntimeException {

        ApplyFailedException(ZoningEvent event, Exception cause) {
            super("could not apply " + event + ": " + cause.getMessage(), cause);
        }
    }

    private final EventLedger ledger;
    private final ZoningEventHandler handler;
    private final Function<String, SequenceMode> modeOfTopic;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param ledger what was applied, held and skipped
     * @param handler the department's update
     * @param modeOfTopic how strictly each topic's sequences are checked
     */
    public ZoningEventConsumer(
            EventLedger ledger, ZoningEventHandler handler, Function<String, SequenceMode> modeOfTopic) {
        this.ledger = Objects.requireNonNull(ledger);
        this.handler = Objects.requireNonNull(handler);
        this.modeOfTopic = Objects.requireNonNull(modeOfTopic);
    }

    /** A consumer that checks every topic strictly. */
    public ZoningEventConsumer(EventLedger ledger, ZoningEventHandler handler) {
        this(ledger, handler, topic -> SequenceMode.STRICT);
    }

    /** Handles one record; see the class comment. */
    public synchronized Result handle(ConsumerRecord<String, String> record) {
        Optional<ZoningEvent> read = read(record);
        if (read.isEmpty()) {
            return new Result(Outcome.REJECTED, List.of());
        }
        ZoningEvent event = read.get();
        StreamKey key = event.streamKey();
        OptionalLong last = ledger.lastApplied(key);
        SequenceMode mode = Objects.requireNonNull(modeOfTopic.apply(record.topic()), "mode of " + record.topic());

        if (ledger.isApplied(event.id()) || (last.isPresent() && event.sequence() <= last.getAsLong())) {
            ledger.recordDuplicate(event);
            log.debug("skipped {}: applied before", event);
            return new Result(Outcome.DUPLICATE, drain(key));
        }
        long expected = last.isPresent() ? last.getAsLong() + 1 : 1;
        boolean inTurn = event.sequence() == expected
                || mode == SequenceMode.SNAPSHOT
                || (mode == SequenceMode.RESUME && last.isEmpty());
        if (!inTurn) {
            if (!ledger.hold(event)) {
                ledger.recordDuplicate(event);
                log.debug("skipped {}: already held", event);
                return new Result(Outcome.DUPLICATE, List.of());
            }
            long before = expected - 1;
            for (ZoningEvent h : ledger.held(key)) {
                if (h.sequence() < event.sequence()) {
                    before = Math.max(before, h.sequence());
                }
            }
            if (event.sequence() > before + 1) { // a new hole, not the continuation of held events
                Gap gap = new Gap(key, before + 1, event.sequence());
                ledger.recordGap(gap);
                log.warn("gap in {}: holding {} until the missing events arrive", gap, event);
            } else {
                log.debug("holding {} behind an open gap", event);
            }
            return new Result(Outcome.HELD, List.of());
        }
        List<ZoningEvent> applied = new ArrayList<>();
        apply(event);
        applied.add(event);
        applied.addAll(drain(key));
        return new Result(Outcome.APPLIED, List.copyOf(applied));
    }

    /**
     * The gaps not filled yet, by key: each hole between the last applied event and the held ones, and between held
     * ones, as the first missing sequence and the held sequence after it.
     */
    public synchronized List<Gap> gaps() {
        List<Gap> open = new ArrayList<>();
        for (StreamKey key : ledger.keysWithHeld()) {
            long before = ledger.lastApplied(key).orElse(0);
            for (ZoningEvent held : ledger.held(key)) {
                if (held.sequence() > before + 1) {
                    open.add(new Gap(key, before + 1, held.sequence()));
                }
                before = held.sequence();
            }
        }
        open.sort(Comparator.comparing(Gap::streamKey));
        return List.copyOf(open);
    }

    /**
     * Gives up waiting for a key's missing events (after the hub's operators confirm they are gone, for instance):
     * applies the held events from the first one on. The gap stays in the ledger's {@link EventLedger#detectedGaps}.
     *
     * @return the events applied
     */
    public synchronized List<ZoningEvent> skipGap(StreamKey key) {
        List<ZoningEvent> held = ledger.held(key);
        if (held.isEmpty()) {
            return List.of();
        }
        ZoningEvent first = ledger.takeHeld(key, held.get(0).sequence()).orElseThrow();
        log.warn("skipping the gap before {} at the operator's request", first);
        List<ZoningEvent> applied = new ArrayList<>();
        applyOrHoldAgain(first);
        applied.add(first);
        applied.addAll(drain(key));
        return List.copyOf(applied);
    }

    /** Applies the held events of a key that follow its last applied one without a gap. */
    private List<ZoningEvent> drain(StreamKey key) {
        List<ZoningEvent> applied = new ArrayList<>();
        OptionalLong last = ledger.lastApplied(key);
        while (last.isPresent()) {
            Optional<ZoningEvent> next = ledger.takeHeld(key, last.getAsLong() + 1);
            if (next.isEmpty()) {
                break;
            }
            applyOrHoldAgain(next.get());
            applied.add(next.get());
            last = ledger.lastApplied(key);
        }
        return applied;
    }

    private void applyOrHoldAgain(ZoningEvent event) {
        try {
            apply(event);
        } catch (RuntimeException e) {
            ledger.hold(event); // still waiting; the next record of this key (or its redelivery) tries again
            throw e;
        }
    }

    private void apply(ZoningEvent event) {
        try {
            handler.apply(event);
        } catch (Exception e) {
            throw new ApplyFailedException(event, e);
        }
        ledger.recordApplied(event);
    }

    /** The event of a record, or empty (and recorded as rejected) when it is not a readable hub event. */
    private Optional<ZoningEvent> read(ConsumerRecord<String, String> record) {
        String problem;
        try {
            JsonNode json = record.value() == null ? null : mapper.readTree(record.value());
            problem = problem(json);
            if (problem == null) {
                String type = json.get("type").asText();
                String key = record.key() != null
                        ? record.key()
                        : json.path("subject").asText(null);
                if (key == null) {
                    problem = "neither a record key nor a subject";
                } else {
                    return Optional.of(new ZoningEvent(
                            json.get("id").asText(),
                            type,
                            new StreamKey(StreamKey.streamOf(type), key),
                            json.get("sequence").asLong(),
                            json.path("edition").asText(null),
                            json.path("time").asText(null),
                            json.path("data"),
                            record.topic(),
                            record.partition(),
                            record.offset()));
                }
            }
        } catch (Exception e) {
            problem = "not JSON: " + e.getMessage();
        }
        EventLedger.Rejected rejected =
                new EventLedger.Rejected(record.topic(), record.partition(), record.offset(), problem);
        ledger.recordRejected(rejected);
        log.error("rejected {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), problem);
        return Optional.empty();
    }

    private static String problem(JsonNode json) {
        if (json == null || !json.isObject()) {
            return "not a JSON object";
        }
        if (!json.path("id").isTextual() || json.get("id").asText().isEmpty()) {
            return "no id";
        }
        if (!json.path("type").isTextual()) {
            return "no type";
        }
        JsonNode sequence = json.path("sequence");
        if (!sequence.isIntegralNumber() || sequence.asLong() < 1) {
            return "no sequence (an integer from 1)";
        }
        return null;
    }
}
