package org.zoninghub.platform.simulator.national;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/**
 * The divisions of the national dataset: the 31 provinces of the mainland with their real GB/T 2260 two-digit codes,
 * names, lon/lat boxes and numbers of county-level divisions (as of 2024, rounded where they move year to year), and
 * for each province that many county-level divisions with <em>generated</em> codes of the GB/T 2260 form: province
 * prefix, a prefecture {@code 01}… (twelve divisions to a prefecture), a county part {@code 02}–{@code 05} (districts)
 * or {@code 21}… (counties). Names are generated too (no digits, so that no name reads as a clause marker).
 *
 * <p>Each division owns one cell of a national grid (0.25° × 0.2°, origin 73.5°E 18°N) whose centre lies in its
 * province's box; provinces with the smaller box choose first, so that Beijing, Tianjin and Shanghai keep cells
 * inside the boxes of their neighbours. Cells never overlap, so neither do the units drawn inside them.
 */
public final class NationalDivisions {

    /** Longitude of the grid's west edge. */
    static final double LON0 = 73.5;
    /** Latitude of the grid's south edge. */
    static final double LAT0 = 18.0;
    /** Width of a division cell, degrees of longitude. */
    static final double CELL_W = 0.25;
    /** Height of a division cell, degrees of latitude. */
    static final double CELL_H = 0.2;

    private static final int COLUMNS = 256;
    private static final int ROWS = 180;
    private static final int PER_PREFECTURE = 12;

    /** The river basins of the national set: code → Chinese name, in the order they are listed. */
    public static final Map<String, String> BASINS = basins();

    /** A province: real code prefix, name, lon/lat box, number of county-level divisions, basins it drains to. */
    record Province(
            String prefix,
            String name,
            String shortName,
            double minLon,
            double minLat,
            double maxLon,
            double maxLat,
            int counties,
            List<String> basins) {

        double boxArea() {
            return (maxLon - minLon) * (maxLat - minLat);
        }

        boolean contains(double lon, double lat) {
            return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
        }
    }

    /**
     * A county-level division of the national set.
     *
     * @param code six-digit code (generated, of the GB/T 2260 form)
     * @param name generated Chinese name
     * @param provinceName the province's real name
     * @param prefectureCode the six-digit code of its prefecture ({@code PPCC00})
     * @param prefectureName the prefecture's generated name
     * @param cell its cell of the national grid (lon/lat)
     * @param basin code of the basin it lies in
     * @param otherBasin code of a second basin of its province (units near the divide lie in both), or {@code null}
     */
    public record Division(
            String code,
            String name,
            String provinceName,
            String prefectureCode,
            String prefectureName,
            Envelope cell,
            String basin,
            String otherBasin) {}

    static final List<Province> PROVINCES = List.of(
            p("11", "北京市", "北京", 115.42, 39.44, 117.51, 41.06, 16, "HAIHE"),
            p("12", "天津市", "天津", 116.70, 38.55, 118.06, 40.25, 16, "HAIHE"),
            p("13", "河北省", "冀", 113.45, 36.05, 119.85, 42.62, 167, "HAIHE", "LIAOHE"),
            p("14", "山西省", "晋", 110.23, 34.57, 114.56, 40.74, 117, "HUANGHE", "HAIHE"),
            p("15", "内蒙古自治区", "蒙", 97.17, 37.40, 126.07, 53.34, 103, "HUANGHE", "LIAOHE", "SONGHUA", "NORTHWEST"),
            p("21", "辽宁省", "辽", 118.83, 38.72, 125.78, 43.49, 100, "LIAOHE"),
            p("22", "吉林省", "吉", 121.64, 40.86, 131.32, 46.30, 60, "SONGHUA", "LIAOHE"),
            p("23", "黑龙江省", "黑", 121.18, 43.42, 135.09, 53.56, 121, "SONGHUA"),
            p("31", "上海市", "沪", 120.85, 30.67, 122.20, 31.88, 16, "CHANGJIANG"),
            p("32", "江苏省", "苏", 116.36, 30.76, 121.97, 35.13, 95, "CHANGJIANG", "HUAIHE"),
            p("33", "浙江省", "浙", 118.02, 27.04, 123.16, 31.18, 90, "SOUTHEAST", "CHANGJIANG"),
            p("34", "安徽省", "皖", 114.88, 29.39, 119.65, 34.65, 104, "CHANGJIANG", "HUAIHE"),
            p("35", "福建省", "闽", 115.84, 23.50, 120.72, 28.32, 84, "SOUTHEAST"),
            p("36", "江西省", "赣", 113.57, 24.49, 118.48, 30.08, 100, "CHANGJIANG"),
            p("37", "山东省", "鲁", 114.80, 34.38, 122.72, 38.40, 136, "HUAIHE", "HUANGHE", "HAIHE"),
            p("41", "河南省", "豫", 110.35, 31.38, 116.65, 36.37, 157, "HUANGHE", "HUAIHE", "CHANGJIANG", "HAIHE"),
            p("42", "湖北省", "鄂", 108.36, 29.03, 116.13, 33.27, 103, "CHANGJIANG"),
            p("43", "湖南省", "湘", 108.79, 24.64, 114.26, 30.13, 122, "CHANGJIANG"),
            p("44", "广东省", "粤", 109.66, 20.22, 117.32, 25.52, 122, "ZHUJIANG"),
            p("45", "广西壮族自治区", "桂", 104.45, 20.90, 112.06, 26.39, 111, "ZHUJIANG"),
            p("46", "海南省", "琼", 108.61, 18.16, 111.05, 20.16, 25, "ZHUJIANG"),
            p("50", "重庆市", "渝", 105.29, 28.16, 110.20, 32.20, 38, "CHANGJIANG"),
            p("51", "四川省", "川", 97.35, 26.05, 108.54, 34.32, 183, "CHANGJIANG", "HUANGHE"),
            p("52", "贵州省", "黔", 103.60, 24.62, 109.59, 29.22, 88, "CHANGJIANG", "ZHUJIANG"),
            p("53", "云南省", "滇", 97.53, 21.14, 106.20, 29.23, 129, "SOUTHWEST", "CHANGJIANG", "ZHUJIANG"),
            p("54", "西藏自治区", "藏", 78.39, 26.85, 99.12, 36.49, 74, "SOUTHWEST"),
            p("61", "陕西省", "陕", 105.49, 31.71, 111.24, 39.58, 107, "HUANGHE", "CHANGJIANG"),
            p("62", "甘肃省", "甘", 92.34, 32.59, 108.71, 42.79, 86, "HUANGHE", "NORTHWEST"),
            p("63", "青海省", "青", 89.40, 31.60, 103.07, 39.21, 44, "CHANGJIANG", "HUANGHE", "NORTHWEST"),
            p("64", "宁夏回族自治区", "宁", 104.28, 35.24, 107.65, 39.39, 22, "HUANGHE"),
            p("65", "新疆维吾尔自治区", "新", 73.50, 34.33, 96.39, 49.18, 107, "NORTHWEST"));

    private static final String[] FIRST = {
        "东", "西", "南", "北", "安", "平", "宁", "永", "长", "新", "兴", "德", "顺", "庆", "昌", "明", "和", "清", "华", "丰"
    };
    private static final String[] SECOND = {
        "河", "山", "阳", "城", "林", "泉", "源", "溪", "川", "湖", "岭", "原", "江", "州", "台", "坪", "峰", "塘", "沟", "陵"
    };

    private static final NationalDivisions INSTANCE = new NationalDivisions();

    private final List<Division> divisions;
    private final Map<String, Division> byCode;

    private NationalDivisions() {
        boolean[] claimed = new boolean[COLUMNS * ROWS];
        Map<String, List<Integer>> cells = new LinkedHashMap<>();
        List<Province> bySize = new ArrayList<>(PROVINCES);
        bySize.sort(Comparator.comparingDouble(Province::boxArea));
        for (Province province : bySize) {
            List<Integer> mine = new ArrayList<>();
            for (int row = 0; row < ROWS; row++) {
                for (int col = 0; col < COLUMNS; col++) {
                    int cell = row * COLUMNS + col;
                    if (!claimed[cell] && province.contains(LON0 + (col + 0.5) * CELL_W, LAT0 + (row + 0.5) * CELL_H)) {
                        claimed[cell] = true;
                        mine.add(cell);
                    }
                }
            }
            if (mine.size() < province.counties()) {
                throw new IllegalStateException(province.name() + " has " + mine.size() + " grid cells for "
                        + province.counties() + " divisions");
            }
            cells.put(province.prefix(), mine);
        }
        List<Division> list = new ArrayList<>();
        for (Province province : PROVINCES) {
            List<Integer> mine = cells.get(province.prefix());
            for (int k = 0; k < province.counties(); k++) {
                int cell = mine.get((int) ((long) k * mine.size() / province.counties()));
                int col = cell % COLUMNS;
                int row = cell / COLUMNS;
                Envelope box = new Envelope(
                        LON0 + col * CELL_W, LON0 + (col + 1) * CELL_W, LAT0 + row * CELL_H, LAT0 + (row + 1) * CELL_H);
                int prefecture = k / PER_PREFECTURE + 1;
                int within = k % PER_PREFECTURE;
                int county = within < 4 ? 2 + within : 21 + within - 4;
                String prefectureCode = province.prefix() + two(prefecture) + "00";
                String code = province.prefix() + two(prefecture) + two(county);
                String prefectureName =
                        province.shortName() + name(province.prefix().hashCode() * 31 + prefecture) + "市";
                String name = name(code.hashCode()) + (within < 4 ? "区" : "县");
                List<String> basins = province.basins();
                String basin = basins.get(k % basins.size());
                String other = basins.size() > 1 && k % 3 == 0 ? basins.get((k + 1) % basins.size()) : null;
                list.add(new Division(code, name, province.name(), prefectureCode, prefectureName, box, basin, other));
            }
        }
        this.divisions = List.copyOf(list);
        Map<String, Division> index = new LinkedHashMap<>();
        divisions.forEach(d -> index.put(d.code(), d));
        this.byCode = index;
    }

    /** The divisions of the national set (always the same). */
    public static NationalDivisions get() {
        return INSTANCE;
    }

    /** Every division, province by province in code order. */
    public List<Division> divisions() {
        return divisions;
    }

    /** The division with this code. */
    public Division division(String code) {
        Division d = byCode.get(code);
        if (d == null) {
            throw new IllegalArgumentException("no division " + code + " in the national set");
        }
        return d;
    }

    /** The lon/lat envelope of every division cell. */
    public Envelope envelope() {
        Envelope all = new Envelope();
        divisions.forEach(d -> all.expandToInclude(d.cell()));
        return all;
    }

    private static Province p(
            String prefix,
            String name,
            String shortName,
            double minLon,
            double minLat,
            double maxLon,
            double maxLat,
            int counties,
            String... basins) {
        return new Province(prefix, name, shortName, minLon, minLat, maxLon, maxLat, counties, List.of(basins));
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String name(int hash) {
        int h = Math.floorMod(hash * 0x9E3779B1, FIRST.length * SECOND.length);
        return FIRST[h / SECOND.length] + SECOND[h % SECOND.length];
    }

    private static Map<String, String> basins() {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("LIAOHE", "辽河流域");
        b.put("SONGHUA", "松花江流域");
        b.put("HAIHE", "海河流域");
        b.put("HUANGHE", "黄河流域");
        b.put("HUAIHE", "淮河流域");
        b.put("CHANGJIANG", "长江流域");
        b.put("ZHUJIANG", "珠江流域");
        b.put("SOUTHEAST", "东南诸河流域");
        b.put("SOUTHWEST", "西南诸河流域");
        b.put("NORTHWEST", "西北诸河流域");
        return java.util.Collections.unmodifiableMap(b);
    }
}
