package org.zoninghub.admin;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoninghub.publish.PublishProperties;
import org.zoninghub.publish.RelayLock;
import org.zoninghub.store.Outbox;
import org.zoninghub.store.Outbox.Backlog;
import org.zoninghub.web.BadRequestException;
import org.zoninghub.web.ConflictException;
import org.zoninghub.web.NotFoundException;

/**
 * The outbox for administrators (docs/http-api.md): how far publication to Kafka is behind, and the events the broker refused for good
 * (dead letters) with their replay.
 */
@RestController
@RequestMapping("/api/v1/admin/outbox")
class OutboxController {

    /**
     * The outbox as an administrator sees it.
     *
     * @param unsent events committed but not yet acknowledged by the broker
     * @param oldestAgeSeconds age of the oldest of them (0 when none)
     * @param lastSentAt when the relaying instance (this one or another) last marked a batch sent, from the relay's
     *     log; null when none did within the retention
     * @param relayOnThisInstance whether this instance holds the relay lock and runs the relay
     * @param relayEnabled whether this instance takes part in relaying at all
     * @param batchSize events per batch
     */
    record OutboxStatus(
            long unsent,
            double oldestAgeSeconds,
            OffsetDateTime lastSentAt,
            boolean relayOnThisInstance,
            boolean relayEnabled,
            int batchSize) {}

    private final Outbox outbox;
    private final RelayLock lock;
    private final PublishProperties properties;

    OutboxController(Outbox outbox, RelayLock lock, PublishProperties properties) {
        this.outbox = outbox;
        this.lock = lock;
        this.properties = properties;
    }

    /**
     * Events the broker refused for good, newest first, each with how many later events of its key wait behind it.
     */
    @GetMapping("/dead-letters")
    List<Outbox.DeadLetter> deadLetters(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit " + limit + " is outside 1..1000");
        }
        return outbox.deadLetters(limit);
    }

    /**
     * Replays a dead letter once its cause is fixed (the topic re-created, the ACL granted): the relay sends the
     * event and the events of its key that waited behind it, in order. 409 when it was replayed already.
     */
    @PostMapping("/dead-letters/{id}/replay")
    Outbox.DeadLetter replay(@PathVariable long id) {
        if (!outbox.replay(id)) {
            boolean known = outbox.deadLetters(1000).stream().anyMatch(d -> d.id() == id);
            if (!known) {
                throw new NotFoundException("no dead letter " + id);
            }
            throw new ConflictException("Dead letter already replayed", "dead letter " + id + " was replayed already");
        }
        return outbox.deadLetters(1000).stream()
                .filter(d -> d.id() == id)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no dead letter " + id));
    }

    @GetMapping
    OutboxStatus status() {
        Backlog backlog = outbox.backlog();
        return new OutboxStatus(
                backlog.unsent(),
                backlog.oldestAge().toMillis() / 1000.0,
                backlog.lastSent(),
                lock.isHeld(),
                properties.relayEnabled(),
                properties.batchSize());
    }
}
