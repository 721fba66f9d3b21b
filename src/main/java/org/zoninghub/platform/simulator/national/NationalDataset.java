package org.zoninghub.platform.simulator.national;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.zoninghub.platform.simulator.national.ListTexts.Numbering;
import org.zoninghub.platform.simulator.national.NationalDivisions.Division;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.UnitCodes;

/**
 * A national-scale zoning dataset, generated deterministically: unit {@code i}'s code, name, category, basins,
 * geometry and lists are a function of {@code (seed, i)} alone, so that any page can be produced on its own without
 * holding the others (the whole set of 44,604 units has about 13 million vertices).
 *
 * <ul>
 *   <li>Unit {@code i} lies in division {@code perm(i mod D)} of the {@code D} divisions of {@link NationalDivisions}
 *       (a fixed permutation spreads even a few hundred units over many provinces), in slot {@code i div D} of the
 *       4 × 4 grid laid over the division's cell. Its parts and holes stay strictly inside the slot, so units never
 *       overlap nor touch. At most {@code 16·D} units.
 *   <li>Geometry: one to three parts (strips of the slot), each a star-shaped ring around the strip's centre with a
 *       smooth random radius, some with a hole; a Polygon for one part, else a MultiPolygon. Vertex counts (every
 *       ring's coordinates, closing ones included) follow a log-normal of median 218 and σ 0.8 clamped to 50–2,000:
 *       a mean of about 300.
 *   <li>Category: from a low-discrepancy sequence with the national shares by area (54.4 % priority protection,
 *       14.1 % key control, 31.5 % general control) as probabilities, independent of the unit's area, so the area
 *       shares converge to them.
 *   <li>Lists: each unit's four dimensions, each prefecture's city-level list (scope {@code PPCC00}) and each basin's,
 *       numbered in every style {@link Numbering} names.
 * </ul>
 */
public final class NationalDataset {

    /** Units in the national zoning at the 2024 count. */
    public static final int NATIONAL_UNITS = 44_604;

    /** Shares by area of priority protection, key control and general control units. */
    public static final double[] AREA_SHARES = {0.544, 0.141, 0.315};

    /** Edition (BBH) every record carries. */
    public static final String EDITION = "2025";

    /** Update time (GXSJ) every record carries, and the snapshot time of the generated platform. */
    public static final String UPDATED = "2025-01-26T00:00:00+08:00";

    /** Fewest and most coordinates of a unit's geometry. */
    public static final int MIN_VERTICES = 50;

    public static final int MAX_VERTICES = 2_000;

    private static final int SLOTS = 4;
    private static final double GOLDEN = 0.6180339887498949;
    private static final double MEDIAN_VERTICES = 218;
    private static final double SIGMA_VERTICES = 0.8;

    private final long seed;
    private final int size;
    private final List<Division> divisions;
    private final int stride;

    /**
     * @param seed the seed every unit derives from
     * @param size how many units (1 … {@link #maxUnits()})
     */
    public NationalDataset(long seed, int size) {
        this.divisions = NationalDivisions.get().divisions();
        if (size < 1 || size > maxUnits()) {
            throw new IllegalArgumentException("a national dataset holds 1 to " + maxUnits() + " units, not " + size);
        }
        this.seed = seed;
        this.size = size;
        int d = divisions.size();
        int s = 1543;
        while (gcd(s, d) != 1) {
            s++;
        }
        this.stride = s;
    }

    /** The most units a dataset can hold: sixteen per division. */
    public static int maxUnits() {
        return NationalDivisions.get().divisions().size() * SLOTS * SLOTS;
    }

    public long seed() {
        return seed;
    }

    public int size() {
        return size;
    }

    /**
     * One generated unit.
     *
     * @param parts each part's rings (shell first, then holes), each ring a flat array {@code lon0, lat0, lon1, …}
     *     closed (last point = first)
     * @param basins basin codes, the division's first
     * @param texts the four dimensions of its list
     */
    public record Unit(
            int index,
            String code,
            String name,
            Category category,
            Division division,
            List<String> basins,
            List<List<double[]>> parts,
            Map<Dimension, String> texts) {

        /** Coordinates of every ring, closing ones included. */
        public int vertexCount() {
            int n = 0;
            for (List<double[]> part : parts) {
                for (double[] ring : part) {
                    n += ring.length / 2;
                }
            }
            return n;
        }

        /** The geometry as JTS (EPSG:4490, x = longitude). */
        public Geometry geometry(GeometryFactory factory) {
            Polygon[] polygons = new Polygon[parts.size()];
            for (int p = 0; p < polygons.length; p++) {
                List<double[]> rings = parts.get(p);
                LinearRing shell = factory.createLinearRing(coordinates(rings.get(0)));
                LinearRing[] holes = new LinearRing[rings.size() - 1];
                for (int h = 1; h < rings.size(); h++) {
                    holes[h - 1] = factory.createLinearRing(coordinates(rings.get(h)));
                }
                polygons[p] = factory.createPolygon(shell, holes);
            }
            return polygons.length == 1 ? polygons[0] : factory.createMultiPolygon(polygons);
        }

        /** The Chinese names of its basins joined by {@code 、}, as the platform's LYMC field carries them. */
        public String basinNames() {
            List<String> names = new ArrayList<>();
            basins.forEach(b -> names.add(NationalDivisions.BASINS.get(b)));
            return String.join("、", names);
        }

        private static Coordinate[] coordinates(double[] ring) {
            Coordinate[] c = new Coordinate[ring.length / 2];
            for (int k = 0; k < c.length; k++) {
                c[k] = new Coordinate(ring[2 * k], ring[2 * k + 1]);
            }
            return c;
        }
    }

    /**
     * A city-level or basin list.
     *
     * @param level {@code 市级} or {@code 流域}
     */
    public record ListItem(String level, String scope, String scopeName, Map<Dimension, String> texts) {}

    /** The code of unit {@code i}, without generating the rest of it. */
    public String codeOf(int i) {
        return UnitCodes.of(divisionOf(i).code(), categoryOf(i), i / divisions.size() + 1);
    }

    /** Unit {@code i} (0 ≤ i < size). */
    public Unit unit(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("unit " + i + " of " + size);
        }
        Rng rng = new Rng(seed * 0x9E3779B97F4A7C15L + i);
        Division division = divisionOf(i);
        int slot = i / divisions.size();
        Category category = categoryOf(i);
        String code = UnitCodes.of(division.code(), category, slot + 1);
        String place = NAMES_A[rng.nextInt(NAMES_A.length)] + NAMES_B[rng.nextInt(NAMES_B.length)];
        String name = division.name() + place + category.chineseName();
        List<String> basins = new ArrayList<>(2);
        basins.add(division.basin());
        if (division.otherBasin() != null && slot % 2 == 0) {
            basins.add(division.otherBasin());
        }
        List<List<double[]>> parts = geometry(rng, division, slot);
        Map<Dimension, String> texts = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            Numbering numbering = Numbering.values()[(i * 4 + d.ordinal()) % Numbering.values().length];
            List<String> pool = new ArrayList<>(ListTexts.common(category, d));
            List<String> clauses = new ArrayList<>();
            clauses.add(name + LEADS[d.ordinal()]);
            int n = 1 + rng.nextInt(Math.min(3, pool.size()));
            for (int k = 0; k < n; k++) {
                clauses.add(pool.remove(rng.nextInt(pool.size())));
            }
            texts.put(d, numbering.format(clauses));
        }
        return new Unit(i, code, name, category, division, List.copyOf(basins), parts, texts);
    }

    private static final String[] LEADS = {
        "范围内的开发建设活动应当符合所在城市及流域总体管控要求",
        "范围内的排污单位应当执行所在城市及流域污染物排放管控要求",
        "范围内应当落实所在城市及流域环境风险防控要求",
        "范围内应当落实所在城市资源利用总量和效率管控要求"
    };

    private static final String[] NAMES_A = {
        "青", "白", "石", "松", "柳", "桃", "杨", "梨", "枫", "竹", "金", "银", "玉", "龙", "凤", "鹿"
    };
    private static final String[] NAMES_B = {"山", "河", "湖", "湾", "岗", "坡", "屯", "镇", "园", "谷", "甸", "洼"};

    /** The division unit {@code i} lies in. */
    public Division divisionOf(int i) {
        int d = divisions.size();
        int k = i % d;
        return divisions.get((int) ((long) k * stride % d));
    }

    /** The category of unit {@code i}. */
    public Category categoryOf(int i) {
        double offset = (new Rng(seed).nextLong() >>> 11) * 0x1.0p-53;
        double u = (i * GOLDEN + offset) % 1.0;
        if (u < AREA_SHARES[0]) {
            return Category.PRIORITY_PROTECTION;
        }
        return u < AREA_SHARES[0] + AREA_SHARES[1] ? Category.KEY_CONTROL : Category.GENERAL_CONTROL;
    }

    /** Every division some unit lies in, in code order. */
    public List<Division> usedDivisions() {
        Map<String, Division> used = new TreeMap<>();
        for (int i = 0; i < Math.min(size, divisions.size()); i++) {
            Division d = divisionOf(i);
            used.put(d.code(), d);
        }
        return List.copyOf(used.values());
    }

    /** The city-level lists of every prefecture with units, then the list of every basin with units. */
    public List<ListItem> lists() {
        Map<String, String> prefectures = new TreeMap<>();
        Map<String, String> basins = new TreeMap<>();
        for (Division d : usedDivisions()) {
            prefectures.put(d.prefectureCode(), d.prefectureName());
        }
        for (int i = 0; i < Math.min(size, divisions.size() * 2); i++) {
            Division d = divisionOf(i);
            basins.put(d.basin(), NationalDivisions.BASINS.get(d.basin()));
            if (d.otherBasin() != null && (i / divisions.size()) % 2 == 0) {
                basins.put(d.otherBasin(), NationalDivisions.BASINS.get(d.otherBasin()));
            }
        }
        List<ListItem> items = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, String> p : prefectures.entrySet()) {
            Map<Dimension, String> texts = new EnumMap<>(Dimension.class);
            for (Dimension d : Dimension.values()) {
                Numbering numbering = Numbering.values()[(k + d.ordinal()) % Numbering.values().length];
                texts.put(d, numbering.format(ListTexts.prefecture(p.getValue(), d)));
            }
            items.add(new ListItem("市级", p.getKey(), p.getValue() + "总体", texts));
            k++;
        }
        for (Map.Entry<String, String> b : new LinkedHashMap<>(basins).entrySet()) {
            Map<Dimension, String> texts = new EnumMap<>(Dimension.class);
            for (Dimension d : Dimension.values()) {
                Numbering numbering = Numbering.values()[(k + d.ordinal()) % Numbering.values().length];
                texts.put(d, numbering.format(ListTexts.basin(b.getValue(), d)));
            }
            items.add(new ListItem("流域", b.getKey(), b.getValue(), texts));
            k++;
        }
        return items;
    }

    /** Writes unit {@code i} as a feature of the provincial API (docs/provincial-api.md). */
    public void writeFeature(JsonGenerator g, Unit u) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeStringField("id", u.code());
        g.writeObjectFieldStart("properties");
        g.writeStringField("HJGKDYBM", u.code());
        g.writeStringField("HJGKDYMC", u.name());
        g.writeStringField("PROV", u.division().provinceName());
        g.writeStringField("CITY", u.division().prefectureName());
        g.writeStringField("AREA", u.division().name());
        g.writeStringField("ZHGKDYFL", Integer.toString(u.category().digit()));
        g.writeStringField("LYMC", u.basinNames());
        for (Dimension d : Dimension.values()) {
            g.writeStringField(d.fieldCode(), u.texts().get(d));
        }
        g.writeStringField("BBH", EDITION);
        g.writeStringField("GXSJ", UPDATED);
        g.writeStringField("ZT", "有效");
        g.writeEndObject();
        g.writeObjectFieldStart("geometry");
        boolean multi = u.parts().size() > 1;
        g.writeStringField("type", multi ? "MultiPolygon" : "Polygon");
        g.writeArrayFieldStart("coordinates");
        for (List<double[]> part : u.parts()) {
            if (multi) {
                g.writeStartArray();
            }
            for (double[] ring : part) {
                g.writeStartArray();
                for (int k = 0; k < ring.length; k += 2) {
                    g.writeStartArray();
                    g.writeNumber(ring[k]);
                    g.writeNumber(ring[k + 1]);
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            if (multi) {
                g.writeEndArray();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Writes a city-level or basin list as an item of the provincial API. */
    public static void writeList(JsonGenerator g, ListItem item) throws IOException {
        g.writeStartObject();
        g.writeStringField("CJ", item.level());
        g.writeStringField("SYDXBM", item.scope());
        g.writeStringField("SYDXMC", item.scopeName());
        for (Dimension d : Dimension.values()) {
            g.writeStringField(d.fieldCode(), item.texts().get(d));
        }
        g.writeStringField("BBH", EDITION);
        g.writeStringField("GXSJ", UPDATED);
        g.writeStringField("ZT", "有效");
        g.writeEndObject();
    }

    // ---- geometry -----------------------------------------------------------------------------------------------

    private List<List<double[]>> geometry(Rng rng, Division division, int slot) {
        double slotW = division.cell().getWidth() / SLOTS;
        double slotH = division.cell().getHeight() / SLOTS;
        double x0 = division.cell().getMinX() + (slot % SLOTS) * slotW;
        double y0 = division.cell().getMinY() + (slot / SLOTS) * slotH;
        int vertices = vertexCount(rng);
        double pick = rng.nextDouble();
        int parts = pick < 0.6 ? 1 : pick < 0.88 ? 2 : 3;
        parts = Math.max(1, Math.min(parts, vertices / 60));
        boolean[] hole = new boolean[parts];
        int rings = parts;
        for (int p = 0; p < parts; p++) {
            hole[p] = vertices / parts >= 80 && rng.nextDouble() < 0.5;
            rings += hole[p] ? 1 : 0;
        }
        double weight = parts + 0.2 * (rings - parts);
        int shellShare = (int) (vertices / weight);
        int holeShare = Math.max(8, (int) (vertices * 0.2 / weight));
        int[] shellCounts = new int[parts];
        int used = 0;
        for (int p = 0; p < parts; p++) {
            shellCounts[p] = shellShare;
            used += shellShare + (hole[p] ? holeShare : 0);
        }
        shellCounts[0] += vertices - used;
        List<List<double[]>> result = new ArrayList<>(parts);
        double stripW = slotW / parts;
        for (int p = 0; p < parts; p++) {
            double cx = x0 + (p + 0.5) * stripW;
            double cy = y0 + 0.5 * slotH;
            List<double[]> part = new ArrayList<>(2);
            part.add(ring(rng, cx, cy, stripW / 2, slotH / 2, shellCounts[p], 0.75, 0.05, 0.02, false));
            if (hole[p]) {
                part.add(ring(rng, cx, cy, stripW / 2, slotH / 2, holeShare, 0.18, 0.012, 0.01, true));
            }
            result.add(part);
        }
        return result;
    }

    /**
     * A closed star-shaped ring of {@code coordinates} points around {@code (cx, cy)}: radius (as a fraction of the
     * half-width and half-height) {@code base} plus four harmonics of amplitude up to {@code harmonic} each plus a
     * jitter up to {@code jitter}; angles strictly increasing, so the ring is simple. Counter-clockwise, or clockwise
     * for a hole.
     */
    private static double[] ring(
            Rng rng,
            double cx,
            double cy,
            double hw,
            double hh,
            int coordinates,
            double base,
            double harmonic,
            double jitter,
            boolean clockwise) {
        double[] amp = new double[4];
        double[] phase = new double[4];
        for (int m = 0; m < 4; m++) {
            amp[m] = rng.nextDouble() * harmonic;
            phase[m] = rng.nextDouble() * 2 * Math.PI;
        }
        int n = coordinates - 1;
        double[] ring = new double[coordinates * 2];
        double step = 2 * Math.PI / n;
        for (int k = 0; k < n; k++) {
            double theta = (k + 0.3 * (rng.nextDouble() - 0.5)) * step;
            double r = base + jitter * (2 * rng.nextDouble() - 1);
            for (int m = 0; m < 4; m++) {
                r += amp[m] * Math.sin((m + 1) * theta + phase[m]);
            }
            int at = clockwise ? n - 1 - k : k;
            ring[2 * at] = round(cx + r * Math.cos(theta) * hw);
            ring[2 * at + 1] = round(cy + r * Math.sin(theta) * hh);
        }
        ring[2 * n] = ring[0];
        ring[2 * n + 1] = ring[1];
        return ring;
    }

    private static int vertexCount(Rng rng) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        long v = Math.round(Math.exp(Math.log(MEDIAN_VERTICES) + SIGMA_VERTICES * z));
        return (int) Math.max(MIN_VERTICES, Math.min(MAX_VERTICES, v));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e7) / 1e7;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** SplitMix64: the same numbers on every platform and Java version. */
    static final class Rng {
        private long state;

        Rng(long seed) {
            this.state = seed;
        }

        long nextLong() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        int nextInt(int bound) {
            return (int) Math.floorMod(nextLong(), (long) bound);
        }
    }
}
