package org.zoninghub.publish.camel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import org.zoninghub.publish.PublishProperties;
import org.zoninghub.publish.RelayLock;
import org.zoninghub.publish.RelayWakeup;
import org.zoninghub.publish.subscribers.FeedProperties;
import org.zoninghub.publish.subscribers.FeedStreams;
import org.zoninghub.store.Announcements;
import org.zoninghub.store.Outbox;

/**
 * The Java half of the {@code publish.outbox-relay} and {@code publish.outbox-purge} routes.
 *
 * <p>A relay round is a loop: {@link #nextBatch} turns the oldest unsent outbox rows (in {@code position} order) into
 * Kafka messages, with key, topic and CloudEvents headers per row, the payload as the database's UTF-8 bytes; the
 * Kafka producer sends them all and returns only when the broker acknowledged every one; {@link #markSent} then has
 * the batch marked sent (its positions deleted from the pending ones, one statement) and asks for another batch while
 * the last one was full. The reads and marks
 * run on the {@link RelayPipeline}'s thread, beside the sending: a full batch's successor is read while it is sent.
 * If any message of a batch fails, the route's error handler ends the round with nothing of the batch marked, and the
 * next round sends the whole batch again (consumers dedupe on {@code id}).
 *
 * <p>Only the instance holding the {@link RelayLock} sends; the others find an empty batch every round.
 */
@Component
class OutboxRelay {

    static final String POSITIONS = "zoning.outbox.positions";
    static final String ENTRIES = "zoning.outbox.entries";

    /**
     * The largest event sent: the producer's {@code max.request.size} and the topics' {@code max.message.bytes} are 16
     * MiB, less room for the key, headers and record overhead. Validation keeps the hub's own events well below.
     */
    static final int MAX_EVENT_BYTES = 16 * 1024 * 1024 - 64 * 1024;
    /** Exchange property read by the route's loop: true while full batches remain. */
    static final String MORE = "relayMore";

    static final String CONTENT_TYPE = "content-type";
    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** How long the wait for work lasts before checking again whether the route still runs. */
    private static final Duration AWAIT_SLICE = Duration.ofMillis(200);

    private final Outbox outbox;
    private final PublishProperties properties;
    private final RelayPipeline pipeline;
    private final RelayWakeup wakeup;
    private final FeedProperties feeds;
    private final CamelContext camel;
    private final Counter sent;
    private final Counter deadLettered;
    private final KafkaAdmin kafkaAdmin;
    /** Batches of one row still to send after a batch failed for good, to find the row the broker refuses. */
    private volatile int singles;

    private volatile boolean firstRoundDone;

    OutboxRelay(
            Outbox outbox,
            PublishProperties properties,
            FeedProperties feeds,
            RelayPipeline pipeline,
            RelayWakeup wakeup,
            CamelContext camel,
            MeterRegistry registry,
            KafkaAdmin kafkaAdmin) {
        this.kafkaAdmin = kafkaAdmin;
        this.deadLettered = Counter.builder("zoning.publish.relay.dead-lettered")
                .description("Outbox events the broker refused for good, recorded as dead letters")
                .register(registry);
        this.outbox = outbox;
        this.feeds = feeds;
        this.properties = properties;
        this.pipeline = pipeline;
        this.wakeup = wakeup;
        this.camel = camel;
        this.sent = Counter.builder("zoning.publish.relay.sent")
                .description("Outbox events the broker acknowledged and the relay marked sent")
                .register(registry);
    }

    /**
     * The start of a round: waits until a commit appends events ({@link RelayWakeup}) or the relay interval passed,
     * whichever comes first; returns early when the route or the context stops. The first round waits for nothing:
     * the wakeup listens only once this instance holds the relay lock, which the round takes.
     */
    public void awaitWork(Exchange exchange) throws InterruptedException {
        pipeline.discardAhead(); // a read ahead lives only within a round's run of full batches
        if (!firstRoundDone) {
            firstRoundDone = true;
            return;
        }
        long deadline = System.nanoTime() + properties.relayInterval().toNanos();
        while (running(exchange)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || wakeup.await(Duration.ofNanos(Math.min(left, AWAIT_SLICE.toNanos())))) {
                return;
            }
        }
    }

    private boolean running(Exchange exchange) {
        if (!camel.getStatus().isStarted()) {
            return false;
        }
        ServiceStatus route = camel.getRouteController().getRouteStatus(exchange.getFromRouteId());
        return route == null || route.isStarted();
    }

    /**
     * Sets the body to the next batch of messages: empty when there is nothing to send or another instance holds the
     * relay lock.
     */
    public void nextBatch(Exchange exchange) throws InterruptedException {
        int limit = singles > 0 ? 1 : properties.batchSize();
        List<Outbox.Entry> entries = pipeline.next(limit);
        List<Message> messages = new ArrayList<>(entries.size());
        List<Long> positions = new ArrayList<>(entries.size());
        boolean stopped = false;
        for (Outbox.Entry e : entries) {
            int bytes = e.payload().length;
            if (bytes > MAX_EVENT_BYTES) {
                // refused before it is sent: a batch the producer half-sends would deliver the key's later events
                // before this one
                deadLetter(
                        e,
                        "the event is " + bytes + " bytes, larger than a message may be (" + MAX_EVENT_BYTES
                                + " bytes with the producer's and the topics' 16 MiB limit)");
                stopped = true;
                break;
            }
            Message m = new DefaultMessage(camel);
            m.setBody(e.payload());
            m.setHeader(KafkaConstants.OVERRIDE_TOPIC, topicOf(e.aggregateType()));
            m.setHeader(KafkaConstants.KEY, e.aggregateId());
            m.setHeader(CONTENT_TYPE, CLOUDEVENTS_JSON);
            m.setHeader("ce_id", e.id().toString());
            m.setHeader("ce_type", e.type());
            messages.add(m);
            positions.add(e.position());
        }
        if (!stopped && singles == 0 && entries.size() >= limit) {
            pipeline.readAhead(entries, limit);
        }
        exchange.getMessage().setBody(messages);
        exchange.setProperty(POSITIONS, positions);
        exchange.setProperty(ENTRIES, entries.subList(0, positions.size()));
        exchange.setProperty(MORE, stopped);
    }

    /**
     * Called when the producer failed to send a batch. A transient failure (broker down, a timeout) ends the round and
     * the batch is sent again next round, as before. A permanent one (the broker refuses a record for good: too large,
     * not authorised, an invalid or vanished topic) is narrowed down by sending the batch's rows one at a time; the
     * row that fails alone becomes a dead letter (table {@code outbox_dead_letter}, counter
     * {@code zoning.publish.relay.dead-lettered}) and the later rows of its key wait behind it, while other keys flow.
     */
    public void failed(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Outbox.Entry> entries = exchange.getProperty(ENTRIES, List.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        pipeline.discardAhead();
        exchange.setProperty(MORE, false);
        if (entries == null || entries.isEmpty()) {
            return;
        }
        String permanent = permanentFailure(error, entries);
        if (permanent == null) {
            log.warn(
                    "relay: a batch of {} event(s) was not acknowledged ({}); it is sent again next round",
                    entries.size(),
                    describe(error));
            return;
        }
        if (entries.size() > 1) {
            singles = entries.size();
            exchange.setProperty(MORE, true);
            log.warn(
                    "relay: the broker refused a batch of {} event(s) for good ({}); sending them one at a time to find"
                            + " the event",
                    entries.size(),
                    permanent);
            return;
        }
        singles = Math.max(0, singles - 1);
        exchange.setProperty(MORE, true);
        deadLetter(entries.get(0), permanent);
    }

    private void deadLetter(Outbox.Entry poison, String permanent) {
        outbox.deadLetter(poison, topicOf(poison.aggregateType()), permanent);
        deadLettered.increment();
        log.error(
                "relay: outbox event {} ({} of {} {}) is a dead letter: {}; later events of {} wait until it is"
                        + " replayed (POST /api/v1/admin/outbox/dead-letters/{{id}}/replay), other keys flow",
                poison.id(),
                poison.type(),
                poison.aggregateType(),
                poison.aggregateId(),
                permanent,
                poison.aggregateId());
    }

    /** Why the broker will never take these rows, or null when the failure may pass (broker down, timeouts). */
    private String permanentFailure(Throwable error, List<Outbox.Entry> entries) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return "the event is larger than the producer or the topic accepts (" + t.getMessage() + ")";
            }
            if (t instanceof AuthorizationException) {
                return "the broker refuses the hub (" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")";
            }
            if (t instanceof InvalidTopicException || t instanceof SerializationException) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
            if (t instanceof org.apache.kafka.common.errors.TimeoutException
                    || t instanceof UnknownTopicOrPartitionException) {
                // the producer gave up on a topic it found no partitions of (within max.block.ms) or whose
                // partitions went away (within delivery.timeout.ms): permanent once the broker confirms the topic
                // does not exist, since it does not create it either
                String missing = missingTopic(entries);
                if (missing != null) {
                    return "the topic " + missing + " does not exist (deleted?) and the broker does not create it";
                }
                return null;
            }
        }
        return null;
    }

    /** The first topic of these rows the broker answers does not exist, or null (also when it cannot be asked). */
    private String missingTopic(List<Outbox.Entry> entries) {
        Set<String> topics = new LinkedHashSet<>();
        for (Outbox.Entry e : entries) {
            topics.add(topicOf(e.aggregateType()));
        }
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (AdminClient admin = AdminClient.create(config)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            return topics.stream()
                    .filter(t -> !existing.contains(t))
                    .findFirst()
                    .orElse(null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "no error given";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * Called after the Kafka producer returned without error, i.e. every message of the batch was acknowledged:
     * marks the batch sent and asks for another one if this one was full.
     */
    public void markSent(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Long> positions = exchange.getProperty(POSITIONS, List.class);
        pipeline.markSent(positions, marked -> {
            sent.increment(marked);
            log.debug("relayed {} outbox events", marked);
        });
        if (singles > 0) {
            singles--;
        }
        exchange.setProperty(MORE, positions.size() >= properties.batchSize() || singles > 0);
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

    /** Deletes sent rows written before {@code zoning.publish.retention}; unsent rows stay whatever their age. */
    public void purge() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(properties.retention());
        int deleted = outbox.purgeSentWrittenBefore(before);
        if (deleted > 0) {
            log.info("purged {} sent outbox events written before {}", deleted, before);
        }
    }
}
