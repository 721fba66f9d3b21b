package org.zoninghub.admin.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.zoninghub.store.Quarantine;
import org.zoninghub.store.Quarantine.Status;

/**
 * Gauge {@code zoning.sync.quarantine.records} (tag {@code status}: OPEN, REPLAYED, DISCARDED): quarantined records
 * by status, read from the database at most every five seconds however often it is scraped.
 */
@Component
class QuarantineMetrics {

    private static final long CACHE_NANOS = Duration.ofSeconds(5).toNanos();

    private final Quarantine quarantine;
    private Map<Status, Long> cached;
    private long cachedAt;

    QuarantineMetrics(Quarantine quarantine, MeterRegistry registry) {
        this.quarantine = quarantine;
        for (Status s : Status.values()) {
            Gauge.builder(
                            "zoning.sync.quarantine.records",
                            this,
                            m -> m.counts().get(s))
                    .description("Quarantined records by status")
                    .tag("status", s.name())
                    .register(registry);
        }
    }

    private synchronized Map<Status, Long> counts() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAt > CACHE_NANOS) {
            cached = quarantine.countByStatus();
            cachedAt = now;
        }
        return cached;
    }
}
