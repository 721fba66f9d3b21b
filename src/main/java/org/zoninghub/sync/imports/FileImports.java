package org.zoninghub.sync.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.zoninghub.store.EditionStore;
import org.zoninghub.store.RuleVersions;
import org.zoninghub.store.SyncLock;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Counts;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.store.UnitVersions;
import org.zoninghub.sync.DeliveryRuns;
import org.zoninghub.sync.ProvincialMapper;
import org.zoninghub.sync.SyncProperties;
import org.zoninghub.sync.files.FieldNames;
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
 * <p>A delivery may be a set of files (a zip with list files, several uploaded files, an inbox folder): they are read
 * within one budget, joined by unit code and applied as one run ({@link FileDeliveries}); which column filled which
 * field is recorded with the run. A unit without lists keeps the lists stored for it (boundaries alone).
 *
 * <p>Imports run one at a time, whichever way the file came (inbox or upload).
 */
@Component
public class FileImports {

    private static final Logger log = LoggerFactory.getLogger(FileImports.class);

    /** An uploaded file whose import has begun; its content waits on disk, under the inbox's {@value #UPLOADS}. */
    public record Upload(UUID runId, String file, Path path) {}

    /** Where an upload's content is written, to the disk rather than the heap, until its import has executed. */
    @FunctionalInterface
    public interface UploadContent {
        void writeTo(Path target) throws IOException;
    }

    /** The hidden sub-folder of the inbox holding uploads whose import has not finished (one file per run id). */
    public static final String UPLOADS = ".uploads";

    static final String STOPPED = "the hub stopped before this import finished; import the file again";

    private final FileDeliveries deliveries;
    private final DeliveryRuns deliveryRuns;
    private final SyncRuns runs;
    private final UnitVersions units;
    private final RuleVersions rules;
    private final EditionStore editions;
    private final FieldNames fieldNames;
    private final ImportProperties properties;
    private final ImportQueue queue;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);
    private final AtomicInteger pending = new AtomicInteger();
    private final Path uploads;
    private final OffsetDateTime createdAt = OffsetDateTime.now();
    /** This instance as the owner of the imports it runs: its host and its inbox. */
    private final String owner;

    private final SyncLock lock;

    public FileImports(
            ProvincialMapper mapper,
            Jurisdiction jurisdiction,
            DeliveryRuns deliveryRuns,
            SyncRuns runs,
            UnitVersions units,
            RuleVersions rules,
            EditionStore editions,
            ImportProperties properties,
            ImportQueue queue,
            SyncLock lock,
            SyncProperties sync) {
        this.lock = lock;
        this.uploads = Path.of(sync.inbox()).resolve(UPLOADS);
        this.owner = hostName() + ":" + Path.of(sync.inbox()).toAbsolutePath().normalize();
        this.deliveries = new FileDeliveries(mapper, jurisdiction);
        this.deliveryRuns = deliveryRuns;
        this.runs = runs;
        this.units = units;
        this.rules = rules;
        this.editions = editions;
        this.properties = properties;
        this.fieldNames = properties.names();
        this.queue = queue;
    }

    /** Records the import of a file as a RUNNING sync run. */
    public SyncRun begin(String file) {
        return runs.startImport(file, owner);
    }

    /**
     * Begins the import of an uploaded file: writes its content under the inbox's {@value #UPLOADS} folder and queues
     * it; the report is RUNNING until the import has executed. An upload that is queued when the hub stops is
     * resumed at the next start ({@link #resumeUploads}).
     *
     * @throws ImportQueueFullException when {@code zoning.sync.files.upload-queue} uploads already wait; nothing is
     *     recorded
     */
    public ImportReport upload(String file, UploadContent content) {
        if (pending.incrementAndGet() > properties.uploadQueue()) {
            pending.decrementAndGet();
            throw new ImportQueueFullException(properties.uploadQueue());
        }
        SyncRun run;
        try {
            run = begin(file);
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            throw e;
        }
        Path path = uploads.resolve(run.id().toString());
        try {
            Files.createDirectories(uploads);
            content.writeTo(path);
            queue.submit(new Upload(run.id(), file, path));
        } catch (IOException | RuntimeException e) {
            pending.decrementAndGet();
            deleteQuietly(path);
            log.warn("upload {} of {} could not be queued: {}", run.id(), file, e.getMessage());
            runs.finish(
                    run.id(),
                    Outcome.FAILED,
                    Counts.ZERO,
                    "the upload could not be stored for its import; send it again",
                    List.of());
        }
        return report(run.id()).orElseThrow();
    }

    /** One file of an upload of several: its name and where its content is written. */
    public record NamedContent(String name, UploadContent content) {}

    /**
     * Begins the import of several uploaded files as ONE delivery: writes them into the folder
     * {@code .uploads/{run id}/} and queues it, like {@link #upload(String, UploadContent)}.
     *
     * @param name the delivery's name, e.g. the files' names joined
     * @throws IllegalArgumentException when the files are more than {@code zoning.sync.files.max-files}
     */
    public ImportReport upload(String name, List<NamedContent> files) {
        if (files.size() > properties.maxFiles()) {
            throw new IllegalArgumentException(tooManyFiles(files.size()));
        }
        if (files.size() == 1) {
            return upload(files.get(0).name(), files.get(0).content());
        }
        return upload(name, target -> {
            Files.createDirectories(target);
            for (NamedContent f : files) {
                Path file = target.resolve(f.name()).normalize();
                if (!file.getParent().equals(target) || Files.exists(file)) {
                    throw new IOException("the file name " + f.name() + " is not usable or given twice");
                }
                f.content().writeTo(file);
            }
        });
    }

    /** The files one delivery may hold ({@code zoning.sync.files.max-files}). */
    public int maxFiles() {
        return properties.maxFiles();
    }

    /** Why a delivery of {@code n} files is refused. */
    public String tooManyFiles(long n) {
        return "the delivery holds " + n + " files, more than zoning.sync.files.max-files (" + properties.maxFiles()
                + ")";
    }

    /** Executes a queued upload and removes its stored content. Never throws. */
    public ImportReport execute(Upload upload) {
        try {
            List<FileReaders.Part> parts;
            try {
                parts = Files.isDirectory(upload.path())
                        ? readFolder(upload.path())
                        : List.of(new FileReaders.Part(upload.file(), readBounded(upload.path())));
            } catch (IOException | RuntimeException e) {
                String error = e instanceof TooLargeException
                        ? e.getMessage()
                        : "the stored upload cannot be read; send it again";
                failQuietly(upload.runId(), error);
                return report(upload.runId()).orElseThrow();
            }
            return execute(upload.runId(), upload.file(), parts);
        } finally {
            pending.decrementAndGet();
            deleteQuietly(upload.path());
        }
    }

    /**
     * The files of a delivery folder (an inbox sub-folder, a stored upload of several files), sorted by name, without
     * the {@value Inbox#READY} marker, reports and hidden files; refused when they are more than
     * {@code zoning.sync.files.max-files} or hold more than {@code zoning.sync.files.max-bytes} together, before
     * any is read.
     */
    public List<FileReaders.Part> readFolder(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(Files::isRegularFile)
                    .filter(p -> isDeliveryFile(p.getFileName().toString()))
                    .limit(properties.maxFiles() + 1L)
                    .sorted()
                    .toList();
        }
        if (files.size() > properties.maxFiles()) {
            long n;
            try (Stream<Path> listed = Files.list(folder)) {
                n = listed.filter(p -> isDeliveryFile(p.getFileName().toString()))
                        .count();
            }
            throw new TooLargeException(tooManyFiles(n));
        }
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        long max = properties.maxBytes().toBytes();
        if (total > max) {
            throw new TooLargeException("the files hold " + total + " bytes together, more than"
                    + " zoning.sync.files.max-bytes (" + properties.maxBytes() + ")");
        }
        List<FileReaders.Part> parts = new java.util.ArrayList<>();
        for (Path f : files) {
            parts.add(new FileReaders.Part(f.getFileName().toString(), Files.readAllBytes(f)));
        }
        return parts;
    }

    private static boolean isDeliveryFile(String name) {
        return !name.startsWith(".") && !name.equals(Inbox.READY) && !name.endsWith(Inbox.REPORT_SUFFIX);
    }

    /**
     * At start-up: queues again the uploads a stopped hub left under {@value #UPLOADS} (their runs still RUNNING),
     * removes stored uploads whose run has ended, and fails the file imports started before {@code startedBefore}
     * and left RUNNING that are not resumed (an inbox file is then taken again from the inbox). Returns the number of
     * uploads resumed.
     */
    public int resumeUploads(OffsetDateTime startedBefore) {
        Set<UUID> resumed = new HashSet<>();
        if (Files.isDirectory(uploads)) {
            try (Stream<Path> stored = Files.list(uploads)) {
                for (Path path : stored.sorted().toList()) {
                    Optional<SyncRun> run = runId(path).flatMap(runs::find);
                    if (run.isPresent()
                            && run.get().outcome() == Outcome.RUNNING
                            && run.get().trigger() == Trigger.FILE) {
                        pending.incrementAndGet();
                        try {
                            queue.submit(new Upload(run.get().id(), run.get().source(), path));
                            resumed.add(run.get().id());
                        } catch (RuntimeException e) {
                            pending.decrementAndGet();
                            log.warn(
                                    "upload {} could not be queued again: {}",
                                    run.get().id(),
                                    e.getMessage());
                        }
                    } else if (run.isPresent()) {
                        deleteQuietly(path);
                    } else {
                        log.warn("{} is no upload of this hub's database; left alone", path);
                    }
                }
            } catch (IOException e) {
                log.warn("the stored uploads in {} cannot be listed: {}", uploads, e.getMessage());
            }
        }
        int failed = runs.failAbandonedImports(STOPPED, owner, startedBefore, resumed);
        if (!resumed.isEmpty() || failed > 0) {
            log.warn(
                    "{} upload(s) left by a stopped hub queued again; {} file import(s) left RUNNING marked FAILED",
                    resumed.size(),
                    failed);
        }
        return resumed.size();
    }

    /** Resumes the uploads a stopped hub left, and fails its other imports, once this hub is ready. */
    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        try {
            resumeUploads(createdAt);
        } catch (RuntimeException e) {
            log.warn("uploads left by a stopped hub could not be resumed: {}", e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private static Optional<UUID> runId(Path path) {
        try {
            return Optional.of(UUID.fromString(path.getFileName().toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Executes a begun import: reads, validates and applies the file in one transaction, or rejects it. Never throws:
     * any error, even one of the JVM (out of memory, stack overflow), finishes the run as FAILED, so that no import
     * stays RUNNING.
     */
    public ImportReport execute(UUID runId, String file, byte[] content) {
        return execute(runId, file, List.of(new FileReaders.Part(file, content)));
    }

    /**
     * Executes a begun import of the files of one delivery, joined by unit code and applied as one run, all or
     * nothing; otherwise as {@link #execute(UUID, String, byte[])}.
     *
     * @param file the delivery's name (an inbox folder, the uploaded files)
     */
    public ImportReport execute(UUID runId, String file, List<FileReaders.Part> parts) {
        oneAtATime.lock();
        try {
            FileReaders readers = new FileReaders(
                    defaultEdition(),
                    OffsetDateTime.now(),
                    properties.dbfEncoding(),
                    properties.csvEncoding(),
                    properties.limits(),
                    fieldNames);
            List<FileImport> files = readers.readSet(file, parts);
            Map<String, Map<String, String>> mappings = new LinkedHashMap<>();
            files.forEach(f -> mappings.put(f.file(), f.fieldMappings()));
            runs.recordFieldMappings(runId, mappings);
            FileImport read = FileImport.combined(file, files);
            // the same lock as provincial pulls and local updates: an import never interleaves with them
            try (SyncLock.Lease lease = awaitLock(file)) {
                FileDeliveries.Mapped mapped = deliveries.map(read, units::latest, FileDeliveries.storedTexts(rules));
                lease.verify();
                finish(runId, file, mapped);
            }
        } catch (RuntimeException e) {
            log.warn("file import {} of {} failed: {}", runId, file, e.getMessage());
            failQuietly(runId, e.getMessage());
        } catch (Error e) {
            log.error("file import {} of {} failed with {}", runId, file, e.toString());
            failQuietly(
                    runId,
                    "the import stopped with " + e.getClass().getSimpleName()
                            + "; the file is too large or too complex for this hub (see zoning.sync.files.max-*)");
        } finally {
            oneAtATime.unlock();
        }
        return report(runId).orElseThrow();
    }

    private void failQuietly(UUID runId, String error) {
        try {
            runs.finish(runId, Outcome.FAILED, Counts.ZERO, error, List.of());
        } catch (RuntimeException e) {
            log.error("file import {} could not be marked FAILED: {}", runId, e.getMessage());
        }
    }

    /** A file's bytes, refused when it is larger than the read budget's bytes (no file may decompress to less). */
    public byte[] readBounded(Path path) throws IOException {
        long size = Files.size(path);
        long max = properties.maxBytes().toBytes();
        if (size > max) {
            throw new TooLargeException("the file holds " + size + " bytes, more than zoning.sync.files.max-bytes ("
                    + properties.maxBytes() + ")");
        }
        return Files.readAllBytes(path);
    }

    /** A file larger than the read budget allows. */
    public static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> inside = Files.list(path)) {
                    for (Path p : inside.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("could not remove {}: {}", path, e.getMessage());
        }
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
        return runs.find(id)
                .filter(r -> r.trigger() == Trigger.FILE)
                .map(r -> ImportReport.of(r, runs.fieldMappings(r.id())));
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
                .rejecting(mapped.fileRejected() ? "the file cannot be imported as a whole" : null, true)
                .guardingRetirement());
    }
}
