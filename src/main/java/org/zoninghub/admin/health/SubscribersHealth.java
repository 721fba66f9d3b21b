package org.zoninghub.admin.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import org.zoninghub.publish.subscribers.FeedLag;

/**
 * Health component {@code subscribers}: each enabled subscriber with its lag (messages its consumer group has not
 * committed) and status: DOWN when the lag is above {@code zoning.health.subscriber-max-lag}, with the reason and
 * since when; UNKNOWN when Kafka cannot tell (no consumer group declared, nothing committed yet). The component is
 * DOWN when any subscriber is.
 */
@Component("subscribersHealthIndicator")
class SubscribersHealth implements HealthIndicator {

    private final KafkaWatch watch;
    private final HealthProperties properties;
    private final Since since = new Since();

    SubscribersHealth(KafkaWatch watch, HealthProperties properties) {
        this.watch = watch;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Map<String, Object> each = new TreeMap<>();
        boolean anyDown = false;
        for (Map.Entry<String, FeedLag> e : watch.lags().entrySet()) {
            FeedLag lag = e.getValue();
            Map<String, Object> d = new LinkedHashMap<>();
            Status status;
            if (lag.total() == null) {
                status = Status.UNKNOWN;
                d.put("reason", lag.reason());
            } else if (lag.total() > properties.subscriberMaxLag()) {
                status = Status.DOWN;
                anyDown = true;
                d.put(
                        "reason",
                        "consumer group " + lag.consumerGroup() + " is " + lag.total() + " messages behind, more than "
                                + properties.subscriberMaxLag() + " (zoning.health.subscriber-max-lag)");
            } else {
                status = Status.UP;
            }
            d.put("status", status.getCode());
            d.put("lag", lag.total());
            d.put("since", since.of(e.getKey(), status));
            d.put("checkedAt", lag.checkedAt());
            each.put(e.getKey(), d);
        }
        Status overall = anyDown ? Status.DOWN : Status.UP;
        return Health.status(overall)
                .withDetail("since", since.of("*", overall))
                .withDetail("subscribers", each)
                .build();
    }
}
