package org.zoninghub.admin.health;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.actuate.health.Status;

/** Remembers since when each component (or part of one) has had its current status, as first seen by this hub. */
final class Since {

    private record Seen(Status status, Instant since) {}

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    /** When {@code key} entered {@code status}: kept while the status stays, {@code now} when it changes. */
    Instant of(String key, Status status) {
        return seen.compute(
                        key,
                        (k, old) -> old != null && old.status().equals(status) ? old : new Seen(status, Instant.now()))
                .since();
    }
}
