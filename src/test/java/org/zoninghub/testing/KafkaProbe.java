package org.zoninghub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning with a plain Kafka consumer, as a department's system would. */
public final class KafkaProbe implements AutoCloseable {

    /** One record: key, value parsed as JSON, headers as text. */
    public record Received(String key, JsonNode value, Map<String, String> headers, int partition, long offset) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();

    public KafkaProbe(String bootstrapServers, String... topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 * 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topics));
    }

    /** Polls once and returns everything received so far. */
    public List<Received> poll() {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
            java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
            r.headers()
                    .forEach(h -> headers.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
            try {
                received.add(new Received(r.key(), MAPPER.readTree(r.value()), headers, r.partition(), r.offset()));
            } catch (java.io.IOException e) {
                throw new AssertionError(
                        "record " + r.topic() + "/" + r.partition() + "@" + r.offset() + " is not JSON", e);
            }
        }
        return List.copyOf(received);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
