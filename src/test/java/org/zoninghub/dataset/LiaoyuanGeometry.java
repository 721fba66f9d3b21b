package org.zoninghub.dataset;

import static org.zoninghub.dataset.GridGeometry.FACTORY;
import static org.zoninghub.dataset.GridGeometry.areaKm2;
import static org.zoninghub.dataset.GridGeometry.difference;
import static org.zoninghub.dataset.GridGeometry.fromKm;
import static org.zoninghub.dataset.GridGeometry.intersection;
import static org.zoninghub.dataset.GridGeometry.solve;
import static org.zoninghub.dataset.GridGeometry.unionAll;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.zoninghub.dataset.GridGeometry.RadialNoise;
import org.zoninghub.dataset.GridGeometry.Sketch;
import org.zoninghub.dataset.GridGeometry.WigglyProfile;
import org.zoninghub.dataset.LiaoyuanPlan.Division;
import org.zoninghub.dataset.LiaoyuanPlan.Place;
import org.zoninghub.dataset.LiaoyuanPlan.UnitPlan;
import org.zoninghub.zoning.Basin;

/**
 * Builds the synthetic geometry of Liaoyuan: the city outline, the four divisions, the two river basins and the 61
 * control units, as an exact partition on the 1e-7° grid.
 *
 * <p>Sizes are tuned, not drawn: the outline is scaled until it measures the city's 5,140 km², the county divide is
 * shifted until 东丰县 has its area, and the key-control and priority-protection shapes are scaled (one factor per
 * category) until the categories hold the plan's shares of the city (20.61 % and 44.83 %); general control is what
 * remains of each division, which gives its 34.56 %. All areas are measured with the hub's Gauss–Krüger area.
 */
final class LiaoyuanGeometry {

    static final long SEED = 20250126L;

    /** The city's area; the division areas below are the generator's targets, of the order of the real ones. */
    static final double CITY_AREA_KM2 = 5140.0;

    static final double DONGFENG_AREA_KM2 = 2520.0;
    static final double DISTRICTS_AREA_KM2 = 480.0;
    static final double XIAN_AREA_KM2 = 150.0;
    static final double KEY_CONTROL_SHARE = 20.61;
    static final double PRIORITY_PROTECTION_SHARE = 44.83;

    /** The real extent the dataset must stay within. */
    static final Envelope EXTENT = new Envelope(124.9, 125.9, 42.3, 43.3);

    /** Outline radius (km) around the frame origin every 30°, counter-clockwise from east. */
    private static final double[] OUTLINE_RADII_KM = {36, 42, 50, 47, 44, 39, 34, 38, 48, 47, 40, 38};

    final Polygon outline;
    final Map<String, Geometry> divisions = new LinkedHashMap<>();
    final Map<Basin, Geometry> basins = new LinkedHashMap<>();
    final Map<UnitPlan, Geometry> units = new LinkedHashMap<>();

    LiaoyuanGeometry() {
        outline = buildOutline();
        buildDivisions();
        buildBasins();
        buildUnits();
    }

    private static Random random(String name) {
        return new Random(SEED * 1_000_003L + name.hashCode());
    }

    // ---- outline ---------------------------------------------------------------------------------------------

    private static Polygon buildOutline() {
        RadialNoise noise =
                new RadialNoise().band(random("辽源市"), 2, 7, 0.6, 0.10).band(random("辽源市界"), 8, 300, 0.6, 0.09);
        int n = 2400;
        double[] radius = new double[n];
        for (int i = 0; i < n; i++) {
            double theta = 2 * StrictMath.PI * i / n;
            radius[i] = controlRadius(theta) * noise.at(theta);
        }
        double scale = solve(s -> areaKm2(outline(radius, s)), CITY_AREA_KM2, 0.8, 1.2, 0.01);
        Polygon outline = outline(radius, scale);
        require(EXTENT.contains(outline.getEnvelopeInternal()), "outline leaves the extent: " + outline.getEnvelope());
        return outline;
    }

    private static Polygon outline(double[] radius, double scale) {
        int n = radius.length;
        Coordinate[] ring = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double theta = 2 * StrictMath.PI * i / n;
            double r = scale * radius[i];
            ring[i] = fromKm(r * StrictMath.cos(theta), r * StrictMath.sin(theta));
        }
        ring[n] = ring[0].copy();
        return FACTORY.createPolygon(ring);
    }

    /** Periodic Catmull–Rom interpolation of the control radii. */
    private static double controlRadius(double theta) {
        int m = OUTLINE_RADII_KM.length;
        double pos = theta / (2 * StrictMath.PI) * m;
        int i = (int) StrictMath.floor(pos);
        double t = pos - i;
        double p0 = OUTLINE_RADII_KM[Math.floorMod(i - 1, m)];
        double p1 = OUTLINE_RADII_KM[Math.floorMod(i, m)];
        double p2 = OUTLINE_RADII_KM[Math.floorMod(i + 1, m)];
        double p3 = OUTLINE_RADII_KM[Math.floorMod(i + 2, m)];
        return 0.5
                * (2 * p1
                        + (-p0 + p2) * t
                        + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t * t
                        + (-p0 + 3 * p1 - 3 * p2 + p3) * t * t * t);
    }

    // ---- divisions -------------------------------------------------------------------------------------------

    private void buildDivisions() {
        // county divide: 东辽县 (north-west) | 东丰县 (south-east), running SW–NE
        WigglyProfile countyWiggle =
                new WigglyProfile().band(random("东辽县|东丰县"), 1, 6, 0.6, 8.0).band(random("东辽县|东丰县界"), 7, 200, 0.6, 4.0);
        double countyOffset = solve(
                d -> areaKm2(difference(
                        outline, GridGeometry.rightOfWigglyLine(124.85, 42.15, 126.05, 43.45, d, countyWiggle, 1600))),
                CITY_AREA_KM2 - DONGFENG_AREA_KM2,
                -25,
                25,
                0.05);
        Polygon eastSide =
                GridGeometry.rightOfWigglyLine(124.85, 42.15, 126.05, 43.45, countyOffset, countyWiggle, 1600);
        Geometry dongfeng = intersection(outline, eastSide);
        Geometry west = difference(outline, eastSide);

        // the two city districts: a blob east of 白泉镇, split by a wiggly line (西安区 to the north of it)
        Sketch districtSketch = new Sketch(125.185, 42.915)
                .part(
                        0,
                        0,
                        1.0,
                        1.5,
                        80,
                        new RadialNoise()
                                .band(random("龙山区+西安区"), 2, 5, 0.6, 0.14)
                                .band(random("龙山区+西安区界"), 6, 150, 0.65, 0.10),
                        900);
        double districtScale =
                solve(s -> areaKm2(intersection(west, districtSketch.at(s))), DISTRICTS_AREA_KM2, 5, 25, 0.05);
        Geometry districts = intersection(west, districtSketch.at(districtScale));
        WigglyProfile districtWiggle =
                new WigglyProfile().band(random("西安区|龙山区"), 1, 5, 0.6, 2.0).band(random("西安区|龙山区界"), 6, 100, 0.6, 1.2);
        double districtOffset = solve(
                d -> areaKm2(difference(
                        districts,
                        GridGeometry.rightOfWigglyLine(124.95, 42.90, 125.45, 43.00, d, districtWiggle, 800))),
                XIAN_AREA_KM2,
                -20,
                20,
                0.05);
        Polygon southEast =
                GridGeometry.rightOfWigglyLine(124.95, 42.90, 125.45, 43.00, districtOffset, districtWiggle, 800);

        divisions.put(LiaoyuanPlan.LONGSHAN, intersection(districts, southEast));
        divisions.put(LiaoyuanPlan.XIAN, difference(districts, southEast));
        divisions.put(LiaoyuanPlan.DONGFENG, dongfeng);
        divisions.put(LiaoyuanPlan.DONGLIAO, difference(west, districts));

        for (Division division : LiaoyuanPlan.DIVISIONS) {
            for (Place place : division.places()) {
                requireInside(divisions.get(division.code()), place.lon(), place.lat(), place.name());
            }
        }
    }

    // ---- basins ----------------------------------------------------------------------------------------------

    private void buildBasins() {
        // the divide between 东辽河 (辽河流域) and 辉发河 (松花江流域) runs through the west of 东丰县
        WigglyProfile divideWiggle =
                new WigglyProfile().band(random("辽河|松花江"), 1, 6, 0.6, 8.0).band(random("辽河|松花江分水岭"), 7, 200, 0.6, 3.5);
        Polygon songhuaSide = GridGeometry.rightOfWigglyLine(125.05, 42.20, 125.95, 43.40, -2.0, divideWiggle, 1600);
        basins.put(Basin.LIAOHE, difference(outline, songhuaSide));
        basins.put(Basin.SONGHUA, intersection(outline, songhuaSide));
    }

    /** The basin holding the larger part of a geometry. */
    Basin basinOf(Geometry unit) {
        double liao = areaKm2(intersection(unit, basins.get(Basin.LIAOHE)));
        double song = areaKm2(intersection(unit, basins.get(Basin.SONGHUA)));
        return liao >= song ? Basin.LIAOHE : Basin.SONGHUA;
    }

    // ---- units -----------------------------------------------------------------------------------------------

    private void buildUnits() {
        Map<UnitPlan, Sketch> keySketches = new LinkedHashMap<>();
        LiaoyuanPlan.KEY_CONTROL_UNITS.forEach(p -> keySketches.put(p, keyControlSketch(p)));
        Map<UnitPlan, Sketch> protectionSketches = new LinkedHashMap<>();
        LiaoyuanPlan.PRIORITY_PROTECTION_UNITS.forEach(p -> protectionSketches.put(p, protectionSketch(p)));
        double cityArea = areaKm2(outline);

        double keyScale = solve(
                s -> totalAreaKm2(coverByDivision(keySketches, s, null)) / cityArea * 100,
                KEY_CONTROL_SHARE,
                1.0,
                1.4,
                0.002);
        Map<String, Geometry> keyControl = coverByDivision(keySketches, keyScale, null);
        double protectionScale = solve(
                s -> totalAreaKm2(coverByDivision(protectionSketches, s, keyControl)) / cityArea * 100,
                PRIORITY_PROTECTION_SHARE,
                1.3,
                1.7,
                0.002);
        Map<String, Geometry> protection = coverByDivision(protectionSketches, protectionScale, keyControl);

        // key control first (towns keep their ground), then protection around them, then the remainder
        for (String division : divisions.keySet()) {
            Geometry area = divisions.get(division);
            Geometry taken = null;
            for (var entry : keySketches.entrySet()) {
                if (entry.getKey().division().equals(division)) {
                    Geometry shape = intersection(entry.getValue().at(keyScale), area);
                    Geometry unit = taken == null ? shape : difference(shape, taken);
                    units.put(entry.getKey(), unit);
                    taken = taken == null ? unit : GridGeometry.union(taken, unit);
                }
            }
            Geometry keyArea = keyControl.get(division);
            taken = null;
            for (var entry : protectionSketches.entrySet()) {
                if (entry.getKey().division().equals(division)) {
                    Geometry shape = difference(intersection(entry.getValue().at(protectionScale), area), keyArea);
                    Geometry unit = taken == null ? shape : difference(shape, taken);
                    units.put(entry.getKey(), unit);
                    taken = taken == null ? unit : GridGeometry.union(taken, unit);
                }
            }
            for (UnitPlan plan : LiaoyuanPlan.GENERAL_CONTROL_UNITS) {
                if (plan.division().equals(division)) {
                    units.put(plan, difference(difference(area, keyArea), protection.get(division)));
                }
            }
        }
        units.replaceAll((plan, g) -> GridGeometry.canonical(g));
        units.forEach((plan, g) -> {
            require(g.isValid(), plan.name() + " is not valid");
            require(areaKm2(g) > 1.0, plan.name() + " is (almost) empty: " + areaKm2(g) + " km²");
        });
    }

    private static double totalAreaKm2(Map<String, Geometry> byDivision) {
        return byDivision.values().stream().mapToDouble(GridGeometry::areaKm2).sum();
    }

    /**
     * Per division, the ground the sketches of its units cover at a scale, less what {@code taken} holds. The
     * divisions are independent, so they are computed in parallel; the result does not depend on the order.
     */
    private Map<String, Geometry> coverByDivision(
            Map<UnitPlan, Sketch> sketches, double scale, Map<String, Geometry> taken) {
        List<String> codes = List.copyOf(divisions.keySet());
        List<Geometry> covers = codes.parallelStream()
                .map(division -> {
                    List<Geometry> shapes = sketches.entrySet().stream()
                            .filter(e -> e.getKey().division().equals(division))
                            .map(e -> e.getValue().at(scale))
                            .toList();
                    Geometry cover = intersection(unionAll(shapes), divisions.get(division));
                    return taken == null ? cover : difference(cover, taken.get(division));
                })
                .toList();
        Map<String, Geometry> byDivision = new LinkedHashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            byDivision.put(codes.get(i), covers.get(i));
        }
        return byDivision;
    }

    /** A town or park: one noisy blob around the place. */
    private static Sketch keyControlSketch(UnitPlan plan) {
        RadialNoise noise = new RadialNoise()
                .band(random(plan.name()), 2, 6, 0.5, 0.18)
                .band(random(plan.place()), 7, 120, 0.8, 0.14);
        return new Sketch(plan.lon(), plan.lat())
                .part(0, 0, plan.radiusKm(), plan.aspect(), plan.orientationDeg(), noise, 420);
    }

    /**
     * A protected patch: a main blob with enclaves cut out of it (villages, farmland inside a forest) and smaller
     * separate satellite patches around it. The whole patch scales about its centre, so the parts stay apart and
     * the holes stay inside.
     */
    private static Sketch protectionSketch(UnitPlan plan) {
        Random random = random(plan.name());
        double r = plan.radiusKm();
        Sketch sketch = new Sketch(plan.lon(), plan.lat())
                .part(
                        0,
                        0,
                        r,
                        plan.aspect(),
                        plan.orientationDeg(),
                        new RadialNoise().band(random, 2, 6, 0.5, 0.2).band(random, 7, 150, 0.8, 0.12),
                        520);
        // the main blob reaches at most 1.32 times its long semi-axis; a satellite at most 1.43 times its radius
        double longAxis = r * StrictMath.sqrt(plan.aspect()) * 1.35;
        for (int i = 0; i < plan.satellites(); i++) {
            double angle = 2 * StrictMath.PI * (i + 0.25 + 0.5 * random.nextDouble()) / plan.satellites();
            double satelliteR = r * (0.35 + 0.2 * random.nextDouble());
            double distance = longAxis + satelliteR * 1.3 * 1.2 + r * (0.15 + 0.25 * random.nextDouble());
            sketch.part(
                    distance * StrictMath.cos(angle),
                    distance * StrictMath.sin(angle),
                    satelliteR,
                    1.2,
                    360 * random.nextDouble(),
                    new RadialNoise().band(random, 2, 5, 0.5, 0.18).band(random, 6, 90, 0.8, 0.12),
                    300);
        }
        // the main blob's radius is at least 0.68 times its short semi-axis: holes stay within 0.47 of it
        double shortAxis = r / StrictMath.sqrt(plan.aspect()) * 0.7;
        for (int i = 0; i < plan.holes(); i++) {
            double angle = 2 * StrictMath.PI * (i + random.nextDouble() * 0.5) / plan.holes();
            double holeR = shortAxis * (0.16 + 0.06 * random.nextDouble());
            double distance = shortAxis * (0.25 + 0.15 * random.nextDouble());
            sketch.hole(
                    distance * StrictMath.cos(angle),
                    distance * StrictMath.sin(angle),
                    holeR,
                    1.0,
                    0,
                    new RadialNoise().band(random, 2, 4, 0.5, 0.12).band(random, 5, 60, 0.8, 0.1),
                    220);
        }
        return sketch;
    }

    // ---- checks ----------------------------------------------------------------------------------------------

    private static void requireInside(Geometry area, double lon, double lat, String what) {
        require(area.contains(FACTORY.createPoint(new Coordinate(lon, lat))), what + " lies outside its division");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
