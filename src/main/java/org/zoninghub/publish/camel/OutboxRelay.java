package org.zoninghub.publish.camel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.zoninghub.publish.PublishProperties;
import org.zoninghub.publish.RelayLock;
import org.zoninghub.publish.subscribers.FeedProperties;
import org.zoninghub.publish.subscribers.FeedStreams;
import org.zoninghub.store.Announcements;
import org.zoninghub.store.Outbox;

/**
 * The Java half of the {@code publish.outbox-relay} and {@code publish.outbox-purge} routes.
 *
 * <p>A relay round is a loop: {@link #nextBatch} turns the oldest unsent outbox rows (in {@code position} order) into
 * Kafka messages, with key, topic and CloudEvents headers per row; the Kafka producer sends them all and returns
 * only when the broker acknowledged every one; {@link #markSent} then marks the batch sent with one UPDATE and asks
 * for another batch while the last one was full. If any message of a batch fails, the route's error handler ends the
 * round with nothing of the batch marked, and the next round sends the whole batch again (consumers dedupe on
 * {@code id}).
 *
 * <p>Only the instance holding the {@link RelayLock} sends; the others find an empty batch every round.
 */
@Component
class OutboxRelay {

    static final String IDS = "zoning.outbox.ids";
    /** Exchange property read by the route's loop: true while full batches remain. */
    static final String MORE = "relayMore";

    static final String CONTENT_TYPE = "content-type";
    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final Outbox outbox;
    private final PublishProperties properties;
    private final RelayLock lock;
    private final FeedProperties feeds;
    private final CamelContext camel;
    private final Counter sent;

    OutboxRelay(
            Outbox outbox,
            PublishProperties properties,
            FeedProperties feeds,
            RelayLock lock,
            CamelContext camel,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.feeds = feeds;
        this.properties = properties;
        this.lock = lock;
        this.camel = camel;
        this.sent = Counter.builder("zoning.publish.relay.sent")
                .description("Outbox events the broker acknowledged and the relay marked sent")
                .register(registry);
    }

    /**
     * Sets the body to the next batch of messages: empty when there is nothing to send or another instance holds the
     * relay lock.
     */
    public void nextBatch(Exchange exchange) {
        List<Outbox.Entry> entries = lock.holdOrAcquire() ? outbox.unsent(properties.batchSize()) : List.of();
        List<Message> messages = new ArrayList<>(entries.size());
        List<UUID> ids = new ArrayList<>(entries.size());
        for (Outbox.Entry e : entries) {
            Message m = new DefaultMessage(camel);
            m.setBody(e.payload());
            m.setHeader(KafkaConstants.OVERRIDE_TOPIC, topicOf(e.aggregateType()));
            m.setHeader(KafkaConstants.KEY, e.aggregateId());
            m.setHeader(CONTENT_TYPE, CLOUDEVENTS_JSON);
            m.setHeader("ce_id", e.id().toString());
            m.setHeader("ce_type", e.type());
            messages.add(m);
            ids.add(e.id());
        }
        exchange.getMessage().setBody(messages);
        exchange.setProperty(IDS, ids);
        exchange.setProperty(MORE, false);
    }

    /**
     * Called after the Kafka producer returned without error, i.e. every message of the batch was acknowledged:
     * marks the batch sent and asks for another one if this one was full.
     */
    public void markSent(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = exchange.getProperty(IDS, List.class);
        int marked = outbox.markSent(ids);
        sent.increment(marked);
        log.debug("relayed {} outbox events", marked);
        exchange.setProperty(MORE, ids.size() >= properties.batchSize());
    }

    /**
     * The topic of an outbox row, chosen from its aggregate type (the stream the store wrote it to): unit and rule
     * changes, unit states, and each subscriber's feed.
     */
    String topicOf(String aggregateType) {
        return switch (aggregateType) {
            case Announcements.UNIT_STREAM -> properties.topics().unitChanges();
            case Announcements.RULE_STREAM -> properties.topics().ruleChanges();
            case Announcements.STATE_STREAM -> properties.topics().unitState();
            default ->
                FeedStreams.subscriberOf(aggregateType)
                        .map(feeds::topic)
                        .orElseThrow(() -> new IllegalStateException("outbox stream \"" + aggregateType
                                + "\" has no topic: neither unit, rule, unit-state nor a subscriber feed"));
        };
    }

    /** Deletes sent rows older than {@code zoning.publish.retention}; unsent rows stay whatever their age. */
    public void purge() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(properties.retention());
        int deleted = outbox.purgeSentBefore(before);
        if (deleted > 0) {
            log.info("purged {} outbox events sent before {}", deleted, before);
        }
    }
}
