package org.zoninghub.reference;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Wires {@link ZoningEventConsumer} into a Spring Boot application with spring-kafka: one listener on the hub's
 * topics that acknowledges each record after the consumer has handled it, and retries a failed apply until it
 * succeeds (never skipping it).
 *
 * <p>Off unless {@code zoning.reference-consumer.enabled=true}. Settings, with their defaults:
 *
 * <ul>
 *   <li>{@code zoning.reference-consumer.topics}: the topics to read, comma-separated
 *       ({@code zoning.units.changes.v1,zoning.rules.changes.v1,zoning.units.state.v1})
 *   <li>{@code zoning.reference-consumer.group-id}: the consumer group ({@code zoning-reference-consumer})
 *   <li>{@code zoning.reference-consumer.snapshot-topics}: compacted state topics, see {@link SequenceMode#SNAPSHOT}
 *       ({@code zoning.units.state.v1})
 *   <li>{@code zoning.reference-consumer.resume-topics}: change topics joined late, see {@link SequenceMode#RESUME}
 *       (none)
 * </ul>
 *
 * The broker and security settings are Spring Boot's {@code spring.kafka.*}. Provide a {@link ZoningEventHandler}
 * bean with the department's update and an {@link EventLedger} bean that is durable; the defaults log the events and
 * remember them in memory only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "zoning.reference-consumer", name = "enabled", havingValue = "true")
@EnableKafka
public class ReferenceConsumerConfiguration {

    static final String TOPICS = "zoning.units.changes.v1,zoning.rules.changes.v1,zoning.units.state.v1";

    private static final Logger log = LoggerFactory.getLogger(ReferenceConsumerConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    EventLedger zoningEventLedger() {
        log.warn("the zoning event ledger is in memory: after a restart, events are applied again from the committed"
                + " offsets; provide a durable EventLedger bean");
        return new InMemoryEventLedger();
    }

    @Bean
    @ConditionalOnMissingBean
    ZoningEventHandler zoningEventHandler() {
        return event -> log.info("applied {}", event);
    }

    @Bean
    ZoningEventConsumer zoningEventConsumer(EventLedger ledger, ZoningEventHandler handler, Environment env) {
        Set<String> snapshot =
                topics(env.getProperty("zoning.reference-consumer.snapshot-topics", "zoning.units.state.v1"));
        Set<String> resume = topics(env.getProperty("zoning.reference-consumer.resume-topics", ""));
        return new ZoningEventConsumer(
                ledger,
                handler,
                topic -> snapshot.contains(topic)
                        ? SequenceMode.SNAPSHOT
                        : resume.contains(topic) ? SequenceMode.RESUME : SequenceMode.STRICT);
    }

    /** String records, no auto-commit, manual acknowledgement, retries without end on a failed apply. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> zoningReferenceListenerFactory(
            KafkaProperties kafka, ObjectProvider<SslBundles> sslBundles) {
        Map<String, Object> config = kafka.buildConsumerProperties(sslBundles.getIfAvailable());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ConcurrentKafkaListenerContainerFactory<String, String> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        factory.getContainerProperties().setAckMode(AckMode.MANUAL_IMMEDIATE);
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(60_000); // and no maximum elapsed time: an event is retried until it applies
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }

    @Bean
    ZoningEventListener zoningEventListener(ZoningEventConsumer consumer) {
        return new ZoningEventListener(consumer);
    }

    private static Set<String> topics(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The listener: hand the record to the consumer, then acknowledge it. */
    public static class ZoningEventListener {

        private final ZoningEventConsumer consumer;

        ZoningEventListener(ZoningEventConsumer consumer) {
            this.consumer = consumer;
        }

        @KafkaListener(
                id = "zoning-reference-consumer",
                topics = "#{'${zoning.reference-consumer.topics:" + TOPICS + "}'.split(',')}",
                groupId = "${zoning.reference-consumer.group-id:zoning-reference-consumer}",
                containerFactory = "zoningReferenceListenerFactory")
        public void onEvent(ConsumerRecord<String, String> record, Acknowledgment ack) {
            consumer.handle(record); // throws when the apply failed: no acknowledgement, the error handler retries
            ack.acknowledge();
        }
    }
}
