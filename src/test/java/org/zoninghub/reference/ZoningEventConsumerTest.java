package org.zoninghub.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.zoninghub.reference.ZoningEventConsumer.ApplyFailedException;
import org.zoninghub.reference.ZoningEventConsumer.Outcome;

/** The reference consumer's rules: dedupe by id, apply in sequence order per key, hold and report gaps. */
class ZoningEventConsumerTest {

    static final String CHANGES = "zoning.units.changes.v1";
    static final String RULES = "zoning.rules.changes.v1";
    static final String STATE = "zoning.units.state.v1";
    static final String FEED = "zoning.feed.permits.v1";
    static final String LONGSHAN = "ZH22040210001";
    static final String DONGFENG = "ZH22042120003";
    static final StreamKey LONGSHAN_UNIT = new StreamKey("zoning.unit", LONGSHAN);
    static final StreamKey DONGFENG_UNIT = new StreamKey("zoning.unit", DONGFENG);

    final InMemoryEventLedger ledger = new InMemoryEventLedger();
    final List<String> handled = new ArrayList<>();
    final Set<String> failing = new HashSet<>();
    final ZoningEventConsumer consumer = new ZoningEventConsumer(
            ledger,
            event -> {
                if (failing.contains(event.id())) {
                    throw new IllegalStateException("department database unavailable");
                }
                handled.add(event.streamKey() + "#" + event.sequence());
            },
            topic -> switch (topic) {
                case STATE -> SequenceMode.SNAPSHOT;
                case FEED -> SequenceMode.RESUME;
                default -> SequenceMode.STRICT;
            });
    long offset;

    @Test
    void appliesInSequenceOrder() {
        for (int seq = 1; seq <= 3; seq++) {
            assertThat(consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.updated", seq))
                            .outcome())
                    .isEqualTo(Outcome.APPLIED);
        }

        assertThat(ledger.appliedSequences(LONGSHAN_UNIT)).containsExactly(1L, 2L, 3L);
        assertThat(ledger.lastApplied(LONGSHAN_UNIT)).hasValue(3);
        assertThat(consumer.gaps()).isEmpty();
        assertThat(ledger.detectedGaps()).isEmpty();
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        ConsumerRecord<String, String> first = record(CHANGES, LONGSHAN, "zoning.unit.created", 1);
        ConsumerRecord<String, String> second = record(CHANGES, LONGSHAN, "zoning.unit.updated", 2);
        consumer.handle(first);
        consumer.handle(second);

        // the broker redelivers both after a consumer restart before its offsets were committed
        assertThat(consumer.handle(first).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(consumer.handle(second).outcome()).isEqualTo(Outcome.DUPLICATE);

        assertThat(handled).containsExactly("zoning.unit/" + LONGSHAN + "#1", "zoning.unit/" + LONGSHAN + "#2");
        assertThat(ledger.duplicatesSkipped()).isEqualTo(2);
    }

    @Test
    void anEventIsRecognisedByItsIdWhateverTopicItComesThrough() {
        String id = UUID.randomUUID().toString();
        consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.created", 1, id));

        // the same event again through a subscriber feed
        assertThat(consumer.handle(record(FEED, LONGSHAN, "zoning.unit.created", 1, id))
                        .outcome())
                .isEqualTo(Outcome.DUPLICATE);
        assertThat(ledger.isApplied(id)).isTrue();
        assertThat(ledger.applied()).hasSize(1);
    }

    @Test
    void anEventAlreadyAppliedUnderAnotherSequenceIsSkippedByItsId() {
        String id = UUID.randomUUID().toString();
        consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.created", 1, id));

        assertThat(consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.created", 2, id))
                        .outcome())
                .isEqualTo(Outcome.DUPLICATE);
        assertThat(ledger.lastApplied(LONGSHAN_UNIT)).hasValue(1);
    }

    @Test
    void aGapIsHeldReportedAndFilled() {
        consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.created", 1));
        ConsumerRecord<String, String> missing = record(CHANGES, LONGSHAN, "zoning.unit.updated", 2);

        assertThat(consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.updated", 3))
                        .outcome())
                .isEqualTo(Outcome.HELD);
        assertThat(consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.retired", 4))
                        .outcome())
                .isEqualTo(Outcome.HELD);

        assertThat(consumer.gaps()).containsExactly(new Gap(LONGSHAN_UNIT, 2, 3));
        assertThat(ledger.detectedGaps()).containsExactly(new Gap(LONGSHAN_UNIT, 2, 3));
        assertThat(ledger.lastApplied(LONGSHAN_UNIT)).hasValue(1);

        ZoningEventConsumer.Result filled = consumer.handle(missing);

        assertThat(filled.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(filled.applied()).extracting(ZoningEvent::sequence).containsExactly(2L, 3L, 4L);
        assertThat(ledger.appliedSequences(LONGSHAN_UNIT)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(consumer.gaps()).isEmpty();
        assertThat(ledger.detectedGaps()).as("the history keeps the filled gap").hasSize(1);
    }

    @Test
    void everyHoleIsReported() {
        consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.created", 1));
        consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.updated", 3));
        consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.updated", 6));

        assertThat(consumer.gaps()).containsExactly(new Gap(LONGSHAN_UNIT, 2, 3), new Gap(LONGSHAN_UNIT, 4, 6));
        assertThat(consumer.gaps()).extracting(Gap::missing).containsExactly(1L, 2L);

        consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.updated", 2));

        assertThat(consumer.gaps()).containsExactly(new Gap(LONGSHAN_UNIT, 4, 6));
        assertThat(ledger.appliedSequences(LONGSHAN_UNIT)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aHeldEventDeliveredAgainIsHeldOnce() {
        consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.created", 1));
        ConsumerRecord<String, String> ahead = record(CHANGES, LONGSHAN, "zoning.unit.updated", 3);
        consumer.handle(ahead);

        assertThat(consumer.handle(ahead).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(ledger.held(LONGSHAN_UNIT)).hasSize(1);
        assertThat(ledger.detectedGaps()).hasSize(1);
    }

    @Test
    void aNewKeyStartsAtOneOnAChangeTopic() {
        assertThat(consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.updated", 2))
                        .outcome())
                .isEqualTo(Outcome.HELD);
        assertThat(consumer.gaps()).containsExactly(new Gap(LONGSHAN_UNIT, 1, 2));
    }

    @Test
    void aNewKeyMayStartAnywhereOnATopicJoinedLateThenIsStrict() {
        assertThat(consumer.handle(record(FEED, LONGSHAN, "zoning.unit.updated", 5))
                        .outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(consumer.handle(record(FEED, LONGSHAN, "zoning.unit.updated", 7))
                        .outcome())
                .isEqualTo(Outcome.HELD);
        assertThat(consumer.gaps()).containsExactly(new Gap(LONGSHAN_UNIT, 6, 7));
    }

    @Test
    void aCompactedStateTopicAppliesTheLatestStateAndSkipsOlderOnes() {
        StreamKey state = new StreamKey("zoning.unit.state", LONGSHAN);

        assertThat(consumer.handle(record(STATE, LONGSHAN, "zoning.unit.state", 4))
                        .outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(consumer.handle(record(STATE, LONGSHAN, "zoning.unit.state", 9))
                        .outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(consumer.handle(record(STATE, LONGSHAN, "zoning.unit.state", 7))
                        .outcome())
                .isEqualTo(Outcome.DUPLICATE);

        assertThat(ledger.appliedSequences(state)).containsExactly(4L, 9L);
        assertThat(consumer.gaps()).isEmpty();
    }

    @Test
    void keysAndStreamsAreIndependent() {
        consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.created", 1));
        consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.updated", 3)); // gap for this unit

        // another unit, the same unit's state stream, and a rule scope all carry on
        assertThat(consumer.handle(record(CHANGES, DONGFENG, "zoning.unit.created", 1))
                        .outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(consumer.handle(record(CHANGES, DONGFENG, "zoning.unit.updated", 2))
                        .outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(consumer.handle(record(STATE, LONGSHAN, "zoning.unit.state", 1))
                        .outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(consumer.handle(record(RULES, LONGSHAN, "zoning.rule.created", 1))
                        .outcome())
                .isEqualTo(Outcome.APPLIED);

        assertThat(ledger.appliedSequences(DONGFENG_UNIT)).containsExactly(1L, 2L);
        assertThat(ledger.lastApplied(new StreamKey("zoning.rule", LONGSHAN))).hasValue(1);
        assertThat(consumer.gaps()).containsExactly(new Gap(LONGSHAN_UNIT, 2, 3));
    }

    @Test
    void aFailedApplyRecordsNothingAndSucceedsWhenRedelivered() {
        ConsumerRecord<String, String> created = record(CHANGES, LONGSHAN, "zoning.unit.created", 1);
        failing.add(idOf(created));

        assertThatThrownBy(() -> consumer.handle(created)).isInstanceOf(ApplyFailedException.class);
        assertThat(ledger.lastApplied(LONGSHAN_UNIT)).isEmpty();

        failing.clear();
        assertThat(consumer.handle(created).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(ledger.appliedSequences(LONGSHAN_UNIT)).containsExactly(1L);
    }

    @Test
    void aHeldEventWhoseApplyFailsStaysHeldUntilItApplies() {
        consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.created", 1));
        ConsumerRecord<String, String> third = record(CHANGES, LONGSHAN, "zoning.unit.updated", 3);
        consumer.handle(third);
        failing.add(idOf(third));
        ConsumerRecord<String, String> second = record(CHANGES, LONGSHAN, "zoning.unit.updated", 2);

        assertThatThrownBy(() -> consumer.handle(second)).isInstanceOf(ApplyFailedException.class);
        assertThat(ledger.lastApplied(LONGSHAN_UNIT)).hasValue(2);
        assertThat(ledger.held(LONGSHAN_UNIT)).extracting(ZoningEvent::sequence).containsExactly(3L);

        failing.clear();
        ZoningEventConsumer.Result redelivered = consumer.handle(second);
        assertThat(redelivered.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(redelivered.applied()).extracting(ZoningEvent::sequence).containsExactly(3L);
        assertThat(ledger.appliedSequences(LONGSHAN_UNIT)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aGapCanBeSkippedOnPurpose() {
        consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.created", 1));
        consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.updated", 4));
        consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.updated", 5));

        assertThat(consumer.skipGap(LONGSHAN_UNIT))
                .extracting(ZoningEvent::sequence)
                .containsExactly(4L, 5L);
        assertThat(consumer.gaps()).isEmpty();
        assertThat(ledger.detectedGaps()).containsExactly(new Gap(LONGSHAN_UNIT, 2, 4));
        assertThat(consumer.handle(record(CHANGES, LONGSHAN, "zoning.unit.updated", 2))
                        .outcome())
                .as("a late arrival of a skipped event")
                .isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void unreadableRecordsAreRejectedAndReported() {
        assertThat(consumer.handle(new ConsumerRecord<>(CHANGES, 0, offset++, LONGSHAN, "not json"))
                        .outcome())
                .isEqualTo(Outcome.REJECTED);
        assertThat(consumer.handle(new ConsumerRecord<>(
                                CHANGES,
                                0,
                                offset++,
                                LONGSHAN,
                                "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"zoning.unit.created\"}"))
                        .outcome())
                .isEqualTo(Outcome.REJECTED);

        assertThat(ledger.rejected())
                .extracting(EventLedger.Rejected::reason)
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("not JSON"),
                        r -> assertThat(r).contains("no sequence"));
        assertThat(handled).isEmpty();
    }

    @Test
    void theKeyFallsBackToTheSubject() {
        String value =
                event("zoning.unit.created", LONGSHAN, 1, UUID.randomUUID().toString());

        consumer.handle(new ConsumerRecord<>(CHANGES, 0, offset++, null, value));

        assertThat(ledger.lastApplied(LONGSHAN_UNIT)).hasValue(1);
    }

    @Test
    void aBoundedLedgerForgetsTheOldestIds() {
        InMemoryEventLedger small = new InMemoryEventLedger(2);
        ZoningEventConsumer bounded = new ZoningEventConsumer(small, event -> {});
        List<String> ids = new ArrayList<>();
        for (int seq = 1; seq <= 3; seq++) {
            ConsumerRecord<String, String> r = record(CHANGES, LONGSHAN, "zoning.unit.updated", seq);
            ids.add(idOf(r));
            bounded.handle(r);
        }

        assertThat(small.isApplied(ids.get(0))).isFalse();
        assertThat(small.isApplied(ids.get(2))).isTrue();
        assertThat(bounded.handle(record(CHANGES, LONGSHAN, "zoning.unit.updated", 1, ids.get(0)))
                        .outcome())
                .as("the sequence still catches it")
                .isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void theStreamOfATypeIsItsFamily() {
        assertThat(StreamKey.streamOf("zoning.unit.created")).isEqualTo("zoning.unit");
        assertThat(StreamKey.streamOf("zoning.rule.retired")).isEqualTo("zoning.rule");
        assertThat(StreamKey.streamOf("zoning.unit.state")).isEqualTo("zoning.unit.state");
    }

    private ConsumerRecord<String, String> record(String topic, String key, String type, long sequence) {
        return record(topic, key, type, sequence, UUID.randomUUID().toString());
    }

    private ConsumerRecord<String, String> record(String topic, String key, String type, long sequence, String id) {
        return new ConsumerRecord<>(topic, 0, offset++, key, event(type, key, sequence, id));
    }

    /** An event as the hub sends it, with an attribute the consumer does not know (which it must ignore). */
    private static String event(String type, String subject, long sequence, String id) {
        return """
                {"specversion":"1.0","id":"%s","source":"/zoning-hub/220400","type":"%s","subject":"%s",\
                "time":"2025-05-12T09:30:15.25+08:00","datacontenttype":"application/json","sequence":%d,\
                "edition":"2025.1","data":{},"futureattribute":"ignored"}""".formatted(id, type, subject, sequence);
    }

    private static String idOf(ConsumerRecord<String, String> record) {
        return record.value().replaceFirst("(?s).*\"id\":\"([^\"]+)\".*", "$1");
    }
}
