package org.zoninghub.sync.files;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which column (DBF field, GeoJSON property, table header) fills which field of the provincial shape: the national
 * pinyin code itself (HJGKDYBM, …), and the Chinese and other names real deliveries use for it (环境管控单元编码,
 * 管控单元编码, DYBM, …). The built-in names ({@link #DEFAULTS}) can be extended by configuration
 * ({@code zoning.sync.files.field-names}).
 *
 * <p>Matching: a name is compared after removing surrounding (for table headers: all) white space; a name of Latin
 * letters, digits and underscores is compared case-insensitively, any other exactly. Every name belongs to one field
 * only: a configured name already used by another field is refused at start-up. Two columns of one file naming the
 * same field are a defect of that file ({@link #conflict}).
 *
 * <p>Immutable and thread-safe.
 */
public final class FieldNames {

    /**
     * The built-in names: field code → the names that fill it, the first one the name that defects and documentation
     * show. The code itself always matches and is not listed.
     */
    public static final Map<String, List<String>> DEFAULTS = defaults();

    /** The built-in names only. */
    public static final FieldNames STANDARD = new FieldNames(Map.of());

    private final Map<String, List<String>> names;
    private final Map<String, String> byKey;

    /**
     * @param extra further names per field code (a key that is not a known code adds a field read under that code);
     *     null or empty for the built-in names only
     * @throws IllegalArgumentException when a name would fill two fields
     */
    public FieldNames(Map<String, List<String>> extra) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        DEFAULTS.forEach((field, list) -> all.put(field, new ArrayList<>(list)));
        if (extra != null) {
            extra.forEach((field, list) -> {
                String code = field.strip().toUpperCase(Locale.ROOT);
                List<String> into = all.computeIfAbsent(code, k -> new ArrayList<>());
                for (String n : list == null ? List.<String>of() : list) {
                    if (n != null && !n.isBlank() && !into.contains(n.strip())) {
                        into.add(n.strip());
                    }
                }
            });
        }
        Map<String, String> keys = new LinkedHashMap<>();
        all.forEach((field, list) -> {
            List<String> withCode = new ArrayList<>();
            withCode.add(field);
            withCode.addAll(list);
            for (String n : withCode) {
                String previous = keys.putIfAbsent(key(n), field);
                if (previous != null && !previous.equals(field)) {
                    throw new IllegalArgumentException(
                            "the field name \"" + n + "\" is given for both " + previous + " and " + field);
                }
            }
        });
        all.replaceAll((field, list) -> List.copyOf(list));
        this.names = Map.copyOf(all);
        this.byKey = Map.copyOf(keys);
    }

    /** The field a column name fills, if any. */
    public Optional<String> field(String column) {
        return column == null ? Optional.empty() : Optional.ofNullable(byKey.get(key(column)));
    }

    /** The name of a field as defects show it: its first Chinese (or other) name, else the code. */
    public String display(String field) {
        List<String> list = names.getOrDefault(field, List.of());
        return list.isEmpty() ? field : list.get(0);
    }

    /** The names that fill a field, the code first. */
    public List<String> namesOf(String field) {
        List<String> all = new ArrayList<>();
        all.add(field);
        all.addAll(names.getOrDefault(field, List.of()));
        return all;
    }

    /**
     * Which column fills which field, for the columns given (in their order; the first column wins for a field two
     * columns name, and {@link #conflict} says so).
     *
     * @return field → the column that fills it, for every column that fills one
     */
    public Map<String, String> mappings(Collection<String> columns) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String c : columns) {
            field(c).ifPresent(f -> m.putIfAbsent(f, c));
        }
        return m;
    }

    /**
     * The defect reason for columns that name the same field, or empty when every field is named once: {@code the
     * columns HJGKDYBM and 环境管控单元编码 both give HJGKDYBM; keep one}.
     */
    public Optional<String> conflict(Collection<String> columns) {
        Map<String, Set<String>> byField = new LinkedHashMap<>();
        for (String c : columns) {
            field(c).ifPresent(f ->
                    byField.computeIfAbsent(f, k -> new LinkedHashSet<>()).add(c));
        }
        List<String> reasons = new ArrayList<>();
        byField.forEach((field, cols) -> {
            if (cols.size() > 1) {
                List<String> list = new ArrayList<>(cols);
                reasons.add("the columns " + String.join(", ", list.subList(0, list.size() - 1)) + " and "
                        + list.get(list.size() - 1) + " both give " + field + "; keep one");
            }
        });
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    /**
     * A copy of a record's members with each column that fills a field renamed to the field's code; other members
     * are kept as they are, in their order.
     */
    public com.fasterxml.jackson.databind.node.ObjectNode renamed(
            com.fasterxml.jackson.databind.node.ObjectNode record) {
        com.fasterxml.jackson.databind.node.ObjectNode out =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        record.properties().forEach(e -> {
            String to = field(e.getKey()).orElse(e.getKey());
            if (!out.has(to)) {
                out.set(to, e.getValue());
            }
        });
        return out;
    }

    /** The comparison key of a name: without white space; upper case when it is all ASCII. */
    static String key(String name) {
        String s = name.replaceAll("[\\s\\u3000\\uFEFF]+", "");
        return s.chars().allMatch(ch -> ch < 128) ? s.toUpperCase(Locale.ROOT) : s;
    }

    private static Map<String, List<String>> defaults() {
        Map<String, List<String>> d = new LinkedHashMap<>();
        d.put("HJGKDYBM", List.of("环境管控单元编码", "管控单元编码", "单元编码", "DYBM", "GKDYBM"));
        d.put("HJGKDYMC", List.of("环境管控单元名称", "管控单元名称", "单元名称", "DYMC", "GKDYMC"));
        d.put("PROV", List.of("省", "省份", "省名称", "SHENG"));
        d.put("CITY", List.of("市", "地市", "市名称", "SHI"));
        d.put("AREA", List.of("区县", "县区", "区县名称", "QX", "XZQ"));
        d.put("ZHGKDYFL", List.of("管控单元分类", "管控单元类别", "单元分类", "单元类别", "GKDYFL", "DYFL", "GKDYLB"));
        d.put("LYMC", List.of("流域名称", "所属流域", "流域"));
        d.put("KJBJYS", List.of("空间布局约束", "KJBJ"));
        d.put("PWWPFGK", List.of("污染物排放管控", "PWPFGK", "WRWPFGK"));
        d.put("HJFXFK", List.of("环境风险防控", "FXFK"));
        d.put("ZYKFXLYQ", List.of("资源开发效率要求", "资源利用效率要求", "资源开发利用效率要求", "ZYLYXL", "ZYKFXL"));
        d.put("BBH", List.of("版本号", "版本", "VERSION"));
        d.put("GXSJ", List.of("更新时间", "更新日期", "UPDATED"));
        d.put("ZT", List.of("状态", "STATUS"));
        d.put("CJ", List.of("层级", "清单层级"));
        d.put("SYDXBM", List.of("适用对象编码", "对象编码"));
        d.put("SYDXMC", List.of("适用对象名称", "对象名称"));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        d.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldNames other && names.equals(other.names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names);
    }
}
