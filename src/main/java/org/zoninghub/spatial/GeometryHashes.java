package org.zoninghub.spatial;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

/**
 * A content hash of a geometry, so that a sync can tell "the same shape again" from "a changed shape" whatever the
 * source's serialisation.
 *
 * <p>The hash is SHA-256 (lower-case hex) of the 2D big-endian WKB of a normalised copy: every ordinate snapped to the
 * {@link Geographic#DECIMALS}-decimal grid (8 decimals, about 1 mm), then {@link Geometry#norm()} (rings start at
 * their smallest vertex with a fixed orientation, parts and holes in a fixed order). So re-ordering the polygons of a
 * MultiPolygon, starting a ring at another vertex, reversing a ring, printing 125.1 as 125.10000000000001, or a round
 * trip through the hub's own GeoJSON writer keep the hash; moving a vertex by more than half the grid (e.g. 1e-6°)
 * changes it. The SRID is not hashed. Repeated consecutive vertices are content and do change the hash.
 *
 * <p>The grid is the GeoJSON writer's rather than a finer one so that writing a geometry and reading it back cannot
 * change its hash.
 */
public final class GeometryHashes {

    private GeometryHashes() {}

    /** The SHA-256 hex of the normalised geometry. */
    public static String sha256(Geometry geometry) {
        Geometry normal = normalised(geometry);
        byte[] wkb = new WKBWriter(2, ByteOrderValues.BIG_ENDIAN, false).write(normal);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(wkb));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The normalised copy that is hashed: snapped to the grid, then {@link Geometry#norm() normalised}. */
    public static Geometry normalised(Geometry geometry) {
        Geometry copy = geometry.copy();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                seq.setOrdinate(i, 0, Geographic.snap(seq.getOrdinate(i, 0)));
                seq.setOrdinate(i, 1, Geographic.snap(seq.getOrdinate(i, 1)));
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        copy.geometryChanged();
        copy.normalize();
        return copy;
    }
}
