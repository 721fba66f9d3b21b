package org.zoninghub.spatial;

/**
 * A GeoJSON geometry that cannot be read. The message starts with the JSON path of the offending member, e.g.
 * {@code coordinates[0][3]: expected [lon, lat], got "125.1"}.
 */
public class GeoJsonException extends IllegalArgumentException {

    /** What kind of problem the input has. */
    public enum Kind {
        /** Not a GeoJSON geometry of a supported type, or a member of the wrong shape. */
        MALFORMED,
        /** A polygon ring whose last position differs from its first. */
        UNCLOSED_RING
    }

    private final Kind kind;
    private final String path;

    public GeoJsonException(Kind kind, String path, String problem) {
        super((path.isEmpty() ? "geometry" : path) + ": " + problem);
        this.kind = kind;
        this.path = path;
    }

    public Kind kind() {
        return kind;
    }

    /** JSON path of the offending member, e.g. {@code coordinates[0][3]}; empty for the geometry object itself. */
    public String path() {
        return path;
    }
}
