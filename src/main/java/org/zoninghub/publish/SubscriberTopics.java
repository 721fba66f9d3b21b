package org.zoninghub.publish;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/** The definition of a subscriber's feed topic: like the change topics, it keeps history and takes 16 MiB messages. */
public final class SubscriberTopics {

    private SubscriberTopics() {}

    public static NewTopic feedTopic(String name, int partitions) {
        return TopicBuilder.name(name)
                .partitions(partitions)
                .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, KafkaTopics.MAX_MESSAGE_BYTES)
                .build();
    }
}
