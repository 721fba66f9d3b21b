package org.zoninghub.spatial.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.prep.PreparedPolygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.noding.BasicSegmentString;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.zoninghub.spatial.GaussKruger;

/**
 * The control units of one instant in an STR-tree of prepared geometries, and what a footprint overlaps among them.
 * Immutable once built (the tree is built in the constructor and only queried afterwards), so that one instance is
 * read by any number of threads and replaced as a whole when the units change: a reader never sees half a change.
 *
 * <p>How the work is kept small, for a footprint against tens of thousands of units of hundreds of vertices each:
 *
 * <ol>
 *   <li>The STR-tree gives only the units whose envelope meets the footprint's envelope.
 *   <li>A unit that does not intersect the footprint (its prepared geometry answers from its segment index) is
 *       dropped.
 *   <li><b>A unit that covers the footprint</b> (prepared {@code covers}) overlaps it by the whole footprint: the
 *       overlap is the footprint's own area, length or point count, already measured. No intersection is computed.
 *   <li><b>A footprint that covers a unit</b> (tested only when the unit's envelope lies inside the footprint's, with
 *       the footprint prepared once per check) overlaps it by the whole unit: the overlap is the unit's area, which
 *       the store computed when it recorded the unit (or the unit projected on the footprint's zone when that zone
 *       differs from the unit's own). No intersection is computed.
 *   <li>Only the remaining units, those crossing the footprint's boundary, are intersected (JTS OverlayNG, which
 *       clips the unit to the footprint's envelope first), and the intersection alone is projected and measured.
 *       A polygon footprint that is convex (a square, a parcel, a fence line of up to 64 edges) needs no overlay:
 *       the area of the unit's part inside it is summed over its edges in one pass ({@link ConvexClip}), unless the
 *       unit touches it degenerately (a vertex on its boundary).
 * </ol>
 *
 * <p>Steps 2 and 3 cost little once a unit's prepared geometry has built its segment and point indexes, but building
 * them costs many passes over the unit's edges. In a national index most units are checked seldom, so a convex
 * footprint skips the steps for a unit's first {@value #CLIPS_BEFORE_PREPARED} checks: the clip alone tells whether the
 * unit lies apart, covers the footprint, lies inside it or crosses it, and measures the overlap, with the same answers
 * (the footprint's area, the unit's stored area, the area clipped). At its {@value #CLIPS_BEFORE_PREPARED}th check a
 * unit's indexes are built on a thread of their own ({@link #BACKGROUND}), and its checks go through the steps once
 * they are ready: no check waits for them. A unit a non-convex footprint meets builds them on that check.
 *
 * <p>Measures are those of the store: the intersection is computed in longitude/latitude, where stored edges are
 * straight, and projected onto the CGCS2000 3-degree Gauss–Krüger zone of the footprint's centroid
 * ({@link GaussKruger}); the footprint is measured on the same zone, so that ratios compare like with like.
 *
 * <p>Boundaries belong to every unit they bound: a point on the boundary shared by two units lies in both (each
 * unit's closed geometry covers it), and so does a line running along a shared boundary (its length counts in both).
 * A polygon footprint only touching a unit along its boundary overlaps it by nothing and is not reported there.
 *
 * @param <U> what the caller keeps with each unit (its code, name, rules …)
 */
public final class UnitIndex<U> {

    /**
     * One unit to index.
     *
     * @param unit the caller's data
     * @param geometry the unit's Polygon or MultiPolygon in EPSG:4490, valid
     * @param areaM2 its area on the Gauss–Krüger zone of its centroid, as the store recorded it
     */
    public record Entry<U>(U unit, Geometry geometry, double areaM2) {
        public Entry {
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(geometry, "geometry");
        }
    }

    /** How an overlap was found: which work was skipped. */
    public enum Method {
        /** The unit covers the footprint: overlap = footprint, no intersection. */
        UNIT_COVERS_FOOTPRINT,
        /** The footprint covers the unit: overlap = unit, no intersection. */
        FOOTPRINT_COVERS_UNIT,
        /** Neither: the intersection was computed and measured. */
        INTERSECTED
    }

    /**
     * What a footprint overlaps of one unit, measured on the footprint's zone.
     *
     * @param areaM2 overlap area (polygon footprints)
     * @param lengthM overlap length (line footprints)
     * @param points footprint points the unit covers (point footprints)
     * @param ratio the overlap's share of the footprint's measure, 0–1
     */
    public record Overlap<U>(U unit, double areaM2, double lengthM, int points, double ratio, Method method) {}

    /**
     * The answer for one footprint.
     *
     * @param overlaps the units overlapped, largest overlap first (then in the index's order)
     * @param outsideRatio share (0–1) of the footprint's measure that no unit covers: outside the units in force, that
     *     is outside the jurisdiction or in a gap of the plan. Computed as 1 − Σ overlaps / footprint (clamped to
     *     0–1), which is exact because a plan's units do not overlap each other (they partition the jurisdiction);
     *     for points, the share of points no unit covers
     */
    public record Result<U>(Footprint footprint, List<Overlap<U>> overlaps, double outsideRatio) {}

    private record Indexed<U>(
            int order,
            U unit,
            Geometry geometry,
            PreparedGeometry prepared,
            int zone,
            double areaM2,
            AtomicInteger clips) {

        /**
         * Whether this check should clip the unit rather than ask its prepared geometry: true until its prepared
         * indexes are built. The {@value #CLIPS_BEFORE_PREPARED}th such check hands the building to {@code builder};
         * checks clip on while it runs. A builder that refuses (its queue full) leaves it to a later check.
         */
        boolean clipFirst(Executor builder) {
            int n = clips.get();
            if (n == PREPARED) {
                return false;
            }
            if (n < CLIPS_BEFORE_PREPARED && clips.compareAndSet(n, n + 1) && n + 1 == CLIPS_BEFORE_PREPARED) {
                try {
                    builder.execute(this::prepare);
                } catch (RejectedExecutionException e) {
                    clips.set(CLIPS_BEFORE_PREPARED - 1);
                }
            }
            return true;
        }

        /**
         * Builds the prepared geometry's segment and point indexes, then lets checks use them. A unit whose indexes
         * fail to build goes on being clipped, which answers the same.
         */
        private void prepare() {
            try {
                if (prepared instanceof PreparedPolygon polygon) {
                    // one query of each builds its index (JTS builds them under a lock, so a check asking meanwhile
                    // waits for the same index rather than building another)
                    Coordinate vertex = geometry.getCoordinate();
                    Coordinate centre = geometry.getEnvelopeInternal().centre();
                    polygon.getPointLocator().locate(centre);
                    polygon.getIntersectionFinder()
                            .intersects(List.of(new BasicSegmentString(new Coordinate[] {vertex, centre}, null)));
                }
            } catch (RuntimeException e) {
                return;
            }
            clips.set(PREPARED);
        }
    }

    /** {@link Indexed#clips} once the unit's prepared indexes are built. */
    private static final int PREPARED = -1;

    /**
     * Builds prepared indexes of units checked often, one unit at a time on a daemon thread that ends after a minute
     * without work; at most 1,024 units wait, a unit refused is handed over again by a later check.
     */
    static final Executor BACKGROUND = background();

    private static Executor background() {
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(1024), task -> {
                    Thread thread = new Thread(task, "unit-index-prepare");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * How many convex footprints a unit is clipped against before its prepared geometry is asked instead: building a
     * prepared geometry's segment and point indexes costs many passes over its edges, and pays only for a unit
     * checked again and again.
     */
    static final int CLIPS_BEFORE_PREPARED = 8;

    private final STRtree tree;
    private final List<Indexed<U>> units;
    private final Executor builder;

    /**
     * Builds the index of the given units; the list's order is the tie-break order of results. Units checked often
     * have their prepared indexes built in the background ({@link #BACKGROUND}).
     */
    public UnitIndex(List<Entry<U>> entries) {
        this(entries, BACKGROUND);
    }

    /** As {@link #UnitIndex(List)}, with prepared indexes built by {@code builder}. */
    UnitIndex(List<Entry<U>> entries, Executor builder) {
        this.builder = Objects.requireNonNull(builder);
        STRtree t = new STRtree();
        List<Indexed<U>> all = new ArrayList<>(entries.size());
        int order = 0;
        for (Entry<U> e : entries) {
            Geometry g = e.geometry();
            if (g.isEmpty()) {
                continue;
            }
            // a PreparedGeometry builds its segment and point-in-polygon indexes lazily, on its first use
            Indexed<U> indexed = new Indexed<>(
                    order++,
                    e.unit(),
                    g,
                    PreparedGeometryFactory.prepare(g),
                    GaussKruger.zoneOf(g.getCentroid().getX()),
                    e.areaM2(),
                    new AtomicInteger());
            t.insert(g.getEnvelopeInternal(), indexed);
            all.add(indexed);
        }
        t.build();
        this.tree = t;
        this.units = List.copyOf(all);
    }

    /** How many units the index holds. */
    public int size() {
        return units.size();
    }

    /** How many units have their prepared indexes built by the builder. */
    int preparedUnits() {
        return (int) units.stream().filter(u -> u.clips().get() == PREPARED).count();
    }

    /** The units a footprint overlaps, with the measures of each overlap. */
    public Result<U> overlaps(Footprint footprint) {
        List<Overlap<U>> overlaps = switch (footprint.kind()) {
            case PUNTAL -> points(footprint);
            case LINEAL, AREAL -> extended(footprint);
        };
        double covered = 0;
        for (Overlap<U> o : overlaps) {
            covered += switch (footprint.kind()) {
                case AREAL -> o.areaM2();
                case LINEAL -> o.lengthM();
                case PUNTAL -> 0;
            };
        }
        double outside;
        if (footprint.kind() == Footprint.Kind.PUNTAL) {
            outside = outsidePoints(footprint) / (double) footprint.points();
        } else {
            double measure = footprint.measure();
            outside = measure == 0 ? 0 : clamp(1 - covered / measure);
        }
        return new Result<>(footprint, List.copyOf(overlaps), outside);
    }

    private List<Overlap<U>> extended(Footprint footprint) {
        Geometry fp = footprint.geometry();
        Envelope fpEnvelope = fp.getEnvelopeInternal();
        PreparedGeometry preparedFootprint = null;
        boolean areal = footprint.kind() == Footprint.Kind.AREAL;
        ConvexClip convex = areal ? ConvexClip.of(fp) : null;
        List<Overlap<U>> out = new ArrayList<>();
        for (Indexed<U> u : candidates(fpEnvelope)) {
            boolean clipped = false;
            if (convex != null && u.clipFirst(builder)) {
                // a unit seldom checked, against a convex footprint: one pass over its edges tells how the two lie
                // and measures the overlap, without building the prepared geometry's indexes
                ConvexClip.Clipped c = convex.clip(u.geometry(), footprint.zone());
                if (c != null) {
                    switch (c.contact()) {
                        case APART -> {}
                        case UNIT_COVERS_FOOTPRINT -> out.add(footprintCovered(u, footprint));
                        case FOOTPRINT_COVERS_UNIT -> out.add(unitCovered(u, footprint));
                        case CROSSING -> out.add(intersected(u, c.areaM2(), footprint));
                    }
                    continue;
                }
                clipped = true; // a degenerate contact: the steps below, without the clip
            }
            if (!u.prepared().intersects(fp)) {
                continue;
            }
            if (u.prepared().covers(fp)) {
                // 3. the unit covers the footprint: the overlap is the footprint itself
                out.add(footprintCovered(u, footprint));
                continue;
            }
            if (areal && fpEnvelope.covers(u.geometry().getEnvelopeInternal())) {
                if (preparedFootprint == null) {
                    preparedFootprint = PreparedGeometryFactory.prepare(fp);
                }
                if (preparedFootprint.covers(u.geometry())) {
                    // 4. the footprint covers the unit: the overlap is the unit itself
                    out.add(unitCovered(u, footprint));
                    continue;
                }
            }
            // 5. only a unit crossing the footprint's boundary is intersected, or clipped to a convex footprint
            double area = convex == null || clipped ? Double.NaN : convex.areaM2(u.geometry(), footprint.zone());
            if (!Double.isNaN(area)) {
                if (area > 0) {
                    out.add(intersected(u, area, footprint));
                }
                continue;
            }
            Geometry intersection = OverlayNGRobust.overlay(u.geometry(), fp, OverlayNG.INTERSECTION);
            if (intersection.isEmpty()) {
                continue;
            }
            if (areal) {
                double measured = GaussKruger.areaM2(intersection, footprint.zone());
                if (measured > 0) {
                    out.add(intersected(u, measured, footprint));
                }
            } else {
                double length =
                        GaussKruger.toZone(intersection, footprint.zone()).getLength();
                if (length > 0) {
                    out.add(new Overlap<>(
                            u.unit(), 0, length, 0, ratio(length, footprint.lengthM()), Method.INTERSECTED));
                }
            }
        }
        out.sort(Comparator.comparingDouble((Overlap<U> o) -> -(o.areaM2() + o.lengthM())));
        return out;
    }

    /** The overlap of a unit that covers the footprint: the footprint itself. */
    private Overlap<U> footprintCovered(Indexed<U> u, Footprint footprint) {
        return new Overlap<>(u.unit(), footprint.areaM2(), footprint.lengthM(), 0, 1.0, Method.UNIT_COVERS_FOOTPRINT);
    }

    /** The overlap of a polygon footprint and a unit crossing it, measured. */
    private Overlap<U> intersected(Indexed<U> u, double areaM2, Footprint footprint) {
        return new Overlap<>(u.unit(), areaM2, 0, 0, ratio(areaM2, footprint.areaM2()), Method.INTERSECTED);
    }

    /** The overlap of a unit the footprint covers: the unit's own area, as stored when the zones agree. */
    private Overlap<U> unitCovered(Indexed<U> u, Footprint footprint) {
        double area = u.zone() == footprint.zone() ? u.areaM2() : GaussKruger.areaM2(u.geometry(), footprint.zone());
        return new Overlap<>(u.unit(), area, 0, 0, ratio(area, footprint.areaM2()), Method.FOOTPRINT_COVERS_UNIT);
    }

    private List<Overlap<U>> points(Footprint footprint) {
        Geometry fp = footprint.geometry();
        List<Indexed<U>> hit = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Indexed<U> u : candidates(fp.getEnvelopeInternal())) {
            int n = 0;
            for (int i = 0; i < fp.getNumGeometries(); i++) {
                if (u.prepared().covers(fp.getGeometryN(i))) {
                    n++;
                }
            }
            if (n > 0) {
                hit.add(u);
                counts.add(n);
            }
        }
        List<Overlap<U>> out = new ArrayList<>(hit.size());
        for (int i = 0; i < hit.size(); i++) {
            int n = counts.get(i);
            out.add(new Overlap<>(
                    hit.get(i).unit(),
                    0,
                    0,
                    n,
                    ratio(n, footprint.points()),
                    n == footprint.points() ? Method.UNIT_COVERS_FOOTPRINT : Method.INTERSECTED));
        }
        out.sort(Comparator.comparingInt((Overlap<U> o) -> -o.points()));
        return out;
    }

    private int outsidePoints(Footprint footprint) {
        Geometry fp = footprint.geometry();
        int outside = 0;
        for (int i = 0; i < fp.getNumGeometries(); i++) {
            Geometry p = fp.getGeometryN(i);
            boolean inside = false;
            for (Indexed<U> u : candidates(p.getEnvelopeInternal())) {
                if (u.prepared().covers(p)) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                outside++;
            }
        }
        return outside;
    }

    /** The units whose envelope meets an envelope, in index order (so that answers do not depend on the tree). */
    @SuppressWarnings("unchecked")
    private List<Indexed<U>> candidates(Envelope envelope) {
        List<Indexed<U>> found = new ArrayList<>();
        tree.query(envelope, item -> found.add((Indexed<U>) item));
        found.sort(Comparator.comparingInt(Indexed::order));
        return found;
    }

    private static double ratio(double part, double whole) {
        return whole == 0 ? 0 : clamp(part / whole);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
