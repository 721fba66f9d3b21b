package org.apache.kafka.tools;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Kafka's own {@link ProducerPerformance} (its argument parsing, send loop, throttle and statistics unchanged) with
 * every record given the key and headers the hub's outbox relay gives the same event: the unit code as key, and
 * {@code content-type}, {@code ce_id} (a new id per record) and {@code ce_type}. The relay benchmark compares the relay
 * with it, so that both sides send the same records. Lives in Kafka's package because the producer factory it
 * overrides is package-private.
 */
public final class KeyedProducerPerformance extends ProducerPerformance {

    /** An event's key and type, by its payload's text. */
    public record Event(String payload, String key, String type) {}

    private final Map<String, Event> byPayload;

    public KeyedProducerPerformance(List<Event> events) {
        this.byPayload = new java.util.HashMap<>();
        for (Event e : events) {
            byPayload.put(e.payload(), e);
        }
    }

    /** Runs the tool with ProducerPerformance's own arguments ({@code --payload-file} with the events' payloads). */
    public void run(String[] args) throws Exception {
        start(args);
    }

    @Override
    KafkaProducer<byte[], byte[]> createKafkaProducer(Properties props) {
        return new KafkaProducer<>(props) {
            /** The events of the payload arrays the tool picks from (it reuses the same arrays). */
            private final Map<byte[], Event> seen = new IdentityHashMap<>();

            @Override
            public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                Event e = seen.computeIfAbsent(record.value(), v -> {
                    Event found = byPayload.get(new String(v, StandardCharsets.UTF_8));
                    if (found == null) {
                        throw new IllegalStateException("a payload without its event");
                    }
                    return found;
                });
                RecordHeaders headers = new RecordHeaders();
                headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                headers.add("ce_type", e.type().getBytes(StandardCharsets.UTF_8));
                return super.send(
                        new ProducerRecord<>(
                                record.topic(),
                                null,
                                e.key().getBytes(StandardCharsets.UTF_8),
                                record.value(),
                                headers),
                        callback);
            }
        };
    }
}
