package org.zoninghub.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.zoninghub.reference.InMemoryEventLedger;
import org.zoninghub.reference.StreamKey;
import org.zoninghub.reference.ZoningEvent;
import org.zoninghub.reference.ZoningEventConsumer;

/**
 * The judge of "nothing lost, nothing applied twice, in order per key": the reference consumer
 * ({@link ZoningEventConsumer} with an {@link InMemoryEventLedger}) fed by a plain Kafka consumer on a thread of its
 * own, from the beginning of every partition of the topics (which must exist), surviving broker outages (the client reconnects by itself).
 */
public final class ReferenceJudge implements AutoCloseable {

    private final InMemoryEventLedger ledger = new InMemoryEventLedger();
    private final ZoningEventConsumer consumer;
    private final KafkaConsumer<String, String> kafka;
    private final Thread thread;
    private final AtomicLong records = new AtomicLong();
    private final Map<String, Integer> maxBytes = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /**
     * @param onApplied called with every event applied, e.g. to check its content
     */
    public ReferenceJudge(String bootstrapServers, List<String> topics, Consumer<ZoningEvent> onApplied) {
        this.consumer = new ZoningEventConsumer(ledger, onApplied::accept);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 * 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        this.kafka = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        // assigned, not subscribed: no group rebalance after a broker outage, which would start again from the
        // beginning (nothing is committed) and count a whole topic of redeliveries the relay never made
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            kafka.partitionsFor(topic, Duration.ofSeconds(60))
                    .forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "reference-judge");
        thread.setDaemon(true);
        thread.start();
    }

    public ReferenceJudge(String bootstrapServers, List<String> topics) {
        this(bootstrapServers, topics, e -> {});
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : kafka.poll(Duration.ofMillis(200))) {
                    records.incrementAndGet();
                    maxBytes.merge(r.topic(), r.serializedValueSize(), Math::max);
                    consumer.handle(r);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            kafka.close();
        }
    }

    /** The ledger: what was applied, skipped as duplicate, held, rejected. */
    public InMemoryEventLedger ledger() {
        return ledger;
    }

    public ZoningEventConsumer consumer() {
        return consumer;
    }

    /** Events applied (each once). */
    public int applied() {
        return ledger.applied().size();
    }

    /** Records received, duplicates included. */
    public long records() {
        return records.get();
    }

    /** Redelivered records the consumer skipped. */
    public long duplicates() {
        return ledger.duplicatesSkipped();
    }

    /** The largest record value received on a topic, in bytes as sent (before compression). */
    public int maxValueBytes(String topic) {
        return maxBytes.getOrDefault(topic, 0);
    }

    /** The sequences applied for a unit code on the unit changes stream, in order. */
    public List<Long> unitSequences(String code) {
        return ledger.appliedSequences(new StreamKey(StreamKey.streamOf("zoning.unit.created"), code));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        kafka.wakeup();
        thread.join(10_000);
    }
}
