package org.zoninghub.admin;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.sync.DeliveryRuns;
import org.zoninghub.sync.SyncInProgressException;
import org.zoninghub.sync.SyncTrigger;
import org.zoninghub.web.BadRequestException;
import org.zoninghub.web.ConflictException;
import org.zoninghub.web.NotFoundException;
import org.zoninghub.web.PathIds;

/** Sync runs for administrators (docs/http-api.md): list, trigger, inspect, confirm or discard a HELD run. */
@RestController
@RequestMapping("/api/v1/admin/sync-runs")
class SyncRunsController {

    private final SyncRuns runs;
    private final SyncTrigger trigger;
    private final DeliveryRuns deliveryRuns;

    SyncRunsController(SyncRuns runs, SyncTrigger trigger, DeliveryRuns deliveryRuns) {
        this.runs = runs;
        this.trigger = trigger;
        this.deliveryRuns = deliveryRuns;
    }

    @GetMapping
    List<SyncRun> list(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit " + limit + " is outside 1..1000");
        }
        return runs.recent(limit);
    }

    /**
     * Triggers a provincial sync; answers 202 with the run, which executes in the background, or 409 when a sync is
     * already in progress on this or another hub instance.
     *
     * @param mode {@code incremental} (default: what changed since the last successful pull) or {@code full}
     *     (everything; retires the units the province no longer lists when {@code zoning.sync.retire-absent})
     */
    @PostMapping
    ResponseEntity<SyncRun> trigger(@RequestParam(defaultValue = "incremental") String mode) {
        Mode requested;
        try {
            requested = Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("mode \"" + mode + "\" is neither full nor incremental");
        }
        try {
            SyncRun run = trigger.trigger(Trigger.ADMIN, requested);
            return ResponseEntity.accepted()
                    .header("Location", "/api/v1/admin/sync-runs/" + run.id())
                    .body(run);
        } catch (SyncInProgressException e) {
            throw e;
        } catch (IllegalStateException e) {
            throw new ConflictException("Sync cannot start", e.getMessage());
        }
    }

    /**
     * Applies exactly the delivery a HELD run kept (under the sync lock, in one transaction); the run ends SUCCEEDED.
     * 409 when the run is not HELD or a sync is in progress.
     */
    @PostMapping("/{id}/confirm")
    SyncRun confirm(@PathVariable String id) {
        UUID uuid = PathIds.uuid(id, "a sync run");
        runs.find(uuid).orElseThrow(() -> new NotFoundException("no sync run " + id));
        try {
            return deliveryRuns.confirm(uuid);
        } catch (DeliveryRuns.NotHeldException e) {
            throw new ConflictException("Sync run not held", e.getMessage());
        }
    }

    /** Closes a HELD run without applying anything; it ends REJECTED. 409 when the run is not HELD. */
    @PostMapping("/{id}/discard")
    SyncRun discard(@PathVariable String id) {
        UUID uuid = PathIds.uuid(id, "a sync run");
        runs.find(uuid).orElseThrow(() -> new NotFoundException("no sync run " + id));
        try {
            return deliveryRuns.discard(uuid);
        } catch (DeliveryRuns.NotHeldException e) {
            throw new ConflictException("Sync run not held", e.getMessage());
        }
    }

    @GetMapping("/{id}")
    SyncRun get(@PathVariable String id) {
        UUID uuid = PathIds.uuid(id, "a sync run");
        return runs.find(uuid).orElseThrow(() -> new NotFoundException("no sync run " + id));
    }
}
