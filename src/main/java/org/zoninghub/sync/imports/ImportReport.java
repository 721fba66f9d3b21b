package org.zoninghub.sync.imports;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.zoninghub.store.SyncRuns.Counts;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.Rejection;
import org.zoninghub.store.SyncRuns.SyncRun;

/**
 * The report of one file import: written as {@code {file}.report.json} beside a processed inbox file and returned by
 * {@code GET /api/v1/imports/{id}}. It is the import's sync run (trigger FILE) seen from the file.
 *
 * @param id the sync run of the import; null only when the run could not even be recorded (database unreachable)
 * @param file the file name as received
 * @param format {@code GeoJSON}, {@code Shapefile}, {@code XLSX}, {@code CSV}, {@code GeoPackage} or {@code unsupported}, by extension;
 *     {@code set} for a delivery of several files (an inbox folder {@code name/}, an upload of several files named
 *     {@code a.zip, b.xlsx})
 * @param outcome {@code RUNNING}, {@code SUCCEEDED} (applied; with {@code skip-invalid} the rejected records were
 *     left out), {@code REJECTED} (nothing applied because of the rejected records), {@code FAILED} (an error, in
 *     {@code error}) or {@code HELD} (it would retire too many units; nothing applied until an administrator confirms
 *     it)
 * @param counts units created, updated, retired, unchanged; records rejected (units, list rows or list items); and the
 *     rules created, updated, retired, unchanged
 * @param rejected every rejected record with its reason, one entry per defect
 * @param fieldMappings for each file read, which of its columns filled which field (field code → column as found,
 *     e.g. {@code "HJGKDYBM": "环境管控单元编码"}); empty until the files are read
 */
public record ImportReport(
        UUID id,
        String file,
        String format,
        Outcome outcome,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        Counts counts,
        List<Rejection> rejected,
        String error,
        Map<String, Map<String, String>> fieldMappings) {

    /** The report of a recorded run, without its field mappings. */
    public static ImportReport of(SyncRun run) {
        return of(run, Map.of());
    }

    /** The report of a recorded run. */
    public static ImportReport of(SyncRun run, Map<String, Map<String, String>> fieldMappings) {
        return new ImportReport(
                run.id(),
                run.source(),
                format(run.source()),
                run.outcome(),
                run.startedAt(),
                run.endedAt(),
                run.counts(),
                run.rejected(),
                run.error(),
                fieldMappings);
    }

    /** The report of an import that failed before its run could be recorded. */
    static ImportReport unrecorded(String file, String error) {
        OffsetDateTime now = OffsetDateTime.now();
        return new ImportReport(
                null, file, format(file), Outcome.FAILED, now, now, Counts.ZERO, List.of(), error, Map.of());
    }

    /** Whether the file was applied (inbox: {@code done/}) rather than rejected or failed ({@code failed/}). */
    public boolean applied() {
        return outcome == Outcome.SUCCEEDED;
    }

    static String format(String file) {
        String name = file.toLowerCase(Locale.ROOT);
        if (name.endsWith("/") || name.contains(", ")) {
            return "set";
        }
        if (name.endsWith(".geojson") || name.endsWith(".json")) {
            return "GeoJSON";
        }
        if (name.endsWith(".zip")) {
            return "Shapefile";
        }
        if (name.endsWith(".xlsx")) {
            return "XLSX";
        }
        if (name.endsWith(".csv")) {
            return "CSV";
        }
        if (name.endsWith(".gpkg")) {
            return "GeoPackage";
        }
        return "unsupported";
    }
}
