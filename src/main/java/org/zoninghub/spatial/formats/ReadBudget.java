package org.zoninghub.spatial.formats;

import java.util.Objects;

/**
 * What reading one inbound file may cost, and what it has cost so far: decompressed bytes, archive entries, records,
 * vertices and nesting depth, and the length of one value. Readers charge the budget before they build objects (from headers where a format has
 * them), so a file that would exceed it is refused with {@link Exceeded}, naming the limit, before it takes the
 * memory or the time. Plain Java; one budget per file, or per delivery of several files; not thread-safe.
 */
public final class ReadBudget {

    /**
     * The limits of one file's budget.
     *
     * @param maxBytes decompressed bytes in total (every archive entry read, or the file itself)
     * @param maxEntries entries of an archive (a zip, an XLSX workbook)
     * @param maxRecords records (features, rows, shapes, DBF records) of the file
     * @param maxVertices coordinates of all geometries of the file
     * @param maxDepth nesting depth of a structured text (JSON, WKT)
     */
    public record Limits(long maxBytes, int maxEntries, int maxRecords, long maxVertices, int maxDepth) {

        /** Limits that fit a city's zoning many times over on a laptop's heap. */
        public static final Limits DEFAULT = new Limits(256L * 1024 * 1024, 200, 100_000, 5_000_000L, 64);

        public Limits {
            if (maxBytes < 1 || maxEntries < 1 || maxRecords < 1 || maxVertices < 1 || maxDepth < 1) {
                throw new IllegalArgumentException("every limit of a read budget must be at least 1");
            }
        }
    }

    /** What is charged, as a reason names it. */
    public enum Measure {
        BYTES("decompressed bytes"),
        ENTRIES("archive entries"),
        RECORDS("records"),
        VERTICES("vertices"),
        DEPTH("nesting depth"),
        VALUE_BYTES("bytes of one value");

        private final String label;

        Measure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A file that would exceed its budget; the message names the measure, the limit and what asked for more. */
    public static final class Exceeded extends RuntimeException {

        private final Measure measure;

        Exceeded(Measure measure, long limit, String what) {
            super("exceeds the import budget of " + limit + " " + measure.label() + ": " + what);
            this.measure = measure;
        }

        public Measure measure() {
            return measure;
        }
    }

    private final Limits limits;
    private long bytes;
    private int entries;
    private long records;
    private long vertices;

    public ReadBudget(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A budget with the {@link Limits#DEFAULT default limits}. */
    public static ReadBudget standard() {
        return new ReadBudget(Limits.DEFAULT);
    }

    public Limits limits() {
        return limits;
    }

    /** Charges decompressed bytes; {@code what} names where they come from. */
    public void bytes(long n, String what) {
        bytes = charge(Measure.BYTES, bytes, n, limits.maxBytes(), what);
    }

    /** Charges one archive entry. */
    public void entry(String what) {
        entries = (int) charge(Measure.ENTRIES, entries, 1, limits.maxEntries(), what);
    }

    /** Charges records, before they are built: a count from a header is charged whole. */
    public void records(long n, String what) {
        records = charge(Measure.RECORDS, records, n, limits.maxRecords(), what);
    }

    /** Charges coordinates, before they are built. */
    public void vertices(long n, String what) {
        vertices = charge(Measure.VERTICES, vertices, n, limits.maxVertices(), what);
    }

    /** Refuses a nesting deeper than the limit. */
    public void depth(int depth, String what) {
        if (depth > limits.maxDepth()) {
            throw new Exceeded(Measure.DEPTH, limits.maxDepth(), what + " nests " + depth + " levels deep");
        }
    }

    /**
     * Refuses one value (a text, a geometry blob) longer than {@code limit} bytes, before it is read; {@code what}
     * names where it is. The limit is the reader's, not a limit of the file's budget.
     */
    public void value(long n, long limit, String what) {
        if (n > limit) {
            throw new Exceeded(Measure.VALUE_BYTES, limit, what + " holds " + n + " bytes");
        }
    }

    /** The bytes left to read, for a reader that must not read past them. */
    public long bytesLeft() {
        return limits.maxBytes() - bytes;
    }

    private static long charge(Measure measure, long used, long n, long limit, String what) {
        if (n < 0 || used + n > limit || used + n < used) {
            throw new Exceeded(
                    measure, limit, what + " needs " + (n < 0 ? "an impossible " + n : "at least " + (used + n)));
        }
        return used + n;
    }
}
