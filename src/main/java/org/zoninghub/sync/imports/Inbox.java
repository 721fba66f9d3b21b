package org.zoninghub.sync.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Counts;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;

/**
 * The inbox directory (docs/files.md, {@code zoning.sync.inbox}): a file the inbox route hands over is imported, then
 * moved to {@code done/} (applied) or {@code failed/} (rejected or failed) with its report {@code {file}.report.json}
 * beside it. The report is written first, so a file in {@code done/} or {@code failed/} always has one; a file of
 * the same name processed earlier is replaced together with its report (its run stays in the sync runs). A
 * sub-folder is one delivery of several files ({@link #processFolders}).
 */
@Component
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    /** Sub-folder of the inbox for files that were applied. */
    public static final String DONE = "done";

    /** Sub-folder of the inbox for files that were rejected or failed. */
    public static final String FAILED = "failed";

    /** What is appended to a file's name to name its report. */
    public static final String REPORT_SUFFIX = ".report.json";

    /** The marker file that says a delivery sub-folder of the inbox is complete. */
    public static final String READY = "READY";

    /** How long a delivery sub-folder without {@value #READY} must stay unchanged before it is taken. */
    static final Duration QUIET = Duration.ofSeconds(60);

    private final FileImports imports;
    private final SyncRuns runs;
    private final ObjectMapper json;

    private final String inbox;

    public Inbox(FileImports imports, SyncRuns runs, ObjectMapper json, org.zoninghub.sync.SyncProperties sync) {
        this.inbox = sync.inbox();
        this.imports = imports;
        this.runs = runs;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * Imports one file of the inbox and files it with its report.
     *
     * @param path the file's path in the inbox
     * @return the report written beside it
     * @throws UncheckedIOException when the report or the file cannot be written or moved
     */
    public ImportReport process(String path) {
        Path file = Path.of(path).toAbsolutePath();
        String name = file.getFileName().toString();
        ImportReport report = importFile(file, name);
        Path folder = file.resolveSibling(report.applied() ? DONE : FAILED);
        try {
            Files.createDirectories(folder);
            Path reportFile = folder.resolve(name + REPORT_SUFFIX);
            Path partial = folder.resolve(name + REPORT_SUFFIX + ".part");
            Files.write(partial, json.writeValueAsBytes(report));
            move(partial, reportFile);
            move(file, folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("could not file " + name + " in " + folder + ": " + e.getMessage(), e);
        }
        log.info("inbox file {} imported ({}), moved to {}/", name, report.outcome(), folder.getFileName());
        return report;
    }

    private ImportReport importFile(Path file, String name) {
        SyncRun run;
        try {
            run = imports.begin(name);
        } catch (RuntimeException e) {
            return ImportReport.unrecorded(name, "the import could not be recorded: " + e.getMessage());
        }
        byte[] content;
        try {
            content = imports.readBounded(file);
        } catch (IOException e) {
            String error = e instanceof FileImports.TooLargeException
                    ? e.getMessage()
                    : "the file cannot be read: " + e.getMessage();
            runs.finish(run.id(), Outcome.FAILED, Counts.ZERO, error, List.of());
            return imports.report(run.id()).orElseThrow();
        }
        return imports.execute(run.id(), name, content);
    }

    /**
     * Imports the delivery sub-folders of an inbox that are complete: holding a {@value #READY} file, or unchanged
     * (no file in it modified) for the inbox's read-lock time, 60 s. Each is one delivery, its files joined by unit
     * code and applied as one run; the folder moves whole to {@code done/} or {@code failed/} beside its report
     * {@code {folder}.report.json}. Hidden folders, {@code done/} and {@code failed/} are not deliveries.
     *
     * @return the reports of the folders imported
     */
    public List<ImportReport> processFolders() {
        Path root = Path.of(inbox).toAbsolutePath();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> ready;
        try (java.util.stream.Stream<Path> listed = Files.list(root)) {
            ready = listed.filter(Files::isDirectory)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return !n.startsWith(".") && !n.equals(DONE) && !n.equals(FAILED);
                    })
                    .filter(Inbox::complete)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            log.warn("the inbox {} cannot be listed: {}", root, e.getMessage());
            return List.of();
        }
        List<ImportReport> reports = new java.util.ArrayList<>();
        for (Path folder : ready) {
            reports.add(processFolder(folder));
        }
        return reports;
    }

    private static boolean complete(Path folder) {
        if (Files.isRegularFile(folder.resolve(READY))) {
            return true;
        }
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            java.time.Instant newest = Files.getLastModifiedTime(folder).toInstant();
            for (Path f : files.limit(100_000).toList()) {
                java.time.Instant t = Files.getLastModifiedTime(f).toInstant();
                if (t.isAfter(newest)) {
                    newest = t;
                }
            }
            return newest.plus(QUIET).isBefore(java.time.Instant.now());
        } catch (IOException e) {
            return false;
        }
    }

    private ImportReport processFolder(Path folder) {
        String name = folder.getFileName().toString() + "/";
        ImportReport report = null;
        SyncRun run = null;
        try {
            run = imports.begin(name);
        } catch (RuntimeException e) {
            report = ImportReport.unrecorded(name, "the import could not be recorded: " + e.getMessage());
        }
        if (run != null) {
            List<org.zoninghub.sync.files.FileReaders.Part> parts;
            try {
                parts = imports.readFolder(folder);
                report = imports.execute(run.id(), name, parts);
            } catch (IOException e) {
                String error = e instanceof FileImports.TooLargeException
                        ? e.getMessage()
                        : "the folder cannot be read: " + e.getMessage();
                runs.finish(run.id(), Outcome.FAILED, Counts.ZERO, error, List.of());
                report = imports.report(run.id()).orElseThrow();
            }
        }
        String leaf = folder.getFileName().toString();
        Path target = folder.resolveSibling(report.applied() ? DONE : FAILED);
        try {
            Files.createDirectories(target);
            Path reportFile = target.resolve(leaf + REPORT_SUFFIX);
            Path partial = target.resolve(leaf + REPORT_SUFFIX + ".part");
            Files.write(partial, json.writeValueAsBytes(report));
            move(partial, reportFile);
            Path moved = target.resolve(leaf);
            if (Files.exists(moved)) {
                deleteTree(moved);
            }
            move(folder, moved);
        } catch (IOException e) {
            throw new UncheckedIOException("could not file " + leaf + " in " + target + ": " + e.getMessage(), e);
        }
        log.info("inbox folder {} imported ({}), moved to {}/", leaf, report.outcome(), target.getFileName());
        return report;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
