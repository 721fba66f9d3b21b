package org.zoninghub.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoninghub.store.SyncLock;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Counts;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.Rejection;
import org.zoninghub.store.SyncRuns.RuleCounts;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.zoning.ChangeKind;
import org.zoninghub.zoning.Jurisdiction;

/**
 * The one way a run that brings a delivery ends, whatever brought it (a provincial pull, a file, a dynamic update):
 * quarantine the rejected records, then either reject the run (nothing applied) or apply the delivery in one
 * transaction, count what changed, finish the run and log it.
 *
 * <p>A delivery is rejected as a whole when its source rejected it ({@link Completion#rejectedWhole}), when it has
 * rejected records under {@code zoning.sync.on-invalid=reject-run}, or (where the source asks for it) when none of
 * its records is valid. A guarded delivery ({@link Completion#guardingRetirement}: provincial pulls, files) that would
 * retire more than {@code zoning.sync.max-retire-share} of the units in force, or all of them, is held: the run ends
 * HELD with the units it would retire, nothing applied, and the delivery kept for {@link #confirm} or
 * {@link #discard}. Errors are not caught here: the caller fails the run, since it also fails it for errors of
 * its own (reading, mapping).
 */
@Component
public class DeliveryRuns {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRuns.class);

    private final ChangeApplier applier;
    private final SyncRuns runs;
    private final SyncProperties properties;
    private final TransactionTemplate tx;
    private final SyncLock lock;
    private final ObjectMapper json;

    private final Jurisdiction jurisdiction;

    public DeliveryRuns(
            ChangeApplier applier,
            SyncRuns runs,
            SyncProperties properties,
            TransactionTemplate tx,
            SyncLock lock,
            ObjectMapper json,
            Jurisdiction jurisdiction) {
        this.jurisdiction = jurisdiction;
        this.lock = lock;
        this.json = json;
        this.applier = applier;
        this.runs = runs;
        this.properties = properties;
        this.tx = tx;
    }

    /**
     * How a run's delivery is to be completed: made by {@link #of}, refined by the fluent methods (each a plain
     * setter returning the completion), read by {@link DeliveryRuns#complete}. One completion serves one run.
     *
     * @param runId the run, RUNNING
     * @param what the run as the log names it, e.g. {@code sync run 1f… (FULL)} or {@code file import 1f… of a.zip}
     * @param delivery the mapped delivery with its rejected records
     * @param payloads the records as received, by record name, kept with their quarantine rows
     * @param editionSource who made the editions the delivery brings ({@code PROVINCE}, {@code LOCAL})
     * @param cursor the source's incremental cursor, moved with the changes; null for none
     * @param rejectedWhole why the source rejected the delivery as a whole (e.g. a file that cannot be imported), or
     *     null
     * @param rejectWhenNothingValid whether a delivery with rejected records and no valid one is rejected under
     *     either policy
     * @param nothingChanged the run's error when applying changes nothing and that is a rejection (a dynamic update
     *     equal to the current state); null when nothing changed is a success
     * @param inTransaction what else to write in the apply transaction when something changed, or null
     * @param detail what the success log line adds (requests, cursor …), or an empty string
     * @param guarded whether a mass retirement holds the run ({@link #guardingRetirement})
     */
    public static final class Completion {

        private final UUID runId;
        private final String what;
        private final Delivery delivery;
        private final Map<String, String> payloads;
        private final String editionSource;
        private ChangeApplier.Cursor cursor;
        private String rejectedWhole;
        private boolean rejectWhenNothingValid;
        private String nothingChanged;
        private Consumer<ChangePlan> inTransaction;
        private String detail = "";
        private boolean guarded;

        private Completion(
                UUID runId, String what, Delivery delivery, Map<String, String> payloads, String editionSource) {
            this.runId = runId;
            this.what = what;
            this.delivery = delivery;
            this.payloads = payloads;
            this.editionSource = editionSource;
        }

        /** A delivery applied under the sync policy, with nothing else to write. */
        public static Completion of(
                UUID runId, String what, Delivery delivery, Map<String, String> payloads, String editionSource) {
            return new Completion(runId, what, delivery, payloads, editionSource);
        }

        public Completion withCursor(ChangeApplier.Cursor cursor) {
            this.cursor = cursor;
            return this;
        }

        public Completion rejecting(String rejectedWhole, boolean rejectWhenNothingValid) {
            this.rejectedWhole = rejectedWhole;
            this.rejectWhenNothingValid = rejectWhenNothingValid;
            return this;
        }

        public Completion unlessUnchanged(String nothingChanged, Consumer<ChangePlan> inTransaction) {
            this.nothingChanged = nothingChanged;
            this.inTransaction = inTransaction;
            return this;
        }

        /**
         * Holds the run instead of applying it when it would retire more than {@code zoning.sync.max-retire-share}
         * of the units in force, or all of them (provincial pulls and files; an administrator's dynamic update is
         * not guarded).
         */
        public Completion guardingRetirement() {
            this.guarded = true;
            return this;
        }

        public Completion logging(String detail) {
            this.detail = detail;
            return this;
        }

        UUID runId() {
            return runId;
        }

        String what() {
            return what;
        }

        Delivery delivery() {
            return delivery;
        }

        Map<String, String> payloads() {
            return payloads;
        }

        String editionSource() {
            return editionSource;
        }

        ChangeApplier.Cursor cursor() {
            return cursor;
        }

        String rejectedWhole() {
            return rejectedWhole;
        }

        boolean rejectWhenNothingValid() {
            return rejectWhenNothingValid;
        }

        String nothingChanged() {
            return nothingChanged;
        }

        Consumer<ChangePlan> inTransaction() {
            return inTransaction;
        }

        String detail() {
            return detail;
        }

        boolean guarded() {
            return guarded;
        }
    }

    /** Completes the run as described and returns it as finished (SUCCEEDED or REJECTED). */
    public SyncRun complete(Completion c) {
        UUID runId = c.runId();
        List<Rejection> rejected = c.delivery().rejected();
        Set<String> rejectedRecords = rejected.stream().map(Rejection::record).collect(Collectors.toSet());
        if (!rejected.isEmpty()) {
            runs.quarantine(runId, rejected, c.payloads());
        }
        String why = rejection(c, !rejected.isEmpty());
        if (why != null) {
            runs.finish(
                    runId,
                    Outcome.REJECTED,
                    new Counts(0, 0, 0, 0, rejectedRecords.size(), RuleCounts.ZERO),
                    rejected.size() + " defect(s) in " + rejectedRecords.size() + " record(s); nothing was applied ("
                            + why + ")",
                    rejected);
            log.warn("{} rejected: {} defective record(s), nothing applied", c.what(), rejectedRecords.size());
            return runs.find(runId).orElseThrow();
        }
        ChangePlan plan;
        try {
            plan = tx.execute(status -> {
                ChangePlan p = applier.apply(
                        c.delivery(),
                        runId,
                        rejectedRecords,
                        c.editionSource(),
                        c.cursor(),
                        c.guarded() ? this::guard : null);
                if (!p.isEmpty() && c.inTransaction() != null) {
                    c.inTransaction().accept(p);
                }
                return p;
            });
        } catch (MassRetirement held) {
            return hold(c, held, rejected, rejectedRecords.size());
        }
        if (plan.isEmpty() && c.nothingChanged() != null) {
            runs.finish(runId, Outcome.REJECTED, Counts.ZERO, c.nothingChanged(), List.of());
            log.info("{} changed nothing: {}", c.what(), c.nothingChanged());
            return runs.find(runId).orElseThrow();
        }
        Counts counts = SyncCounts.of(plan, rejectedRecords.size());
        runs.finish(runId, Outcome.SUCCEEDED, counts, null, rejected);
        log.info(
                "{} succeeded: units {} created, {} updated, {} retired, {} unchanged; rules {} created, {} updated,"
                        + " {} retired; {} record(s) rejected{}",
                c.what(),
                counts.created(),
                counts.updated(),
                counts.retired(),
                counts.unchanged(),
                counts.rules().created(),
                counts.rules().updated(),
                counts.rules().retired(),
                counts.rejected(),
                c.detail().isEmpty() ? "" : "; " + c.detail());
        return runs.find(runId).orElseThrow();
    }

    /** A plan that retires too many units; thrown inside the apply transaction, which then rolls back. */
    static final class MassRetirement extends RuntimeException {

        final transient ChangePlan plan;
        final int inForce;

        MassRetirement(ChangePlan plan, int inForce, String reason) {
            super(reason, null, false, false);
            this.plan = plan;
            this.inForce = inForce;
        }
    }

    /** Refuses a plan that retires more than the configured share of the units in force, or every one of them. */
    private void guard(ChangePlan plan, int inForce) {
        int retiring = plan.count(ChangeKind.RETIRED);
        if (retiring == 0) {
            return;
        }
        boolean all = retiring >= inForce;
        if (all || retiring > properties.maxRetireShare() * inForce) {
            throw new MassRetirement(
                    plan,
                    inForce,
                    "held: the delivery would retire " + retiring + " of the " + inForce + " units in force ("
                            + (all
                                    ? "all of them"
                                    : "more than zoning.sync.max-retire-share = "
                                            + Math.round(properties.maxRetireShare() * 100) + " %")
                            + "); nothing was applied. An administrator confirms it (POST"
                            + " /api/v1/admin/sync-runs/{id}/confirm applies exactly this delivery) or discards it"
                            + " (…/discard)");
        }
    }

    private SyncRun hold(Completion c, MassRetirement held, List<Rejection> rejected, int rejectedRecords) {
        List<String> retiring = held.plan.units().stream()
                .filter(u -> u.kind() == ChangeKind.RETIRED)
                .map(u -> u.next().code())
                .sorted()
                .toList();
        runs.hold(
                c.runId(),
                SyncCounts.of(held.plan, rejectedRecords),
                held.getMessage().replace("{id}", c.runId().toString()),
                rejected,
                retiring,
                HeldDelivery.of(c.delivery(), c.editionSource(), c.cursor()).toJson(json));
        log.warn(
                "{} HELD: it would retire {} of the {} units in force; nothing applied until an administrator confirms"
                        + " or discards it",
                c.what(),
                retiring.size(),
                held.inForce);
        return runs.find(c.runId()).orElseThrow();
    }

    /**
     * Applies what a HELD run kept, exactly, under the sync lock and in its own transaction (no guard: the
     * administrator has seen what it retires), and ends the run SUCCEEDED.
     *
     * @throws SyncInProgressException when a sync or import holds the lock
     * @throws NotHeldException when the run does not exist or is not HELD
     */
    public SyncRun confirm(UUID runId) {
        try (SyncLock.Lease lease = lock.tryAcquire().orElseThrow(SyncInProgressException::new)) {
            HeldDelivery held = HeldDelivery.fromJson(
                    runs.heldDelivery(runId).orElseThrow(() -> new NotHeldException(runId)), json);
            Delivery delivery = held.delivery(jurisdiction);
            Set<String> rejectedRecords =
                    delivery.rejected().stream().map(Rejection::record).collect(Collectors.toSet());
            lease.verify();
            ChangePlan plan = tx.execute(status -> {
                ChangePlan p = applier.apply(delivery, runId, rejectedRecords, held.editionSource(), held.cursor());
                if (!runs.release(
                        runId,
                        Outcome.SUCCEEDED,
                        SyncCounts.of(p, rejectedRecords.size()),
                        "confirmed by an administrator after it was held")) {
                    throw new NotHeldException(runId);
                }
                return p;
            });
            log.warn(
                    "held sync run {} confirmed: {} unit(s) retired, {} created, {} updated",
                    runId,
                    plan.count(ChangeKind.RETIRED),
                    plan.count(ChangeKind.CREATED),
                    plan.count(ChangeKind.UPDATED));
            return runs.find(runId).orElseThrow();
        }
    }

    /**
     * Closes a HELD run without applying anything: it ends REJECTED, its delivery is dropped.
     *
     * @throws NotHeldException when the run does not exist or is not HELD
     */
    public SyncRun discard(UUID runId) {
        SyncRun run = runs.find(runId)
                .filter(r -> r.outcome() == Outcome.HELD)
                .orElseThrow(() -> new NotHeldException(runId));
        if (!runs.release(
                runId,
                Outcome.REJECTED,
                run.counts(),
                "discarded by an administrator after it was held; nothing was applied (" + run.error() + ")")) {
            throw new NotHeldException(runId);
        }
        log.warn("held sync run {} discarded; nothing applied", runId);
        return runs.find(runId).orElseThrow();
    }

    /** The run asked to confirm or discard is unknown or not HELD. */
    public static final class NotHeldException extends RuntimeException {
        NotHeldException(UUID runId) {
            super("sync run " + runId + " is not HELD (unknown, or already confirmed or discarded)");
        }
    }

    /** Why the delivery is rejected as a whole, or null when it is applied. */
    private String rejection(Completion c, boolean anyRejected) {
        if (c.rejectedWhole() != null) {
            return c.rejectedWhole();
        }
        if (!anyRejected) {
            return null;
        }
        boolean nothingValid =
                c.delivery().units().isEmpty() && c.delivery().lists().isEmpty();
        if (c.rejectWhenNothingValid() && nothingValid) {
            return "no record of the file is valid";
        }
        return properties.onInvalid() == SyncProperties.OnInvalid.REJECT_RUN
                ? "zoning.sync.on-invalid=reject-run"
                : null;
    }
}
