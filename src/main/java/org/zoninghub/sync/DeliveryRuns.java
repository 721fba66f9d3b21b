package org.zoninghub.sync;

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
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Counts;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.Rejection;
import org.zoninghub.store.SyncRuns.RuleCounts;
import org.zoninghub.store.SyncRuns.SyncRun;

/**
 * The one way a run that brings a delivery ends, whatever brought it (a provincial pull, a file, a dynamic update):
 * quarantine the rejected records, then either reject the run (nothing applied) or apply the delivery in one
 * transaction, count what changed, finish the run and log it.
 *
 * <p>A delivery is rejected as a whole when its source rejected it ({@link Completion#rejectedWhole}), when it has
 * rejected records under {@code zoning.sync.on-invalid=reject-run}, or (where the source asks for it) when none of
 * its records is valid. Errors are not caught here: the caller fails the run, since it also fails it for errors of
 * its own (reading, mapping).
 */
@Component
public class DeliveryRuns {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRuns.class);

    private final ChangeApplier applier;
    private final SyncRuns runs;
    private final SyncProperties properties;
    private final TransactionTemplate tx;

    public DeliveryRuns(ChangeApplier applier, SyncRuns runs, SyncProperties properties, TransactionTemplate tx) {
        this.applier = applier;
        this.runs = runs;
        this.properties = properties;
        this.tx = tx;
    }

    /**
     * How a run's delivery is to be completed.
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
     */
    public record Completion(
            UUID runId,
            String what,
            Delivery delivery,
            Map<String, String> payloads,
            String editionSource,
            ChangeApplier.Cursor cursor,
            String rejectedWhole,
            boolean rejectWhenNothingValid,
            String nothingChanged,
            Consumer<ChangePlan> inTransaction,
            String detail) {

        /** A delivery applied under the sync policy, with nothing else to write. */
        public static Completion of(
                UUID runId, String what, Delivery delivery, Map<String, String> payloads, String editionSource) {
            return new Completion(runId, what, delivery, payloads, editionSource, null, null, false, null, null, "");
        }

        public Completion withCursor(ChangeApplier.Cursor cursor) {
            return new Completion(
                    runId,
                    what,
                    delivery,
                    payloads,
                    editionSource,
                    cursor,
                    rejectedWhole,
                    rejectWhenNothingValid,
                    nothingChanged,
                    inTransaction,
                    detail);
        }

        public Completion rejecting(String rejectedWhole, boolean rejectWhenNothingValid) {
            return new Completion(
                    runId,
                    what,
                    delivery,
                    payloads,
                    editionSource,
                    cursor,
                    rejectedWhole,
                    rejectWhenNothingValid,
                    nothingChanged,
                    inTransaction,
                    detail);
        }

        public Completion unlessUnchanged(String nothingChanged, Consumer<ChangePlan> inTransaction) {
            return new Completion(
                    runId,
                    what,
                    delivery,
                    payloads,
                    editionSource,
                    cursor,
                    rejectedWhole,
                    rejectWhenNothingValid,
                    nothingChanged,
                    inTransaction,
                    detail);
        }

        public Completion logging(String detail) {
            return new Completion(
                    runId,
                    what,
                    delivery,
                    payloads,
                    editionSource,
                    cursor,
                    rejectedWhole,
                    rejectWhenNothingValid,
                    nothingChanged,
                    inTransaction,
                    detail);
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
        ChangePlan plan = tx.execute(status -> {
            ChangePlan p = applier.apply(c.delivery(), runId, rejectedRecords, c.editionSource(), c.cursor());
            if (!p.isEmpty() && c.inTransaction() != null) {
                c.inTransaction().accept(p);
            }
            return p;
        });
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
