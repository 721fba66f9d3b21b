package org.zoninghub.publish.subscribers;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import org.zoninghub.publish.SubscriberTopics;

/**
 * The Kafka side of the subscriber registry: creates feed topics and reads a consumer group's lag, each with a
 * short-lived admin client bounded by {@code zoning.publish.feeds.kafka-timeout}, so that an unreachable broker
 * answers an administrator's request in seconds instead of holding it.
 */
@Component
class FeedKafka {

    private final KafkaAdmin kafkaAdmin;
    private final FeedProperties properties;

    FeedKafka(KafkaAdmin kafkaAdmin, FeedProperties properties) {
        this.kafkaAdmin = kafkaAdmin;
        this.properties = properties;
    }

    /** Creates the topic unless it exists (an existing topic is left as it is). */
    void ensureTopic(String topic) {
        Admin admin = client();
        try {
            admin.createTopics(List.of(SubscriberTopics.feedTopic(topic, properties.partitions())))
                    .all()
                    .get(timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new FeedUnavailableException(
                        "Kafka did not create topic " + topic + ": "
                                + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw new FeedUnavailableException(
                    "Kafka did not answer within " + properties.kafkaTimeout() + " when creating topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedUnavailableException("interrupted while creating topic " + topic, e);
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    /**
     * The lag of a consumer group on a topic: per partition, the end offset minus the group's committed offset. A
     * partition the group has not committed on counts from its first retained message. Unknown (null total, with the
     * reason) when no group is declared, the group has committed nothing on the topic, or Kafka does not answer.
     */
    FeedLag lag(String topic, String group) {
        if (group == null) {
            return FeedLag.unknown(topic, null, "the subscriber declares no consumer group");
        }
        Admin admin = client();
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(timeoutMillis(), TimeUnit.MILLISECONDS)
                    .entrySet()
                    .stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            if (committed.isEmpty()) {
                return FeedLag.unknown(
                        topic, group, "consumer group " + group + " has committed no offset on " + topic + " yet");
            }
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(timeoutMillis(), TimeUnit.MILLISECONDS)
                    .get(topic);
            List<TopicPartition> partitions = description.partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(admin, partitions, OffsetSpec.latest());
            Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(admin, partitions, OffsetSpec.earliest());
            List<FeedLag.PartitionLag> lags = new ArrayList<>();
            long total = 0;
            for (TopicPartition tp : partitions) {
                long end = ends.get(tp).offset();
                OffsetAndMetadata c = committed.get(tp);
                long from = c != null ? c.offset() : starts.get(tp).offset();
                long lag = Math.max(0, end - from);
                lags.add(new FeedLag.PartitionLag(tp.partition(), c == null ? null : c.offset(), end, lag));
                total += lag;
            }
            return new FeedLag(topic, group, total, List.copyOf(lags), null, OffsetDateTime.now());
        } catch (ExecutionException e) {
            return FeedLag.unknown(
                    topic, group, "Kafka could not tell: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return FeedLag.unknown(topic, group, "Kafka did not answer within " + properties.kafkaTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FeedLag.unknown(topic, group, "interrupted while asking Kafka");
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(
            Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        return admin.listOffsets(request).all().get(timeoutMillis(), TimeUnit.MILLISECONDS);
    }

    private Admin client() {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        int timeout = (int) timeoutMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        return Admin.create(config);
    }

    private long timeoutMillis() {
        return properties.kafkaTimeout().toMillis();
    }
}
