package org.zoninghub.admin.health;

import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import org.zoninghub.publish.OutboxMetrics;
import org.zoninghub.store.Outbox.Backlog;

/**
 * Health component {@code outbox}: DOWN when the oldest unsent event is older than
 * {@code zoning.health.outbox-max-age} (the broker is unreachable, or no instance relays), since the moment it became
 * that old, or when the broker refused events for good (dead letters: their keys wait until an administrator replays
 * them); UP otherwise, with the backlog.
 */
@Component("outboxHealthIndicator")
class OutboxHealth implements HealthIndicator {

    private final OutboxMetrics outbox;
    private final HealthProperties properties;
    private final Since since = new Since();

    OutboxHealth(OutboxMetrics outbox, HealthProperties properties) {
        this.outbox = outbox;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Backlog backlog = outbox.backlog();
        long deadLetters = outbox.openDeadLetters();
        Health.Builder b;
        if (deadLetters > 0) {
            b = Health.down()
                    .withDetail(
                            "reason",
                            deadLetters + " event(s) the broker refused for good wait as dead letters, and later events"
                                    + " of their keys wait behind them: see GET /api/v1/admin/outbox/dead-letters,"
                                    + " fix the cause and replay them")
                    .withDetail("since", since.of("outbox", Status.DOWN));
        } else if (backlog.unsent() > 0 && backlog.oldestAge().compareTo(properties.outboxMaxAge()) > 0) {
            b = Health.down()
                    .withDetail(
                            "reason",
                            "the oldest unsent event has waited "
                                    + backlog.oldestAge().toSeconds()
                                    + " s, longer than " + properties.outboxMaxAge()
                                    + " (zoning.health.outbox-max-age): is the broker reachable, does an instance"
                                    + " relay?")
                    .withDetail(
                            "since", Instant.now().minus(backlog.oldestAge()).plus(properties.outboxMaxAge()));
        } else {
            b = Health.up().withDetail("since", since.of("outbox", Status.UP));
        }
        return b.withDetail("unsent", backlog.unsent())
                .withDetail("deadLetters", deadLetters)
                .withDetail("oldestAgeSeconds", backlog.oldestAge().toMillis() / 1000.0)
                .build();
    }
}
