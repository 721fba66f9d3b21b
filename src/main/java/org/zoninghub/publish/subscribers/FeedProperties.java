package org.zoninghub.publish.subscribers;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Subscriber feeds ({@code zoning.publish.feeds.*}).
 *
 * @param topicPattern the feed topic of a subscriber, {@code {id}} standing for its id (docs/events.md:
 *     {@code zoning.feed.{id}.v1})
 * @param partitions how many partitions a new feed topic gets (keys are spread over them; order holds per key)
 * @param kafkaTimeout how long an administrator's request waits for Kafka (creating a topic, reading lag)
 */
@Validated
@ConfigurationProperties("zoning.publish.feeds")
public record FeedProperties(
        @DefaultValue("zoning.feed.{id}.v1") @NotNull @Pattern(regexp = ".*\\{id}.*")
        String topicPattern,

        @DefaultValue("3") @Min(1) int partitions,
        @DefaultValue("5s") @NotNull Duration kafkaTimeout) {

    /** The feed topic of a subscriber. */
    public String topic(String subscriberId) {
        return topicPattern.replace("{id}", subscriberId);
    }
}
