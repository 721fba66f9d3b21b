package org.zoninghub.publish.subscribers;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The registry of departmental subscribers (docs/http-api.md {@code /api/v1/admin/subscribers}): each with a filter and
 * its feed topic (docs/events.md {@code zoning.feed.{id}.v1}). Deleting a subscriber only disables it: its topic,
 * its sequences and its history stay, so that enabling it again continues the same feed.
 */
@Service
public class Subscribers {

    private final SubscriberStore store;
    private final SubscriberFeeds feeds;
    private final FeedKafka kafka;
    private final FeedProperties properties;

    Subscribers(SubscriberStore store, SubscriberFeeds feeds, FeedKafka kafka, FeedProperties properties) {
        this.store = store;
        this.feeds = feeds;
        this.kafka = kafka;
        this.properties = properties;
    }

    /**
     * Registers a subscriber. Its topic is created first, so that an enabled subscriber never has a feed without a
     * topic; the feed holds the changes committed after this call (bootstrap it for the state before).
     *
     * @throws SubscriberConflictException when the id is taken
     * @throws FeedUnavailableException when Kafka does not create the topic (nothing is registered)
     */
    public Subscriber create(SubscriberDefinition definition) {
        if (store.find(definition.id()).isPresent()) {
            throw duplicate(definition.id());
        }
        kafka.ensureTopic(topic(definition.id()));
        if (!store.insert(definition)) {
            throw duplicate(definition.id());
        }
        return store.find(definition.id()).orElseThrow();
    }

    /**
     * Replaces a subscriber's name, department, filter, consumer group and enabled flag. A new filter applies to
     * the changes committed after it; enabling a subscriber again makes sure its topic exists. Empty when there is
     * no such subscriber.
     */
    public Optional<Subscriber> update(SubscriberDefinition definition) {
        Optional<Subscriber> current = store.find(definition.id());
        if (current.isEmpty()) {
            return Optional.empty();
        }
        if (definition.enabled()) {
            kafka.ensureTopic(topic(definition.id()));
        }
        store.update(definition);
        return store.find(definition.id());
    }

    /** Disables a subscriber (its feed receives nothing more; topic and history stay). Empty when unknown. */
    public Optional<Subscriber> disable(String id) {
        return store.disable(id) ? store.find(id) : Optional.empty();
    }

    public Optional<Subscriber> find(String id) {
        return store.find(id);
    }

    /** Every subscriber, enabled or not, by id. */
    public List<Subscriber> list() {
        return store.all();
    }

    /**
     * Appends the current state of every unit in force the subscriber's filter selects to its feed; empty when
     * there is no such subscriber.
     *
     * @throws SubscriberConflictException when the subscriber is disabled
     */
    public Optional<FeedBootstrap> bootstrap(String id) {
        return feeds.bootstrap(id);
    }

    /** The lag of the subscriber's declared consumer group on its feed (asks Kafka, bounded in time). */
    public FeedLag lag(Subscriber subscriber) {
        return kafka.lag(topic(subscriber.id()), subscriber.consumerGroup());
    }

    /** The feed topic of a subscriber. */
    public String topic(String id) {
        return properties.topic(id);
    }

    private static SubscriberConflictException duplicate(String id) {
        return new SubscriberConflictException(
                "subscriber " + id + " exists already; change it with PUT /api/v1/admin/subscribers/" + id);
    }
}
