package org.zoninghub.sync.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * the same name processed earlier is replaced together with its report (its run stays in the sync runs).
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

    private final FileImports imports;
    private final SyncRuns runs;
    private final ObjectMapper json;

    public Inbox(FileImports imports, SyncRuns runs, ObjectMapper json) {
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

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
