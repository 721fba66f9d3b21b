package org.zoninghub.admin.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code broker}: DOWN when Kafka did not describe its cluster at the last check (every
 * {@code zoning.health.kafka-check-interval}), since the first check that failed; UNKNOWN before the first check.
 */
@Component("brokerHealthIndicator")
class BrokerHealth implements HealthIndicator {

    private final KafkaWatch watch;
    private final Since since = new Since();

    BrokerHealth(KafkaWatch watch) {
        this.watch = watch;
    }

    @Override
    public Health health() {
        KafkaWatch.Broker b = watch.broker();
        if (b == null) {
            return Health.unknown().withDetail("reason", "not checked yet").build();
        }
        Health.Builder h = b.up() ? Health.up() : Health.down().withDetail("reason", b.error());
        return h.withDetail("since", since.of("broker", b.up() ? Status.UP : Status.DOWN))
                .withDetail("nodes", b.nodes())
                .withDetail("checkedAt", b.checkedAt())
                .build();
    }
}
