package org.zoninghub.publish;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoninghub.spatial.GaussKruger;
import org.zoninghub.spatial.Geographic;
import org.zoninghub.spatial.GeometryHashes;
import org.zoninghub.store.Announcements;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.ChangeKind;
import org.zoninghub.zoning.UnitStatus;

/**
 * Commits unit changes to the outbox the way the applier does ({@link Announcements} inside a transaction): key
 * {@code i % keys} for the i-th change, each key's first change a creation and the rest updates with growing
 * versions. The units are key-control units of 龙山区 on small squares inside the Liaoyuan envelope, so every event
 * validates against its schema.
 */
public final class UnitChangeFixture {

    private static final GeometryFactory GEOMETRIES = new GeometryFactory(new PrecisionModel(), Geographic.SRID);

    private final Announcements announcements;
    private final TransactionTemplate tx;
    private final int keys;
    private final int vertices;
    private final int[] versions;
    private int committed;

    /** Units on small squares (events of about 1 KB). */
    public UnitChangeFixture(Announcements announcements, TransactionTemplate tx, int keys) {
        this(announcements, tx, keys, 4);
    }

    /**
     * Units of about {@code vertices} vertices each (4: a square; the Liaoyuan units' median is about 250 vertices,
     * an event of about 11 KB).
     */
    public UnitChangeFixture(Announcements announcements, TransactionTemplate tx, int keys, int vertices) {
        this.announcements = announcements;
        this.tx = tx;
        this.keys = keys;
        this.vertices = vertices;
        this.versions = new int[keys];
    }

    /** The code of key {@code k}: {@code ZH2204022} followed by 4 digits. */
    public static String code(int k) {
        return String.format(Locale.ROOT, "ZH2204022%04d", k + 1);
    }

    /** Commits the next {@code count} changes in one transaction. */
    public void commit(int count) {
        tx.executeWithoutResult(status -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < count; i++) {
                int k = committed % keys;
                int version = ++versions[k];
                StoredUnit unit = unit(code(k), version, geometry(k, version), now);
                announcements.unitChanged(
                        version == 1 ? ChangeKind.CREATED : ChangeKind.UPDATED,
                        unit,
                        null,
                        version == 1 ? List.of() : List.of("name"),
                        now);
                committed++;
            }
        });
    }

    /** Changes committed so far. */
    public int committed() {
        return committed;
    }

    /** One version of a unit with the given geometry. */
    public static StoredUnit unit(String code, int version, Geometry geometry, OffsetDateTime validFrom) {
        return new StoredUnit(
                code,
                version,
                "2025",
                "龙山区重点管控单元" + code.substring(code.length() - 4) + "（第" + version + "版）",
                Category.KEY_CONTROL,
                "220402",
                List.of(Basin.LIAOHE),
                UnitStatus.ACTIVE,
                geometry,
                GaussKruger.areaM2(geometry),
                GeometryHashes.sha256(geometry),
                validFrom,
                null,
                validFrom);
    }

    /** Key k's polygon (a cell of a grid inside the Liaoyuan envelope), a little different for every version. */
    private Geometry geometry(int k, int version) {
        double x = 125.10 + (k % 20) * 0.02;
        double y = 42.70 + ((k / 20) % 20) * 0.02 + version * 1e-6;
        return polygon(x + 0.005, y + 0.005, 0.005, vertices);
    }

    /** A valid polygon of {@code vertices} distinct vertices: a circle of about 5 km radius around 125.3 E, 42.9 N. */
    public static Geometry circle(int vertices) {
        return polygon(125.30, 42.90, 0.045, vertices);
    }

    /** A regular polygon (a square for 4 vertices) of the given radius in degrees of latitude. */
    private static Geometry polygon(double cx, double cy, double radius, int vertices) {
        List<Coordinate> ring = new ArrayList<>(vertices + 1);
        for (int i = 0; i < vertices; i++) {
            double a = 2 * Math.PI * i / vertices + Math.PI / 4;
            ring.add(new Coordinate(cx + radius * 1.35 * Math.cos(a), cy + radius * Math.sin(a)));
        }
        ring.add(ring.get(0));
        return GEOMETRIES.createPolygon(ring.toArray(Coordinate[]::new));
    }
}
