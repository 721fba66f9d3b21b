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
 * <p>The CloudEvents {@code source} ({@code zoning.publish.source}) is bound by the store's
 * {@link org.zoninghub.store.EventSource}, which writes the events.
 *
 * @param relayEnabled whether this instance runs the outbox relay at all (default true); with false it never takes
 *     the relay lock and leaves publication to the other instances
 * @param relayInterval how often the outbox relay looks for unsent events when nothing wakes it: the fallback poll
 *     behind {@code relayListen} (and how often an instance without the relay lock tries to take it); a round sends
 *     batch after batch while full batches remain, so the interval bounds the latency of a quiet outbox, not the
 *     throughput of a busy one
 * @param relayListen whether the instance running the relay listens on PostgreSQL channel {@code zoning_outbox}
 *     (notified on every commit that appends events) and starts a round at once (default true); the poll every
 *     {@code relayInterval} stays as the fallback for a lost notification or a dropped listening session
 * @param batchSize how many outbox rows the relay sends per batch; a batch is acknowledged by the broker as a whole
 *     before its rows are marked sent with one statement (their positions deleted from the pending ones)
 * @param retention how long after it was written a sent row stays in the outbox before the purge deletes it (default
 *     7 days); unsent rows are never deleted
 * @param purgeInterval how often the purge of sent rows runs (default 1 hour)
 * @param topics the Kafka topics of docs/events.md
 */
@Validated
@ConfigurationProperties("zoning.publish")
public record PublishProperties(
        boolean relayEnabled,
        @NotNull Duration relayInterval,
        boolean relayListen,
        @Min(1) int batchSize,
        @NotNull Duration retention,
        @NotNull Duration purgeInterval,
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
