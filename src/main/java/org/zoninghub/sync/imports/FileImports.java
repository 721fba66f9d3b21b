package org.zoninghub.sync.imports;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.zoninghub.store.EditionStore;
import org.zoninghub.store.SyncLock;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Counts;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.store.UnitVersions;
import org.zoninghub.sync.DeliveryRuns;
import org.zoninghub.sync.ProvincialMapper;
import org.zoninghub.sync.files.FileImport;
import org.zoninghub.sync.files.FileReaders;
import org.zoninghub.zoning.Jurisdiction;

/**
 * Imports inbound files (docs/files.md): reads a file, validates its records like a provincial delivery, and applies it
 * through the same planner and applier, recording a sync run with trigger FILE and the file name as its source.
 *
 * <p>The policy is the provincial one ({@code zoning.sync.on-invalid}): with {@code reject-run} a file with any
 * rejected record applies nothing; with {@code skip-invalid} the valid records are applied. Rejected records go to the
 * quarantine with their reason and the record as read. A defect of the file as a whole (unreadable, unknown columns,
 * no records) rejects it under either policy. A file is never a full delivery: units it does not list are kept.
 *
 * <p>Imports run one at a time, whichever way the file came (inbox or upload).
 */
@Component
public class FileImports {

    private static final Logger log = LoggerFactory.getLogger(FileImports.class);

    /** An uploaded file whose import has begun. */
    public record Upload(UUID runId, String file, byte[] content) {}

    private final FileDeliveries deliveries;
    private final DeliveryRuns deliveryRuns;
    private final SyncRuns runs;
    private final UnitVersions units;
    private final EditionStore editions;
    private final ImportProperties properties;
    private final ImportQueue queue;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);

    private final SyncLock lock;

    public FileImports(
            ProvincialMapper mapper,
            Jurisdiction jurisdiction,
            DeliveryRuns deliveryRuns,
            SyncRuns runs,
            UnitVersions units,
            EditionStore editions,
            ImportProperties properties,
            ImportQueue queue,
            SyncLock lock) {
        this.lock = lock;
        this.deliveries = new FileDeliveries(mapper, jurisdiction);
        this.deliveryRuns = deliveryRuns;
        this.runs = runs;
        this.units = units;
        this.editions = editions;
        this.properties = properties;
        this.queue = queue;
    }

    /** Records the import of a file as a RUNNING sync run. */
    public SyncRun begin(String file) {
        return runs.start(Trigger.FILE, file);
    }

    /** Begins the import of an uploaded file and queues it; the report is RUNNING until the import has executed. */
    public ImportReport upload(String file, byte[] content) {
        SyncRun run = begin(file);
        try {
            queue.submit(new Upload(run.id(), file, content));
        } catch (RuntimeException e) {
            runs.finish(
                    run.id(), Outcome.FAILED, Counts.ZERO, "could not queue the import: " + e.getMessage(), List.of());
        }
        return report(run.id()).orElseThrow();
    }

    /** Executes a queued upload. Never throws. */
    public ImportReport execute(Upload upload) {
        return execute(upload.runId(), upload.file(), upload.content());
    }

    /**
     * Executes a begun import: reads, validates and applies the file in one transaction, or rejects it. Never throws:
     * an error finishes the run as FAILED.
     */
    public ImportReport execute(UUID runId, String file, byte[] content) {
        oneAtATime.lock();
        try {
            FileReaders readers = new FileReaders(
                    defaultEdition(), OffsetDateTime.now(), properties.dbfEncoding(), properties.csvEncoding());
            FileImport read = readers.read(file, content);
            // the same lock as provincial pulls and local updates: an import never interleaves with them
            try (SyncLock.Lease lease = awaitLock(file)) {
                FileDeliveries.Mapped mapped = deliveries.map(read, units::latest);
                finish(runId, file, mapped);
            }
        } catch (RuntimeException e) {
            log.warn("file import {} of {} failed: {}", runId, file, e.getMessage());
            runs.finish(runId, Outcome.FAILED, Counts.ZERO, e.getMessage(), List.of());
        } finally {
            oneAtATime.unlock();
        }
        return report(runId).orElseThrow();
    }

    /** Waits (up to {@code zoning.sync.files.lock-wait}) for the sync lock another instance or run holds. */
    private SyncLock.Lease awaitLock(String file) {
        long deadline = System.nanoTime() + properties.lockWait().toNanos();
        while (true) {
            Optional<SyncLock.Lease> lease = lock.tryAcquire();
            if (lease.isPresent()) {
                return lease.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "a provincial sync or another import held the sync lock for longer than "
                                + properties.lockWait() + "; import " + file + " again");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the sync lock", e);
            }
        }
    }

    /** The report of an import, if {@code id} is the run of one. */
    public Optional<ImportReport> report(UUID id) {
        return runs.find(id).filter(r -> r.trigger() == Trigger.FILE).map(ImportReport::of);
    }

    /**
     * The edition recorded for table rows without a 版本号 column: the edition in force. A table without 更新时间
     * takes effect when it is imported.
     */
    private String defaultEdition() {
        return editions.asOf(OffsetDateTime.now())
                .map(EditionStore.Edition::code)
                .orElse(null);
    }

    private void finish(UUID runId, String file, FileDeliveries.Mapped mapped) {
        deliveryRuns.complete(DeliveryRuns.Completion.of(
                        runId, "file import " + runId + " of " + file, mapped.delivery(), mapped.payloads(), "PROVINCE")
                .rejecting(mapped.fileRejected() ? "the file cannot be imported as a whole" : null, true));
    }
}
