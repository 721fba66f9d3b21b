package org.zoninghub.admin.health;

import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.SyncRun;

/**
 * Health component {@code sync}: OUT_OF_SERVICE while a delivery that would retire many units is HELD for an
 * administrator (nothing of it was applied; the province's or the file's later changes wait for the decision), with
 * the held runs and since when; UP otherwise.
 */
@Component("syncHealthIndicator")
class HeldRunsHealth implements HealthIndicator {

    private final SyncRuns runs;

    HeldRunsHealth(SyncRuns runs) {
        this.runs = runs;
    }

    @Override
    public Health health() {
        List<SyncRun> held = runs.held();
        if (held.isEmpty()) {
            return Health.up().build();
        }
        SyncRun oldest = held.get(0);
        return Health.status(Status.OUT_OF_SERVICE)
                .withDetail(
                        "reason",
                        held.size() + " sync run(s) HELD because they would retire many units; confirm or discard"
                                + " each: POST /api/v1/admin/sync-runs/{id}/confirm or /discard")
                .withDetail("since", oldest.endedAt() != null ? oldest.endedAt() : oldest.startedAt())
                .withDetail(
                        "held",
                        held.stream()
                                .map(r -> java.util.Map.of(
                                        "id",
                                        r.id(),
                                        "source",
                                        r.source(),
                                        "retiring",
                                        r.retiring().size()))
                                .toList())
                .build();
    }
}
