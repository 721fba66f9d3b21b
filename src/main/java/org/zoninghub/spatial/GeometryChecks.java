package org.zoninghub.spatial;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Decides whether a geometry may be stored, and says why not. Nothing is repaired: a defect is reported and the
 * caller rejects the record (or offers an explicit, reported repair).
 *
 * <p>Checks, in order: emptiness; type (for units); coordinates out of lon/lat range without a declared CRS
 * ({@link GeometryDefect.Kind#PROJECTED_COORDINATES}, after which the envelope test is skipped as it would only
 * repeat the problem); OGC validity with the JTS reason and location; the envelope. Only the first validity error is
 * reported, as JTS finds it.
 */
public final class GeometryChecks {

    private final Envelope envelope;
    private final String envelopeName;

    /**
     * @param envelope lon/lat envelope geometries must lie in (e.g. the jurisdiction's padded bbox)
     * @param envelopeName how to name the envelope in messages, e.g. {@code 辽源市 (220400)}
     */
    public GeometryChecks(Envelope envelope, String envelopeName) {
        this.envelope = new Envelope(Objects.requireNonNull(envelope, "envelope"));
        this.envelopeName = Objects.requireNonNull(envelopeName, "envelopeName");
    }

    /**
     * The defects of a control unit's geometry: as {@link #check} and it must be a Polygon or MultiPolygon.
     *
     * @param crsDeclared whether the source declared its CRS (a {@code .prj}, a {@code crs} member); when it did,
     *     out-of-range coordinates are reported as outside the envelope rather than as undeclared projected ones
     */
    public List<GeometryDefect> checkUnit(Geometry geometry, boolean crsDeclared) {
        return check(geometry, crsDeclared, true);
    }

    /** The defects of any geometry (e.g. a compliance-check footprint); empty when it may be used. */
    public List<GeometryDefect> check(Geometry geometry, boolean crsDeclared) {
        return check(geometry, crsDeclared, false);
    }

    /**
     * The defects of a GeoJSON geometry: an unreadable or unclosed-ring input gives one {@code MALFORMED} or
     * {@code UNCLOSED_RING} defect naming its JSON path, otherwise the geometry's defects.
     */
    public List<GeometryDefect> checkGeoJson(JsonNode geometry, boolean crsDeclared, boolean unit) {
        Geometry g;
        try {
            g = GeoJsonGeometries.read(geometry);
        } catch (GeoJsonException e) {
            GeometryDefect.Kind kind = e.kind() == GeoJsonException.Kind.UNCLOSED_RING
                    ? GeometryDefect.Kind.UNCLOSED_RING
                    : GeometryDefect.Kind.MALFORMED;
            return List.of(new GeometryDefect(kind, e.getMessage(), null));
        }
        return check(g, crsDeclared, unit);
    }

    private List<GeometryDefect> check(Geometry g, boolean crsDeclared, boolean unit) {
        if (g == null || g.isEmpty()) {
            return List.of(new GeometryDefect(GeometryDefect.Kind.EMPTY, "geometry is missing or empty", null));
        }
        List<GeometryDefect> defects = new ArrayList<>();
        if (unit && !(g instanceof Polygon || g instanceof MultiPolygon)) {
            defects.add(new GeometryDefect(
                    GeometryDefect.Kind.WRONG_TYPE,
                    "a control unit must be a Polygon or MultiPolygon, got " + g.getGeometryType(),
                    null));
        }
        Coordinate outOfRange = firstMatching(g, c -> Math.abs(c.x) > 180 || Math.abs(c.y) > 90);
        boolean projected = outOfRange != null && !crsDeclared;
        if (projected) {
            defects.add(new GeometryDefect(
                    GeometryDefect.Kind.PROJECTED_COORDINATES,
                    "coordinates look projected: " + Geographic.format(outOfRange.x, outOfRange.y)
                            + " is not a longitude/latitude and no CRS was declared; send EPSG:4490 longitude/latitude"
                            + " or declare the CRS (e.g. a .prj for CGCS2000 3-degree Gauss–Krüger zone 42, EPSG:4530)",
                    outOfRange));
        }
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            GeometryDefect.Kind kind = error.getErrorType() == TopologyValidationError.RING_NOT_CLOSED
                    ? GeometryDefect.Kind.UNCLOSED_RING
                    : GeometryDefect.Kind.INVALID;
            defects.add(new GeometryDefect(
                    kind, error.getMessage() + (at == null ? "" : " at " + Geographic.format(at.x, at.y)), at));
        }
        if (!projected && !envelope.covers(g.getEnvelopeInternal())) {
            Coordinate outside = firstMatching(g, c -> !envelope.covers(c));
            defects.add(new GeometryDefect(
                    GeometryDefect.Kind.OUTSIDE_ENVELOPE,
                    "extent " + describe(g.getEnvelopeInternal()) + " is not inside the envelope of " + envelopeName
                            + " " + describe(envelope) + "; first coordinate outside: "
                            + Geographic.format(outside.x, outside.y),
                    outside));
        }
        return List.copyOf(defects);
    }

    private static Coordinate firstMatching(Geometry g, Predicate<Coordinate> test) {
        for (Coordinate c : g.getCoordinates()) {
            if (test.test(c)) {
                return c;
            }
        }
        return null;
    }

    private static String describe(Envelope e) {
        return "[" + Geographic.decimal(e.getMinX()).toPlainString() + "–"
                + Geographic.decimal(e.getMaxX()).toPlainString() + "°E, "
                + Geographic.decimal(e.getMinY()).toPlainString() + "–"
                + Geographic.decimal(e.getMaxY()).toPlainString() + "°N]";
    }
}
