package org.zoninghub.publish;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.zoninghub.store.Outbox;
import org.zoninghub.store.Outbox.Backlog;

/**
 * How far publication is behind, as gauges: {@code zoning.publish.outbox.backlog} (unsent events),
 * {@code zoning.publish.outbox.oldest-age-seconds} (age of the oldest unsent event, 0 when none) and
 * {@code zoning.publish.relay.leader} (1 on the instance that runs the relay). An alert on the oldest age catches a
 * stuck relay or an unreachable broker whatever the traffic. The backlog is read at most once a second, however
 * often the gauges are scraped.
 */
@Component
public class OutboxMetrics {

    private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

    private final Outbox outbox;
    private Backlog cached;
    private long cachedAt;
    private long deadLetters;
    private long deadLettersAt;

    public OutboxMetrics(Outbox outbox, RelayLock lock, MeterRegistry registry) {
        this.outbox = outbox;
        Gauge.builder("zoning.publish.outbox.backlog", this, m -> m.backlog().unsent())
                .description("Outbox events not yet acknowledged by the broker")
                .register(registry);
        Gauge.builder(
                        "zoning.publish.outbox.oldest-age-seconds",
                        this,
                        m -> m.backlog().oldestAge().toMillis() / 1000.0)
                .description("Age of the oldest unsent outbox event (0 when none)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("zoning.publish.outbox.dead-letters", this, OutboxMetrics::openDeadLetters)
                .description("Outbox events the broker refused for good and not yet replayed; their keys wait")
                .register(registry);
        Gauge.builder("zoning.publish.relay.leader", lock, l -> l.isHeld() ? 1 : 0)
                .description("1 on the hub instance that holds the relay lock and runs the outbox relay")
                .register(registry);
    }

    /** Open dead letters, read from the database at most once a second (health and the gauge use it). */
    public synchronized long openDeadLetters() {
        long now = System.nanoTime();
        if (deadLettersAt == 0 || now - deadLettersAt > CACHE_NANOS) {
            deadLetters = outbox.openDeadLetters();
            deadLettersAt = now;
        }
        return deadLetters;
    }

    /** The backlog, read from the database at most once a second. */
    public synchronized Backlog backlog() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAt > CACHE_NANOS) {
            cached = outbox.backlog();
            cachedAt = now;
        }
        return cached;
    }
}
