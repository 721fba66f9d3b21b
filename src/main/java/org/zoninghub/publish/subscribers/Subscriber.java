package org.zoninghub.publish.subscribers;

import java.time.OffsetDateTime;

/**
 * A registered departmental subscriber.
 *
 * @param id the slug that names it and its feed topic
 * @param name what people call it
 * @param department the department that runs it, or null
 * @param filter the events its feed receives
 * @param consumerGroup the Kafka consumer group it declared (for lag), or null
 * @param enabled whether its feed receives events
 * @param createdAt when it was registered
 * @param updatedAt when its definition last changed
 * @param bootstrappedAt when its feed was last bootstrapped, or null
 */
public record Subscriber(
        String id,
        String name,
        String department,
        SubscriberFilter filter,
        String consumerGroup,
        boolean enabled,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime bootstrappedAt) {}
