package org.zoninghub.admin.health;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bounds of the health components ({@code zoning.health.*}) of {@code /actuator/health}.
 *
 * @param provinceMaxAge the province is DOWN when its last successful pull is older than this (the schedule pulls
 *     every 15 minutes by default, so four missed pulls), or while the circuit breaker is open
 * @param inboxStuckAfter the inbox is DOWN when a file has waited in it longer than this
 * @param outboxMaxAge the outbox is DOWN when its oldest unsent event is older than this
 * @param brokerTimeout how long the broker check waits for Kafka to describe its cluster
 * @param subscriberMaxLag a subscriber is DOWN when its consumer group is more messages than this behind
 * @param kafkaCheckInterval how often the broker and the subscribers' lags are asked of Kafka (in the background;
 *     health and metrics read the latest answer)
 */
@Validated
@ConfigurationProperties("zoning.health")
public record HealthProperties(
        @DefaultValue("1h") @NotNull Duration provinceMaxAge,
        @DefaultValue("10m") @NotNull Duration inboxStuckAfter,
        @DefaultValue("5m") @NotNull Duration outboxMaxAge,
        @DefaultValue("3s") @NotNull Duration brokerTimeout,
        @DefaultValue("10000") long subscriberMaxLag,
        @DefaultValue("15s") @NotNull Duration kafkaCheckInterval) {}
