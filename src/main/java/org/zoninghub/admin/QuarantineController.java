package org.zoninghub.admin;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoninghub.store.Quarantine;
import org.zoninghub.store.Quarantine.Item;
import org.zoninghub.store.Quarantine.Status;
import org.zoninghub.sync.replay.QuarantineReplay;
import org.zoninghub.web.BadRequestException;
import org.zoninghub.web.ConflictException;
import org.zoninghub.web.NotFoundException;
import org.zoninghub.web.PathIds;

/**
 * Quarantined records for administrators: list with filters, inspect as received, replay after a fix (in a sync run
 * of its own), discard with a reason. Nothing is deleted: a record ends REPLAYED or DISCARDED.
 */
@RestController
@RequestMapping("/api/v1/admin/quarantine")
class QuarantineController {

    private static final int MAX_REASON = 2000;

    /** A page of items; {@code next} is the {@code after} of the next page, or null on the last. */
    record Page(List<ItemView> items, Long next) {}

    /** An item as listed (without its payload). */
    record ItemView(
            long id,
            UUID runId,
            String source,
            String record,
            String reason,
            Status status,
            java.time.OffsetDateTime receivedAt,
            java.time.OffsetDateTime resolvedAt,
            String resolvedBy,
            String resolution,
            UUID replayRunId) {

        static ItemView of(Item i) {
            return new ItemView(
                    i.id(),
                    i.runId(),
                    i.source(),
                    i.record(),
                    i.reason(),
                    i.status(),
                    i.receivedAt(),
                    i.resolvedAt(),
                    i.resolvedBy(),
                    i.resolution(),
                    i.replayRunId());
        }
    }

    /** The answer to a replay: the run, and whether the item is now REPLAYED. */
    record ReplayView(org.zoninghub.store.SyncRuns.SyncRun run, boolean replayed, Item item) {}

    private final Quarantine quarantine;
    private final QuarantineReplay replay;

    QuarantineController(Quarantine quarantine, QuarantineReplay replay) {
        this.quarantine = quarantine;
        this.replay = replay;
    }

    @GetMapping
    Page list(
            @RequestParam(required = false) String run,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String record,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) Long after) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit " + limit + " is outside 1..1000");
        }
        Status s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("status \"" + status + "\" is not one of OPEN, REPLAYED, DISCARDED");
            }
        }
        UUID runId = run == null || run.isBlank() ? null : PathIds.uuid(run, "a sync run");
        List<Item> items = quarantine.find(new Quarantine.Query(
                runId, blankToNull(source), blankToNull(reason), blankToNull(record), s, after, limit + 1));
        boolean more = items.size() > limit;
        List<Item> page = more ? items.subList(0, limit) : items;
        return new Page(
                page.stream().map(ItemView::of).toList(),
                more ? page.get(page.size() - 1).id() : null);
    }

    @GetMapping("/{id}")
    Item get(@PathVariable long id) {
        return quarantine.find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * Replays the record in a sync run of its own; 202 with the run and the item. The item is REPLAYED only when the
     * run SUCCEEDED; otherwise the run's {@code rejected} and {@code error} say why.
     */
    @PostMapping("/{id}/replay")
    ResponseEntity<ReplayView> replay(@PathVariable long id, Principal principal) {
        try {
            QuarantineReplay.Replayed done =
                    replay.replay(id, principal.getName()).orElseThrow(() -> notFound(id));
            return ResponseEntity.accepted()
                    .header("Location", "/api/v1/admin/sync-runs/" + done.run().id())
                    .body(new ReplayView(
                            done.run(), done.resolved(), quarantine.find(id).orElseThrow()));
        } catch (QuarantineReplay.NotReplayableException e) {
            throw new ConflictException("Record cannot be replayed", e.getMessage());
        }
    }

    /** Discards the record with a reason (required); it stays, DISCARDED, with who did it and why. */
    @DeleteMapping("/{id}")
    Item discard(@PathVariable long id, @RequestParam(required = false) String reason, Principal principal) {
        if (reason == null || reason.isBlank()) {
            throw new BadRequestException("reason is required: say why the record is discarded");
        }
        if (reason.length() > MAX_REASON) {
            throw new BadRequestException("reason is longer than " + MAX_REASON + " characters");
        }
        Item item = quarantine.find(id).orElseThrow(() -> notFound(id));
        if (!quarantine.markDiscarded(id, principal.getName(), reason.strip())) {
            throw new ConflictException(
                    "Record already resolved", "quarantined record " + id + " is " + item.status() + ", not OPEN");
        }
        return quarantine.find(id).orElseThrow();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no quarantined record " + id);
    }
}
