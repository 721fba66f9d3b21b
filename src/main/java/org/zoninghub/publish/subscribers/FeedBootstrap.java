package org.zoninghub.publish.subscribers;

import java.time.OffsetDateTime;

/**
 * A bootstrap written to the outbox: the relay sends it to the feed topic after the changes committed before it.
 *
 * @param subscriberId the subscriber
 * @param topic its feed topic
 * @param units how many {@code zoning.unit.state} events it holds, one per selected unit in force
 * @param time the bootstrap's time, the {@code time} of its events
 */
public record FeedBootstrap(String subscriberId, String topic, int units, OffsetDateTime time) {}
