package org.zoninghub.publish;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Publication to departmental systems ({@code zoning.publish.*}).
 *
 * @param source the CloudEvents {@code source} of every event, {@code /zoning-hub/{jurisdiction}}
 * @param relayInterval how often the outbox relay looks for unsent events
 * @param batchSize how many outbox rows the relay sends per round
 * @param topics the Kafka topics of CONTRACT §5
 */
@Validated
@ConfigurationProperties("zoning.publish")
public record PublishProperties(
        @NotBlank String source,
        @NotNull Duration relayInterval,
        @Min(1) int batchSize,
        @Valid @NotNull Topics topics) {

    /**
     * @param unitChanges unit created/updated/retired events, keyed by unit code
     * @param ruleChanges rule created/updated/retired events, keyed by scope code
     * @param unitState the compacted topic with the full current state of each unit, keyed by unit code
     */
    public record Topics(
            @NotBlank String unitChanges,
            @NotBlank String ruleChanges,
            @NotBlank String unitState) {}
}
