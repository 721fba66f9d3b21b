package org.zoninghub.dataset;

import static org.zoninghub.zoning.Category.GENERAL_CONTROL;
import static org.zoninghub.zoning.Category.KEY_CONTROL;
import static org.zoninghub.zoning.Category.PRIORITY_PROTECTION;

import java.util.List;
import org.zoninghub.zoning.Category;

/**
 * What the synthetic Liaoyuan dataset is made of: the four county-level divisions and the 61 control units of the
 * 2025 plan (31 priority-protection, 26 key-control, 4 general-control), each with the real place it is named after
 * and an approximate real coordinate for that place.
 *
 * <p>The counts and area shares are the plan's; the unit list itself (names, positions, sizes) is illustrative, laid
 * out so that towns, industrial parks, water sources and forest red lines sit roughly where they are on the map.
 * Within a category, a unit listed earlier keeps the ground where two shapes overlap.
 */
final class LiaoyuanPlan {

    private LiaoyuanPlan() {}

    /** A county-level division (GB/T 2260 code) and places that must lie inside it. */
    record Division(String code, String name, List<Place> places) {}

    /** A named point, longitude and latitude in degrees (CGCS2000). */
    record Place(String name, double lon, double lat) {}

    /** The kind of a unit: it decides the unit's name suffix and the kind of rules in its access list. */
    enum Kind {
        RED_LINE,
        WATER_SOURCE,
        PROTECTED_AREA,
        BLACK_SOIL,
        ECO_FUNCTION,
        WATER_PRIORITY,
        URBAN,
        PARK,
        TOWN,
        MINING,
        WATER_KEY,
        GENERAL
    }

    /**
     * One control unit to generate.
     *
     * @param division division code
     * @param category category
     * @param kind kind of area
     * @param name unit name (HJGKDYMC)
     * @param place the town or landmark named in the unit's rules
     * @param water the river, reservoir or water source named in the unit's rules
     * @param lon centre longitude of the shape
     * @param lat centre latitude of the shape
     * @param radiusKm mean radius before the category-wide scale factor is applied
     * @param aspect elongation of the main shape (long/short axis)
     * @param orientationDeg direction of the long axis, degrees counter-clockwise from east
     * @param satellites separate smaller parts around the main shape (priority protection)
     * @param holes enclaves cut out of the main shape (priority protection)
     */
    record UnitPlan(
            String division,
            Category category,
            Kind kind,
            String name,
            String place,
            String water,
            double lon,
            double lat,
            double radiusKm,
            double aspect,
            double orientationDeg,
            int satellites,
            int holes) {}

    static final String LONGSHAN = "220402";
    static final String XIAN = "220403";
    static final String DONGFENG = "220421";
    static final String DONGLIAO = "220422";

    static final List<Division> DIVISIONS = List.of(
            new Division(
                    LONGSHAN,
                    "龙山区",
                    List.of(new Place("龙山区城区", 125.150, 42.895), new Place("辽源经济开发区", 125.200, 42.860))),
            new Division(XIAN, "西安区", List.of(new Place("西安区城区", 125.160, 43.000))),
            new Division(
                    DONGFENG,
                    "东丰县",
                    List.of(
                            new Place("东丰镇", 125.530, 42.680),
                            new Place("大阳镇", 125.400, 42.580),
                            new Place("横道河镇", 125.720, 42.800),
                            new Place("那丹伯镇", 125.560, 42.520),
                            new Place("沙河镇", 125.300, 42.640),
                            new Place("拉拉河镇", 125.720, 42.640),
                            new Place("小四平镇", 125.620, 42.900),
                            new Place("南屯基镇", 125.450, 42.740))),
            new Division(
                    DONGLIAO,
                    "东辽县",
                    List.of(
                            new Place("白泉镇", 125.020, 42.920),
                            new Place("安恕镇", 125.160, 43.080),
                            new Place("渭津镇", 125.320, 43.050),
                            new Place("辽河源镇", 125.450, 42.960),
                            new Place("泉太镇", 125.030, 42.780),
                            new Place("云顶镇", 125.220, 42.760),
                            new Place("建安镇", 125.100, 42.680),
                            new Place("安石镇", 125.110, 42.560))));

    /** Division name by code. */
    static String divisionName(String code) {
        return DIVISIONS.stream()
                .filter(d -> d.code().equals(code))
                .findFirst()
                .orElseThrow()
                .name();
    }

    private static UnitPlan pp(
            String division,
            Kind kind,
            String name,
            String place,
            String water,
            double lon,
            double lat,
            double r,
            double aspect,
            double orientation,
            int satellites,
            int holes) {
        return new UnitPlan(
                division,
                PRIORITY_PROTECTION,
                kind,
                name,
                place,
                water,
                lon,
                lat,
                r,
                aspect,
                orientation,
                satellites,
                holes);
    }

    private static UnitPlan kc(
            String division, Kind kind, String name, String place, String water, double lon, double lat, double r) {
        return new UnitPlan(division, KEY_CONTROL, kind, name, place, water, lon, lat, r, 1.3, 35, 0, 0);
    }

    private static UnitPlan gc(String division, String name, String place, String water) {
        return new UnitPlan(division, GENERAL_CONTROL, Kind.GENERAL, name, place, water, 0, 0, 0, 1, 0, 0, 0);
    }

    /** Key-control units: towns, city cores and industrial parks. */
    static final List<UnitPlan> KEY_CONTROL_UNITS = List.of(
            kc(LONGSHAN, Kind.URBAN, "龙山区城镇生活重点管控单元", "龙山区城区", "东辽河", 125.150, 42.895, 3.4),
            kc(LONGSHAN, Kind.PARK, "辽源经济开发区重点管控单元", "辽源经济开发区", "东辽河", 125.200, 42.860, 2.8),
            kc(LONGSHAN, Kind.TOWN, "龙山区寿山镇城镇重点管控单元", "寿山镇", "杨木水库", 125.255, 42.905, 2.0),
            kc(LONGSHAN, Kind.WATER_KEY, "龙山区东辽河城区段水环境重点管控单元", "龙山区", "东辽河", 125.100, 42.860, 2.0),
            kc(XIAN, Kind.URBAN, "西安区城镇生活重点管控单元", "西安区城区", "东辽河", 125.160, 43.000, 2.6),
            kc(XIAN, Kind.PARK, "辽源高新技术产业开发区重点管控单元", "辽源高新区", "半截河", 125.215, 43.015, 2.2),
            kc(XIAN, Kind.MINING, "西安区采煤沉陷区土壤污染风险重点管控单元", "西安区", "半截河", 125.110, 43.020, 2.0),
            kc(DONGLIAO, Kind.URBAN, "东辽县白泉镇城镇生活重点管控单元", "白泉镇", "东辽河", 125.020, 42.920, 4.6),
            kc(DONGLIAO, Kind.PARK, "东辽经济开发区重点管控单元", "东辽经济开发区", "东辽河", 125.000, 42.985, 3.0),
            kc(DONGLIAO, Kind.TOWN, "东辽县安恕镇城镇重点管控单元", "安恕镇", "安恕河", 125.160, 43.080, 3.4),
            kc(DONGLIAO, Kind.TOWN, "东辽县渭津镇城镇重点管控单元", "渭津镇", "渭津河", 125.320, 43.050, 3.3),
            kc(DONGLIAO, Kind.TOWN, "东辽县辽河源镇城镇重点管控单元", "辽河源镇", "东辽河", 125.450, 42.960, 3.3),
            kc(DONGLIAO, Kind.TOWN, "东辽县泉太镇城镇重点管控单元", "泉太镇", "东辽河", 125.030, 42.780, 3.2),
            kc(DONGLIAO, Kind.TOWN, "东辽县云顶镇城镇重点管控单元", "云顶镇", "东辽河", 125.220, 42.760, 3.2),
            kc(DONGLIAO, Kind.TOWN, "东辽县建安镇城镇重点管控单元", "建安镇", "东辽河", 125.100, 42.680, 3.2),
            kc(DONGLIAO, Kind.MINING, "东辽县安石镇矿产资源开发重点管控单元", "安石镇", "东辽河", 125.110, 42.560, 3.4),
            kc(DONGFENG, Kind.URBAN, "东丰县东丰镇城镇生活重点管控单元", "东丰镇", "大梨树河", 125.530, 42.680, 5.2),
            kc(DONGFENG, Kind.PARK, "东丰经济开发区重点管控单元", "东丰经济开发区", "大梨树河", 125.580, 42.710, 3.3),
            kc(DONGFENG, Kind.TOWN, "东丰县大阳镇城镇重点管控单元", "大阳镇", "东辽河", 125.400, 42.580, 3.4),
            kc(DONGFENG, Kind.TOWN, "东丰县横道河镇城镇重点管控单元", "横道河镇", "横道河", 125.720, 42.800, 3.4),
            kc(DONGFENG, Kind.TOWN, "东丰县那丹伯镇城镇重点管控单元", "那丹伯镇", "辉发河", 125.560, 42.520, 3.4),
            kc(DONGFENG, Kind.TOWN, "东丰县沙河镇城镇重点管控单元", "沙河镇", "东辽河", 125.300, 42.640, 3.4),
            kc(DONGFENG, Kind.TOWN, "东丰县拉拉河镇城镇重点管控单元", "拉拉河镇", "辉发河", 125.720, 42.640, 3.4),
            kc(DONGFENG, Kind.TOWN, "东丰县小四平镇城镇重点管控单元", "小四平镇", "辉发河", 125.620, 42.900, 3.4),
            kc(DONGFENG, Kind.TOWN, "东丰县南屯基镇城镇重点管控单元", "南屯基镇", "大梨树河", 125.450, 42.740, 3.3),
            kc(DONGFENG, Kind.PARK, "东丰县梅花鹿产业园区重点管控单元", "东丰县梅花鹿产业园区", "大梨树河", 125.490, 42.640, 2.8));

    /** Priority-protection units: water sources, red lines, protected areas, black soil, ecological functions. */
    static final List<UnitPlan> PRIORITY_PROTECTION_UNITS = List.of(
            pp(
                    LONGSHAN,
                    Kind.WATER_SOURCE,
                    "龙山区杨木水库饮用水水源保护区优先保护单元",
                    "寿山镇",
                    "杨木水库",
                    125.270,
                    42.850,
                    3.0,
                    1.4,
                    60,
                    1,
                    1),
            pp(LONGSHAN, Kind.PROTECTED_AREA, "龙山区寿山仙境森林公园优先保护单元", "寿山镇", "东辽河", 125.250, 42.950, 2.6, 1.3, 20, 1, 0),
            pp(LONGSHAN, Kind.RED_LINE, "龙山区工农生态保护红线优先保护单元", "工农乡", "东辽河", 125.170, 42.800, 2.8, 1.5, 0, 2, 1),
            pp(XIAN, Kind.RED_LINE, "西安区灯塔生态保护红线优先保护单元", "灯塔镇", "半截河", 125.170, 43.050, 2.6, 1.4, 30, 1, 1),
            pp(XIAN, Kind.ECO_FUNCTION, "西安区北部丘陵生态功能重要区优先保护单元", "西安区", "半截河", 125.250, 43.035, 2.0, 1.2, 80, 1, 0),
            pp(
                    DONGLIAO,
                    Kind.WATER_SOURCE,
                    "东辽县石门水库饮用水水源保护区优先保护单元",
                    "安恕镇",
                    "石门水库",
                    125.280,
                    43.120,
                    4.2,
                    1.4,
                    20,
                    1,
                    0),
            pp(DONGLIAO, Kind.RED_LINE, "东辽县辽河源生态保护红线优先保护单元", "辽河源镇", "东辽河", 125.500, 43.030, 6.5, 1.5, 40, 2, 2),
            pp(DONGLIAO, Kind.RED_LINE, "东辽县安恕森林生态保护红线优先保护单元", "安恕镇", "安恕河", 125.200, 43.150, 5.5, 1.6, 10, 2, 1),
            pp(DONGLIAO, Kind.PROTECTED_AREA, "东辽县鴜鹭湖湿地优先保护单元", "白泉镇", "鴜鹭湖", 125.060, 43.080, 4.0, 1.3, 70, 1, 1),
            pp(DONGLIAO, Kind.WATER_PRIORITY, "东辽县东辽河源头水环境优先保护单元", "辽河源镇", "东辽河", 125.380, 42.900, 4.8, 1.6, 60, 0, 0),
            pp(DONGLIAO, Kind.BLACK_SOIL, "东辽县白泉黑土地保护优先保护单元", "白泉镇", "东辽河", 124.980, 42.840, 4.6, 1.3, 100, 1, 1),
            pp(DONGLIAO, Kind.BLACK_SOIL, "东辽县渭津黑土地保护优先保护单元", "渭津镇", "渭津河", 125.400, 43.110, 4.4, 1.4, 0, 1, 0),
            pp(DONGLIAO, Kind.ECO_FUNCTION, "东辽县泉太生态功能重要区优先保护单元", "泉太镇", "东辽河", 124.980, 42.720, 4.4, 1.3, 90, 1, 0),
            pp(DONGLIAO, Kind.RED_LINE, "东辽县云顶生态保护红线优先保护单元", "云顶镇", "东辽河", 125.270, 42.720, 4.8, 1.4, 30, 2, 1),
            pp(DONGLIAO, Kind.WATER_SOURCE, "东辽县金州水库饮用水水源保护区优先保护单元", "金州乡", "金州水库", 125.130, 42.610, 3.4, 1.3, 0, 0, 0),
            pp(DONGLIAO, Kind.ECO_FUNCTION, "东辽县凌云生态环境敏感区优先保护单元", "凌云乡", "东辽河", 125.060, 42.520, 4.0, 1.4, 60, 1, 0),
            pp(DONGLIAO, Kind.RED_LINE, "东辽县建安森林生态保护红线优先保护单元", "建安镇", "东辽河", 125.160, 42.470, 4.0, 1.5, 45, 1, 1),
            pp(DONGLIAO, Kind.ECO_FUNCTION, "东辽县甲山生态功能重要区优先保护单元", "甲山乡", "东辽河", 125.330, 42.820, 3.6, 1.3, 45, 0, 0),
            pp(
                    DONGFENG,
                    Kind.WATER_SOURCE,
                    "东丰县大梨树河饮用水水源保护区优先保护单元",
                    "东丰镇",
                    "大梨树河",
                    125.610,
                    42.760,
                    3.4,
                    1.5,
                    70,
                    1,
                    0),
            pp(DONGFENG, Kind.RED_LINE, "东丰县那丹伯森林生态保护红线优先保护单元", "那丹伯镇", "辉发河", 125.600, 42.440, 6.8, 1.5, 20, 3, 2),
            pp(DONGFENG, Kind.RED_LINE, "东丰县横道河生态保护红线优先保护单元", "横道河镇", "横道河", 125.790, 42.850, 5.6, 1.5, 80, 2, 1),
            pp(DONGFENG, Kind.ECO_FUNCTION, "东丰县拉拉河生态功能重要区优先保护单元", "拉拉河镇", "拉拉河", 125.800, 42.700, 4.6, 1.3, 90, 1, 0),
            pp(DONGFENG, Kind.WATER_PRIORITY, "东丰县辉发河支流水环境优先保护单元", "小四平镇", "辉发河", 125.700, 42.960, 4.4, 1.6, 30, 0, 0),
            pp(
                    DONGFENG,
                    Kind.WATER_SOURCE,
                    "东丰县黄河水库饮用水水源保护区优先保护单元",
                    "黄河镇",
                    "黄河水库",
                    125.320,
                    42.500,
                    3.6,
                    1.3,
                    60,
                    1,
                    1),
            pp(DONGFENG, Kind.BLACK_SOIL, "东丰县大阳黑土地保护优先保护单元", "大阳镇", "东辽河", 125.440, 42.620, 4.6, 1.4, 20, 1, 0),
            pp(DONGFENG, Kind.BLACK_SOIL, "东丰县沙河黑土地保护优先保护单元", "沙河镇", "东辽河", 125.250, 42.590, 4.2, 1.3, 45, 1, 0),
            pp(DONGFENG, Kind.ECO_FUNCTION, "东丰县小四平生态功能重要区优先保护单元", "小四平镇", "辉发河", 125.600, 43.000, 4.6, 1.4, 60, 1, 1),
            pp(DONGFENG, Kind.ECO_FUNCTION, "东丰县南屯基生态环境敏感区优先保护单元", "南屯基镇", "大梨树河", 125.480, 42.800, 3.8, 1.3, 0, 0, 0),
            pp(DONGFENG, Kind.PROTECTED_AREA, "东丰县猴石森林公园优先保护单元", "猴石镇", "辉发河", 125.690, 42.560, 4.8, 1.4, 120, 2, 1),
            pp(DONGFENG, Kind.RED_LINE, "东丰县杨木林生态保护红线优先保护单元", "杨木林镇", "东辽河", 125.420, 42.420, 4.8, 1.5, 10, 1, 1),
            pp(DONGFENG, Kind.ECO_FUNCTION, "东丰县三合生态功能重要区优先保护单元", "三合乡", "辉发河", 125.800, 42.560, 4.2, 1.3, 60, 1, 0));

    /** General-control units: the remainder of each division. */
    static final List<UnitPlan> GENERAL_CONTROL_UNITS = List.of(
            gc(LONGSHAN, "龙山区一般管控单元", "龙山区", "东辽河"),
            gc(XIAN, "西安区一般管控单元", "西安区", "半截河"),
            gc(DONGFENG, "东丰县一般管控单元", "东丰县", "辉发河"),
            gc(DONGLIAO, "东辽县一般管控单元", "东辽县", "东辽河"));
}
