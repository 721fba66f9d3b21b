package org.zoninghub.sync.files;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.Dimension;

/**
 * The access-list tables of docs/files.md (XLSX and CSV share it): which columns a header row names, and how a row of
 * cells becomes a record of the provincial shape.
 *
 * <p>Two layouts are told apart by their headers. Unit level: 环境管控单元编码, 环境管控单元名称, 省, 市, 区县, 管控单元分类 and
 * the four dimensions (空间布局约束, 污染物排放管控, 环境风险防控, 资源开发效率要求). City/basin level: 层级, 适用对象编码,
 * 适用对象名称 and the four dimensions. Both may add 版本号 (BBH), 更新时间 (GXSJ) and 状态 (ZT); without a 版本号 or
 * 更新时间 column the edition and update time given by the caller are used. Headers are compared without white space.
 * An unknown or repeated header, or a missing required one, is a defect of the file naming it.
 *
 * <p>Cells are converted, not validated (the provincial mapper validates): codes stay text; 管控单元分类 given as 1, 2, 3
 * or as 优先保护单元, 重点管控单元, 一般管控单元 becomes the number 1, 2, 3 (anything else stays text for the mapper to
 * report); an 更新时间 without offset ({@code 2025-01-26}, {@code 2025-01-26 08:00}, {@code 2025/1/26}, or a date
 * cell) is local time in China, UTC+08:00.
 */
final class ListTable {

    /** Which list a table holds. */
    enum Level {
        /** One list per control unit (the "61"). */
        UNIT,
        /** City-wide and basin lists (the "1+2"). */
        SCOPE
    }

    /** The offset of 北京时间, which tables without an explicit offset are written in. */
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    static final String EDITION = "BBH";

    /** Why a table without 版本号 is refused when no edition is in force to record for its rows. */
    static final String NO_EDITION = "no edition in force: give 版本号 (BBH) in the file or import the units first";

    static final String UPDATED = "GXSJ";
    static final String CATEGORY = "ZHGKDYFL";

    private static final List<String> UNIT_FIELDS =
            new ArrayList<>(List.of("HJGKDYBM", "HJGKDYMC", "PROV", "CITY", "AREA", CATEGORY));
    private static final List<String> SCOPE_FIELDS = new ArrayList<>(List.of("CJ", "SYDXBM", "SYDXMC"));
    private static final List<String> OPTIONAL_FIELDS = List.of(EDITION, UPDATED, "ZT");

    static {
        for (Dimension d : Dimension.values()) {
            UNIT_FIELDS.add(d.fieldCode());
            SCOPE_FIELDS.add(d.fieldCode());
        }
    }

    private static final Pattern LOCAL_TIME =
            Pattern.compile("^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$");

    /**
     * The columns of a table: for each column index the field it fills, or null for a column without header.
     *
     * @param headerRow the 1-based row number of the header
     */
    record Layout(Level level, List<String> fields, int headerRow) {}

    private final String file;
    private final String edition;
    private final OffsetDateTime updatedAt;
    private final FieldNames names;

    /**
     * @param file the file name, for defects
     * @param edition the edition to record when the table has no 版本号 column, or null when no edition is in force
     *     (a table without 版本号 is then refused as a whole, since its rows would have no edition)
     * @param updatedAt the update time to record when the table has no 更新时间 column, or null
     */
    ListTable(String file, String edition, OffsetDateTime updatedAt, FieldNames names) {
        this.file = file;
        this.edition = edition;
        this.updatedAt = updatedAt;
        this.names = names;
    }

    /** Normalised header text: without any white space (including ideographic space and line breaks). */
    static String header(String cell) {
        return cell == null ? "" : cell.replaceAll("[\\s\\u3000\\uFEFF]+", "");
    }

    /** Whether a row of header texts names at least one column of either layout. */
    static boolean looksLikeHeader(List<String> cells, FieldNames names) {
        return cells.stream()
                .map(ListTable::header)
                .map(names::field)
                .flatMap(java.util.Optional::stream)
                .anyMatch(f -> UNIT_FIELDS.contains(f) || SCOPE_FIELDS.contains(f));
    }

    /** The layout a header row names, or null after adding the defects that make it unusable. */
    Layout layout(List<String> cells, int headerRow, List<FileDefect> defects) {
        List<String> headers = cells.stream().map(ListTable::header).toList();
        Set<String> named = new LinkedHashSet<>();
        headers.forEach(h -> names.field(h).ifPresent(named::add));
        boolean unit = named.contains("HJGKDYBM");
        boolean scope = named.contains("CJ") || named.contains("SYDXBM");
        String where = "header row " + headerRow;
        if (unit == scope) {
            defects.add(new FileDefect(
                    file,
                    where,
                    (unit
                                    ? "mixes unit-level (环境管控单元编码) and city/basin-level (层级, 适用对象编码) columns"
                                    : "names neither a unit-level list (环境管控单元编码, …) nor a city/basin list (层级,"
                                            + " 适用对象编码, …)")
                            + "; found: "
                            + String.join(
                                    ", ",
                                    headers.stream().filter(h -> !h.isEmpty()).toList())));
            return null;
        }
        Level level = unit ? Level.UNIT : Level.SCOPE;
        List<String> required = unit ? UNIT_FIELDS : SCOPE_FIELDS;
        List<String> fields = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        List<String> repeated = new ArrayList<>();
        for (int c = 0; c < headers.size(); c++) {
            String h = headers.get(c);
            if (h.isEmpty()) {
                fields.add(null);
                continue;
            }
            String field = names.field(h)
                    .filter(f -> required.contains(f) || OPTIONAL_FIELDS.contains(f))
                    .orElse(null);
            if (field == null) {
                unknown.add(h + " (column " + columnName(c) + ")");
            } else if (seen.containsKey(field)) {
                String first = seen.get(field);
                repeated.add(
                        first.equals(h)
                                ? h + " (column " + columnName(c) + ")"
                                : h + " (column " + columnName(c) + ", the same field " + field + " as " + first + ")");
            } else {
                seen.put(field, h);
            }
            fields.add(field);
        }
        List<String> missing = required.stream()
                .filter(f -> !seen.containsKey(f))
                .map(names::display)
                .toList();
        String kind = unit ? "a unit-level list" : "a city/basin list";
        if (!unknown.isEmpty()) {
            defects.add(new FileDefect(
                    file,
                    where,
                    "unknown column" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown) + " for " + kind
                            + "; expected "
                            + String.join(
                                    ", ", required.stream().map(names::display).toList())
                            + ", and optionally "
                            + String.join(
                                    ", ",
                                    OPTIONAL_FIELDS.stream().map(names::display).toList())));
        }
        if (!repeated.isEmpty()) {
            defects.add(new FileDefect(file, where, "repeated column " + String.join(", ", repeated)));
        }
        if (!missing.isEmpty()) {
            defects.add(new FileDefect(
                    file,
                    where,
                    "missing required column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " for "
                            + kind));
        }
        boolean noEdition = !seen.containsKey(EDITION) && edition == null;
        if (noEdition) {
            defects.add(new FileDefect(file, where, NO_EDITION));
        }
        mappings = Map.copyOf(seen);
        return unknown.isEmpty() && repeated.isEmpty() && missing.isEmpty() && !noEdition
                ? new Layout(level, java.util.Collections.unmodifiableList(fields), headerRow)
                : null;
    }

    private Map<String, String> mappings = Map.of();

    /** Which header filled which field, after {@link #layout}: field code → header text as found. */
    Map<String, String> mappings() {
        return new java.util.TreeMap<>(mappings);
    }

    /**
     * What a list file held: its rows as city/basin list items or as unit list rows, by the level its header showed,
     * with the defects found and the field names that matched.
     */
    FileImport toImport(String format, Layout layout, List<ObjectNode> rows, List<FileDefect> defects) {
        boolean unit = layout.level() == Level.UNIT;
        return new FileImport(
                file, format, List.of(), unit ? List.of() : rows, unit ? rows : List.of(), defects, 0, mappings());
    }

    /**
     * The record of one row, or null for a row without any value (not a record) or after adding its defects.
     *
     * @param cells cell values: {@link String}, {@link LocalDateTime} (a date cell) or null, by column index
     */
    ObjectNode row(Layout layout, int rowNumber, List<Object> cells, List<FileDefect> defects) {
        if (cells.stream().allMatch(ListTable::isBlank)) {
            return null;
        }
        String record = "row " + rowNumber;
        for (int c = layout.fields().size(); c < cells.size(); c++) {
            if (!isBlank(cells.get(c))) {
                defects.add(new FileDefect(
                        file, record, "value in column " + columnName(c) + " beyond the last header column"));
                return null;
            }
        }
        for (int c = 0; c < layout.fields().size() && c < cells.size(); c++) {
            if (layout.fields().get(c) == null && !isBlank(cells.get(c))) {
                defects.add(new FileDefect(file, record, "value in column " + columnName(c) + " which has no header"));
                return null;
            }
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int c = 0; c < layout.fields().size(); c++) {
            String field = layout.fields().get(c);
            if (field == null) {
                continue;
            }
            Object cell = c < cells.size() ? cells.get(c) : null;
            if (isBlank(cell)) {
                node.putNull(field);
            } else if (field.equals(CATEGORY)) {
                String s = text(cell);
                Integer digit = categoryDigit(s);
                if (digit == null) {
                    node.put(field, s);
                } else {
                    node.put(field, digit);
                }
            } else if (field.equals(UPDATED)) {
                node.put(field, time(cell));
            } else {
                node.put(field, text(cell));
            }
        }
        if (!layout.fields().contains(EDITION) && edition != null) {
            node.put(EDITION, edition);
        }
        if (!layout.fields().contains(UPDATED) && updatedAt != null) {
            node.put(UPDATED, updatedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        return node;
    }

    private static Integer categoryDigit(String s) {
        for (Category c : Category.values()) {
            if (s.equals(Integer.toString(c.digit())) || s.equals(c.chineseName())) {
                return c.digit();
            }
        }
        return null;
    }

    /** An update time as RFC 3339 text; local forms are taken as China time, anything else is kept as given. */
    static String time(Object cell) {
        if (cell instanceof LocalDateTime t) {
            return t.atOffset(CHINA).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (cell instanceof LocalDate d) {
            return d.atStartOfDay().atOffset(CHINA).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        String s = text(cell);
        Matcher m = LOCAL_TIME.matcher(s);
        if (m.matches()) {
            try {
                LocalDate date = LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                LocalTime time = m.group(4) == null
                        ? LocalTime.MIDNIGHT
                        : LocalTime.of(
                                Integer.parseInt(m.group(4)),
                                Integer.parseInt(m.group(5)),
                                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                return LocalDateTime.of(date, time).atOffset(CHINA).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (java.time.DateTimeException e) {
                return s;
            }
        }
        return s;
    }

    private static String text(Object cell) {
        if (cell instanceof LocalDateTime t) {
            return t.toLocalTime().equals(LocalTime.MIDNIGHT)
                    ? t.toLocalDate().toString()
                    : t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
        return cell.toString().strip();
    }

    private static boolean isBlank(Object cell) {
        return cell == null || (cell instanceof String s && s.isBlank());
    }

    /** The spreadsheet name of a 0-based column index: A, B, …, Z, AA, … */
    static String columnName(int index) {
        StringBuilder s = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            s.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return s.toString();
    }
}
