package org.zoninghub.admin;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zoninghub.publish.PublishProperties;
import org.zoninghub.publish.RelayLock;
import org.zoninghub.store.Outbox;
import org.zoninghub.store.Outbox.Backlog;

/** The outbox for administrators (docs/http-api.md): how far publication to Kafka is behind. */
@RestController
@RequestMapping("/api/v1/admin/outbox")
class OutboxController {

    /**
     * @param unsent events committed but not yet acknowledged by the broker
     * @param oldestAgeSeconds age of the oldest of them (0 when none)
     * @param relayOnThisInstance whether this instance holds the relay lock and runs the relay
     * @param relayEnabled whether this instance takes part in relaying at all
     * @param batchSize events per batch
     */
    record OutboxStatus(
            long unsent, double oldestAgeSeconds, boolean relayOnThisInstance, boolean relayEnabled, int batchSize) {}

    private final Outbox outbox;
    private final RelayLock lock;
    private final PublishProperties properties;

    OutboxController(Outbox outbox, RelayLock lock, PublishProperties properties) {
        this.outbox = outbox;
        this.lock = lock;
        this.properties = properties;
    }

    @GetMapping
    OutboxStatus status() {
        Backlog backlog = outbox.backlog();
        return new OutboxStatus(
                backlog.unsent(),
                backlog.oldestAge().toMillis() / 1000.0,
                lock.isHeld(),
                properties.relayEnabled(),
                properties.batchSize());
    }
}
