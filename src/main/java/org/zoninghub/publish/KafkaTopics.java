package org.zoninghub.publish;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The hub's topics, created at start-up when missing (Spring's KafkaAdmin): the change topics keep history, the
 * state topic is compacted so that it holds the latest state of every unit. Large units (100,000 vertices) exceed
 * Kafka's default 1 MB, so the topics accept messages up to 16 MiB and the relay compresses them.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopics {

    static final String MAX_MESSAGE_BYTES = Integer.toString(16 * 1024 * 1024);

    @Bean
    NewTopic unitChangesTopic(PublishProperties properties) {
        return TopicBuilder.name(properties.topics().unitChanges())
                .partitions(3)
                .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_MESSAGE_BYTES)
                .build();
    }

    @Bean
    NewTopic ruleChangesTopic(PublishProperties properties) {
        return TopicBuilder.name(properties.topics().ruleChanges())
                .partitions(3)
                .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_MESSAGE_BYTES)
                .build();
    }

    @Bean
    NewTopic unitStateTopic(PublishProperties properties) {
        return TopicBuilder.name(properties.topics().unitState())
                .partitions(3)
                .compact()
                .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_MESSAGE_BYTES)
                .build();
    }
}
