package org.zoninghub.publish.subscribers;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * How far a subscriber's consumer group is behind on its feed, as Kafka reports it.
 *
 * @param topic the feed topic
 * @param consumerGroup the group the subscriber declared, or null
 * @param total the messages on the feed not yet committed by the group, or null when unknown (see {@code reason})
 * @param partitions each partition's committed and end offsets; empty when unknown
 * @param reason why {@code total} is null; null when it is known
 * @param checkedAt when Kafka was asked
 */
public record FeedLag(
        String topic,
        String consumerGroup,
        Long total,
        List<PartitionLag> partitions,
        String reason,
        OffsetDateTime checkedAt) {

    /**
     * @param partition the partition number
     * @param committed the group's committed offset (the next message it will read), or null when it has committed
     *     none on this partition (then everything retained counts as lag)
     * @param end the offset the next message will get
     * @param lag messages from the committed offset (or the first retained one) to the end
     */
    public record PartitionLag(int partition, Long committed, long end, long lag) {}

    static FeedLag unknown(String topic, String consumerGroup, String reason) {
        return new FeedLag(topic, consumerGroup, null, List.of(), reason, OffsetDateTime.now());
    }
}
