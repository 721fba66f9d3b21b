package org.zoninghub.sync;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.zoninghub.store.SyncCursors;
import org.zoninghub.store.SyncLock;
import org.zoninghub.store.SyncLock.Lease;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Counts;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;

/**
 * Synchronisation with the provincial platform: reads every page of units and lists, validates, and applies the
 * delivery whole or not at all, together with the source's incremental cursor.
 *
 * <p>One sync at a time across every hub instance sharing the database: {@link #begin} takes the {@link SyncLock}
 * (or throws {@link SyncInProgressException} at once), fails the runs a dead process left RUNNING, and only then
 * records the new run; the lock stays held until {@link #execute} has finished the run. A pull is incremental
 * ({@code updatedSince} = the cursor) unless asked to be full or the source has no cursor yet; only a full pull
 * retires units by their absence.
 */
@Component
public class ProvincialSync {

    private static final Logger log = LoggerFactory.getLogger(ProvincialSync.class);

    static final String ABANDONED = "the hub instance running this sync stopped before it finished";

    private final ProvincialClient client;
    private final ProvincialMapper mapper;
    private final DeliveryRuns deliveryRuns;
    private final SyncRuns runs;
    private final SyncCursors cursors;
    private final SyncLock lock;
    private final Map<UUID, Lease> leases = new ConcurrentHashMap<>();
    private final Duration maxClockSkew;

    public ProvincialSync(
            ProvincialClient client,
            ProvincialMapper mapper,
            DeliveryRuns deliveryRuns,
            SyncRuns runs,
            SyncCursors cursors,
            SyncLock lock,
            ProvinceProperties province) {
        this.maxClockSkew = province.maxClockSkew();
        this.client = client;
        this.mapper = mapper;
        this.deliveryRuns = deliveryRuns;
        this.runs = runs;
        this.cursors = cursors;
        this.lock = lock;
    }

    /**
     * Takes the sync lock and records a new run as RUNNING; the sync route executes it (and releases the lock).
     *
     * @param requested {@code INCREMENTAL} pulls what changed since the cursor (a full pull when there is none yet);
     *     {@code FULL} pulls everything and may retire units the province no longer lists
     * @throws SyncInProgressException when a sync is in progress here or on another instance; nothing is recorded
     */
    public SyncRun begin(Trigger trigger, Mode requested) {
        String source = client.baseUrl()
                .orElseThrow(
                        () -> new IllegalStateException(
                                "no provincial platform is configured: set zoning.province.base-url (ZONING_PROVINCE_BASEURL)"));
        Lease lease = lock.tryAcquire().orElseThrow(SyncInProgressException::new);
        try {
            closeAbandonedRuns();
            Mode mode = requested == Mode.INCREMENTAL && cursors.find(source).isEmpty() ? Mode.FULL : requested;
            SyncRun run = runs.start(trigger, source, mode);
            leases.put(run.id(), lease);
            return run;
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** Fails a begun run that could not be handed to the sync route, and releases its lock. */
    public void abandon(UUID runId, String reason) {
        Lease lease = leases.remove(runId);
        try {
            runs.finish(runId, Outcome.FAILED, Counts.ZERO, reason, List.of());
        } finally {
            if (lease != null) {
                lease.close();
            }
        }
    }

    /**
     * Fails the pulls a dead process left RUNNING, when no instance is syncing (the lock is free); otherwise leaves
     * them to the instance that syncs, which closes them when it begins its next run. Returns how many it failed.
     */
    public int closeAbandonedRuns(boolean takeLock) {
        if (!takeLock) {
            return closeAbandonedRuns();
        }
        Optional<Lease> lease = lock.tryAcquire();
        if (lease.isEmpty()) {
            log.info("another hub instance is syncing; runs it did not finish are left to the lock holder");
            return 0;
        }
        try (Lease held = lease.get()) {
            return closeAbandonedRuns();
        }
    }

    private int closeAbandonedRuns() {
        int abandoned = runs.failAbandonedPulls(ABANDONED);
        if (abandoned > 0) {
            log.warn("{} sync run(s) left RUNNING by a stopped hub instance were marked FAILED", abandoned);
        }
        return abandoned;
    }

    /** Executes a begun run: read, validate, apply in one transaction with the cursor. Never throws. */
    public SyncRun execute(UUID runId) {
        Lease lease = leases.remove(runId);
        if (lease == null) {
            log.warn("sync run {} was not begun by this instance (it holds no lock for it); not executed", runId);
            return runs.find(runId).orElse(null);
        }
        // the run is finished (SUCCEEDED, REJECTED or FAILED) before the lock is released, so that no other
        // instance ever sees it RUNNING without a holder and closes it as abandoned
        try {
            SyncRun run = runs.find(runId).orElseThrow();
            boolean full = run.mode() == Mode.FULL;
            OffsetDateTime since = full ? null : cursors.find(run.source()).orElse(null);
            ProvincialClient.Pull pull = client.read(since);
            Delivery delivery = mapper.map(pull.units(), pull.lists(), full);
            OffsetDateTime cursor = cursor(pull.snapshotTime(), run, maxClockSkew);
            Map<String, String> payloads = mapper.payloads(pull.units(), pull.lists(), delivery);
            String cost = pull.requests() + " request(s), " + pull.retries() + " retried";
            // the records as read are not needed past this point: the apply holds only the mapped delivery
            pull = null;
            lease.verify();
            return finish(run, delivery, new ChangeApplier.Cursor(run.source(), cursor), payloads, cost);
        } catch (RuntimeException e) {
            log.warn("sync run {} failed: {}", runId, e.getMessage());
            runs.finish(runId, Outcome.FAILED, Counts.ZERO, e.getMessage(), List.of());
            return runs.find(runId).orElseThrow();
        } catch (Error e) {
            // out of memory, stack overflow: the run still ends, and the lock is released below
            log.error("sync run {} failed with {}", runId, e.toString());
            runs.finish(
                    runId,
                    Outcome.FAILED,
                    Counts.ZERO,
                    "the run stopped with " + e.getClass().getSimpleName()
                            + "; the delivery is too large for this hub (see zoning.province.max-*)",
                    List.of());
            return runs.find(runId).orElseThrow();
        } finally {
            lease.close();
        }
    }

    /**
     * The platform's snapshot time of the read, else the run's start (the contract's fallback); never more than
     * {@code zoning.province.max-clock-skew} after the run's start, since a snapshot time far in the future would skip
     * every change made until then (the run's start is taken instead).
     */
    static OffsetDateTime cursor(String snapshotTime, SyncRun run, Duration maxClockSkew) {
        if (snapshotTime != null) {
            try {
                OffsetDateTime snapshot = OffsetDateTime.parse(snapshotTime);
                if (snapshot.isAfter(run.startedAt().plus(maxClockSkew))) {
                    log.warn(
                            "the platform's snapshotTime {} is more than zoning.province.max-clock-skew after the run's"
                                    + " start {}; the cursor is the run's start",
                            snapshotTime,
                            run.startedAt());
                    return run.startedAt();
                }
                return snapshot;
            } catch (DateTimeParseException e) {
                log.warn(
                        "the platform's snapshotTime \"{}\" is not RFC 3339; the cursor is the run's start",
                        snapshotTime);
            }
        }
        return run.startedAt();
    }

    private SyncRun finish(
            SyncRun run, Delivery delivery, ChangeApplier.Cursor cursor, Map<String, String> payloads, String cost) {
        return deliveryRuns.complete(DeliveryRuns.Completion.of(
                        run.id(), "sync run " + run.id() + " (" + run.mode() + ")", delivery, payloads, "PROVINCE")
                .withCursor(cursor)
                .guardingRetirement()
                .logging(cost + "; cursor now " + cursor.updatedSince()));
    }
}
