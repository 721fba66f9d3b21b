package org.zoninghub.sync.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.zoninghub.store.RuleVersions;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.SyncRuns.Rejection;
import org.zoninghub.sync.Delivery;
import org.zoninghub.sync.Delivery.IncomingList;
import org.zoninghub.sync.ProvincialMapper;
import org.zoninghub.sync.files.FileDefect;
import org.zoninghub.sync.files.FileImport;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.ControlUnit;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.RuleLevel;
import org.zoninghub.zoning.UnitCodes;
import org.zoninghub.zoning.UnitStatus;

/**
 * Turns what a file held ({@link FileImport}) into a {@link Delivery}, so that a file is validated, planned and
 * applied exactly like a provincial delivery. A file is never a full delivery: a unit it does not list stays as it is.
 *
 * <p>Unit features and city/basin lists go through the {@link ProvincialMapper}. Unit-level list rows (a table with
 * 环境管控单元编码 and no geometry) are checked here, because they update the lists of units that must already exist:
 *
 * <ul>
 *   <li>a row for a unit of the same file replaces that unit's own list texts;
 *   <li>a row for a unit whose current version in the store is active becomes a {@link RuleLevel#UNIT} list of the
 *       delivery, which re-plans the unit's rules without a new unit version;
 *   <li>a row for a unit that exists in neither is rejected ("a unit's lists without the unit"), as is a row whose
 *       name or category disagrees with the unit it names.
 * </ul>
 *
 * What the readers could not convert ({@link FileImport#defects()}) is rejected with the record the reader named. Every
 * rejected record that was read keeps its record as a payload for the quarantine.
 *
 * <p>Pure: the store is consulted only through the function given to {@link #map}.
 */
public final class FileDeliveries {

    static final String CODE = "HJGKDYBM";
    static final String NAME = "HJGKDYMC";
    static final String CITY = "CITY";
    static final String AREA = "AREA";
    static final String CATEGORY = "ZHGKDYFL";
    static final String EDITION = "BBH";
    static final String UPDATED = "GXSJ";
    static final String STATUS = "ZT";
    static final String SCOPE = "SYDXBM";

    /**
     * A file's delivery with what the quarantine keeps of each rejected record.
     *
     * @param delivery the valid units and lists, and every rejected record with its reason; never full
     * @param payloads rejected record name → the record as read (JSON), where the reader produced one
     * @param fileRejected whether a defect concerns the file as a whole or a table's header, so that nothing of it can
     *     be applied
     */
    public record Mapped(Delivery delivery, Map<String, String> payloads, boolean fileRejected) {}

    /** A unit list row that passed its own checks, before it is matched with its unit. */
    private record Row(String name, ObjectNode node, IncomingList list, Category category, String unitName) {}

    private final ProvincialMapper mapper;
    private final Jurisdiction jurisdiction;

    public FileDeliveries(ProvincialMapper mapper, Jurisdiction jurisdiction) {
        this.mapper = mapper;
        this.jurisdiction = jurisdiction;
    }

    /** Why a unit without lists is rejected when neither the store nor the delivery has its lists. */
    static String noLists(String code) {
        return "a new unit without lists: " + code + " is not stored, and no list file of this delivery has its row"
                + " (空间布局约束, 污染物排放管控, 环境风险防控, 资源开发效率要求); deliver it with its unit-level list"
                + " (XLSX/CSV) or with the four list fields";
    }

    /**
     * Maps a file's records; a unit without list fields is rejected unless the file has its list row.
     *
     * @param file what the readers made of the file
     * @param storedUnits the latest stored version of each of the given unit codes that has one (any status)
     */
    /**
     * The original texts of the unit lists in force now, from the store: code → dimension → text; what a unit
     * delivered with its boundaries alone keeps ({@link #map(FileImport, Function, Function)}).
     */
    public static Function<Collection<String>, Map<String, Map<Dimension, String>>> storedTexts(RuleVersions rules) {
        return codes -> {
            Map<String, Map<Dimension, String>> texts = new HashMap<>();
            for (StoredRule r : rules.activeAsOf(codes, OffsetDateTime.now())) {
                texts.computeIfAbsent(r.scopeCode(), k -> new EnumMap<>(Dimension.class))
                        .putIfAbsent(r.dimension(), r.sourceText());
            }
            return texts;
        };
    }

    public Mapped map(FileImport file, Function<Collection<String>, List<StoredUnit>> storedUnits) {
        return map(file, storedUnits, codes -> Map.of());
    }

    /**
     * Maps the records of a file or of the files of one delivery ({@link FileImport#combined}).
     *
     * <p>A unit feature without any of the four list fields (boundaries alone, as a Shapefile delivers them) takes
     * its lists from the unit-level list row of the delivery with its code, else keeps the lists stored for it (an
     * active unit of the store), else is rejected ({@link #noLists}).
     *
     * @param file what the readers made of the file(s)
     * @param storedUnits the latest stored version of each of the given unit codes that has one (any status)
     * @param storedTexts the original texts of the lists in force of the given unit codes: code → dimension → text
     */
    public Mapped map(
            FileImport file,
            Function<Collection<String>, List<StoredUnit>> storedUnits,
            Function<Collection<String>, Map<String, Map<Dimension, String>>> storedTexts) {
        List<Rejection> rejected = new ArrayList<>();
        Map<String, String> payloads = new LinkedHashMap<>();
        boolean fileRejected = false;
        boolean set = file.defects().stream().anyMatch(d -> !d.file().equals(file.file()));
        for (FileDefect d : file.defects()) {
            String record = !set || d.file().equals(file.file())
                    ? d.record()
                    : d.record().equals(d.file()) ? d.file() : d.file() + " " + d.record();
            rejected.add(new Rejection(record, d.reason()));
            fileRejected |= d.record().equals(d.file()) || d.record().startsWith("header row");
        }
        if (file.defects().isEmpty()
                && file.unitFeatures().isEmpty()
                && file.listItems().isEmpty()
                && file.unitListRows().isEmpty()) {
            rejected.add(new Rejection(file.file(), "the file holds no units and no lists"));
            fileRejected = true;
        }

        List<JsonNode> features = withLists(file, storedUnits, storedTexts, rejected, payloads);
        Delivery provincial = mapper.map(features, new ArrayList<>(file.listItems()), false);
        rejected.addAll(provincial.rejected());
        for (int i = 0; i < file.unitFeatures().size(); i++) {
            payloads.putIfAbsent(
                    featureName(file.unitFeatures().get(i), i),
                    file.unitFeatures().get(i).toString());
        }
        for (int i = 0; i < file.listItems().size(); i++) {
            JsonNode item = file.listItems().get(i);
            String name = item.hasNonNull(SCOPE) ? item.get(SCOPE).asText() : "list item #" + (i + 1);
            payloads.putIfAbsent(name, item.toString());
        }

        Map<String, ControlUnit> units = new LinkedHashMap<>();
        provincial.units().forEach(u -> units.put(u.code(), u));
        List<IncomingList> lists = new ArrayList<>(provincial.lists());
        unitLists(file.unitListRows(), units, lists, storedUnits, rejected, payloads);

        Set<String> rejectedNames = new LinkedHashSet<>();
        rejected.forEach(r -> rejectedNames.add(r.record()));
        payloads.keySet().retainAll(rejectedNames);
        return new Mapped(
                new Delivery(List.copyOf(units.values()), List.copyOf(lists), List.copyOf(rejected), false),
                payloads,
                fileRejected);
    }

    /**
     * The unit features, each without list fields given the lists of its delivery row or of the store; a feature
     * that has neither is rejected and left out.
     */
    private static List<JsonNode> withLists(
            FileImport file,
            Function<Collection<String>, List<StoredUnit>> storedUnits,
            Function<Collection<String>, Map<String, Map<Dimension, String>>> storedTexts,
            List<Rejection> rejected,
            Map<String, String> payloads) {
        Map<String, JsonNode> rows = new HashMap<>();
        for (ObjectNode row : file.unitListRows()) {
            String code = text(row, CODE);
            if (code != null && !code.isBlank()) {
                rows.putIfAbsent(code.strip(), row);
            }
        }
        List<String> bare = new ArrayList<>();
        for (ObjectNode f : file.unitFeatures()) {
            String code = text(f.path("properties"), CODE);
            if (code != null && isBare(f) && !rows.containsKey(code.strip())) {
                bare.add(code.strip());
            }
        }
        Map<String, Map<Dimension, String>> stored = new HashMap<>();
        if (!bare.isEmpty()) {
            Set<String> active = new java.util.HashSet<>();
            storedUnits.apply(bare).stream()
                    .filter(u -> u.status() == UnitStatus.ACTIVE)
                    .forEach(u -> active.add(u.code()));
            storedTexts.apply(bare).forEach((code, texts) -> {
                if (active.contains(code) && texts.size() == Dimension.values().length) {
                    stored.put(code, texts);
                }
            });
        }
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < file.unitFeatures().size(); i++) {
            ObjectNode f = file.unitFeatures().get(i);
            String code = text(f.path("properties"), CODE);
            if (code == null || !(f.get("properties") instanceof ObjectNode) || isRetired(f)) {
                out.add(f);
                continue;
            }
            JsonNode row = rows.get(code.strip());
            if (row != null) {
                ObjectNode copy = f.deepCopy();
                ObjectNode p = (ObjectNode) copy.get("properties");
                for (Dimension d : Dimension.values()) {
                    String t = text(p, d.fieldCode());
                    if ((t == null || t.isBlank()) && row.hasNonNull(d.fieldCode())) {
                        p.set(d.fieldCode(), row.get(d.fieldCode()));
                    }
                }
                out.add(copy);
            } else if (!isBare(f)) {
                out.add(f);
            } else if (stored.containsKey(code.strip())) {
                ObjectNode copy = f.deepCopy();
                ObjectNode p = (ObjectNode) copy.get("properties");
                stored.get(code.strip()).forEach((d, t) -> p.put(d.fieldCode(), t));
                out.add(copy);
            } else {
                String name = featureName(f, i);
                rejected.add(new Rejection(name, noLists(code.strip())));
                payloads.putIfAbsent(name, f.toString());
            }
        }
        return out;
    }

    /** Whether a feature has none of the four list fields (or only blank ones). */
    private static boolean isBare(JsonNode feature) {
        JsonNode p = feature.path("properties");
        for (Dimension d : Dimension.values()) {
            String t = text(p, d.fieldCode());
            if (t != null && !t.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRetired(JsonNode feature) {
        return "废止".equals(text(feature.path("properties"), STATUS));
    }

    private void unitLists(
            List<ObjectNode> rows,
            Map<String, ControlUnit> units,
            List<IncomingList> lists,
            Function<Collection<String>, List<StoredUnit>> storedUnits,
            List<Rejection> rejected,
            Map<String, String> payloads) {
        List<Row> valid = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ObjectNode node = rows.get(i);
            String code = text(node, CODE);
            String name = code == null || code.isBlank() ? "unit list row #" + (i + 1) : code.strip();
            payloads.putIfAbsent(name, node.toString());
            List<String> defects = new ArrayList<>();
            Category category = category(node, defects);
            String unitName = required(node, NAME, "环境管控单元名称", defects);
            if (code == null || code.isBlank()) {
                defects.add("missing field " + CODE + " (环境管控单元编码)");
            } else {
                UnitCodes.validate(code, category, jurisdiction).forEach(d -> defects.add(d.message()));
                placeDefects(node, code, defects);
            }
            String status = text(node, STATUS);
            if ("废止".equals(status)) {
                defects.add(STATUS + " 废止: a unit's list is not retired on its own; retire the unit (ZT 废止 in a unit"
                        + " file) and its rules retire with it");
            } else if (status != null && !status.isBlank() && !"有效".equals(status)) {
                defects.add(STATUS + " \"" + status + "\" is not a status (expected 有效 or 废止)");
            }
            EnumMap<Dimension, String> texts = new EnumMap<>(Dimension.class);
            for (Dimension d : Dimension.values()) {
                String t = text(node, d.fieldCode());
                if (t != null && !t.isBlank()) {
                    texts.put(d, t);
                } else {
                    defects.add("empty list: " + d.fieldCode() + " (" + d.chineseName() + ") is missing or blank");
                }
            }
            String edition = required(node, EDITION, "版本号", defects);
            OffsetDateTime updated = time(node, defects);
            Integer first = seen.putIfAbsent(name, i);
            if (first != null) {
                defects.add(
                        "duplicate code in this delivery (unit list rows #" + (first + 1) + " and #" + (i + 1) + ")");
            }
            if (defects.isEmpty()) {
                IncomingList list = new IncomingList(
                        RuleLevel.UNIT, code.strip(), unitName, texts, UnitStatus.ACTIVE, edition, updated);
                valid.add(new Row(name, node, list, category, unitName));
            } else {
                defects.forEach(d -> rejected.add(new Rejection(name, d)));
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        List<String> elsewhere = valid.stream()
                .map(r -> r.list().scopeCode())
                .filter(c -> !units.containsKey(c))
                .toList();
        Map<String, StoredUnit> stored = new HashMap<>();
        if (!elsewhere.isEmpty()) {
            storedUnits.apply(elsewhere).forEach(u -> stored.put(u.code(), u));
        }
        for (Row row : valid) {
            String code = row.list().scopeCode();
            ControlUnit inImport = units.get(code);
            StoredUnit inStore = stored.get(code);
            List<String> defects = new ArrayList<>();
            if (inImport != null) {
                agree(row, inImport.name(), inImport.category(), "the unit of this file", defects);
                if (defects.isEmpty()) {
                    units.put(code, withTexts(inImport, row.list().texts()));
                }
            } else if (inStore != null && inStore.status() == UnitStatus.ACTIVE) {
                agree(row, inStore.name(), inStore.category(), "the stored unit", defects);
                if (defects.isEmpty()) {
                    lists.add(row.list());
                }
            } else {
                defects.add("a unit's lists without the unit: " + code
                        + (inStore == null ? " is neither stored nor a unit of this file" : " is retired in the store")
                        + "; import the unit (GeoJSON or Shapefile) first");
            }
            defects.forEach(d -> rejected.add(new Rejection(row.name(), d)));
        }
    }

    private static void agree(Row row, String name, Category category, String which, List<String> defects) {
        if (!name.equals(row.unitName())) {
            defects.add(
                    NAME + " (环境管控单元名称) \"" + row.unitName() + "\" differs from " + which + "'s name \"" + name + "\"");
        }
        if (category != row.category()) {
            defects.add(
                    CATEGORY + " (管控单元分类) " + row.category() + " differs from " + which + "'s category " + category);
        }
    }

    /** 市 must be the jurisdiction; 区县, when it names a division, the division of the code. */
    private void placeDefects(ObjectNode node, String code, List<String> defects) {
        String city = text(node, CITY);
        if (city != null && !city.isBlank() && !city.strip().equals(jurisdiction.name())) {
            defects.add(CITY + " (市) \"" + city.strip() + "\" is not the jurisdiction " + jurisdiction.name());
        }
        String area = text(node, AREA);
        if (area != null && UnitCodes.isWellFormed(code)) {
            String division = UnitCodes.divisionOf(code);
            jurisdiction
                    .division(area)
                    .filter(d -> !d.code().equals(division))
                    .ifPresent(d -> defects.add(AREA + " (区县) \"" + area.strip() + "\" is division " + d.code()
                            + ", but the code names division " + division));
        }
    }

    private static ControlUnit withTexts(ControlUnit u, Map<Dimension, String> texts) {
        return new ControlUnit(
                u.code(),
                u.name(),
                u.category(),
                u.divisionCode(),
                u.basins(),
                u.geometry(),
                u.status(),
                new EnumMap<>(texts),
                u.edition(),
                u.updatedAt());
    }

    /** The record name the provincial mapper gives a feature: its code, else its position. */
    static String featureName(JsonNode feature, int index) {
        String code = text(feature.path("properties"), CODE);
        if (code == null && feature.hasNonNull("id")) {
            code = feature.get("id").asText();
        }
        return code == null || code.isBlank() ? "feature #" + (index + 1) : code;
    }

    private static Category category(JsonNode node, List<String> defects) {
        String s = text(node, CATEGORY);
        if (s == null || s.isBlank()) {
            defects.add("missing field " + CATEGORY + " (管控单元分类)");
            return null;
        }
        for (Category c : Category.values()) {
            if (s.strip().equals(Integer.toString(c.digit())) || s.strip().equals(c.chineseName())) {
                return c;
            }
        }
        defects.add(CATEGORY + " (管控单元分类) \"" + s + "\" is not a category (expected 1, 2 or 3, or 优先保护单元,"
                + " 重点管控单元, 一般管控单元)");
        return null;
    }

    private static OffsetDateTime time(JsonNode node, List<String> defects) {
        String s = required(node, UPDATED, "更新时间", defects);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            defects.add(UPDATED + " (更新时间) \"" + s + "\" is not a date-time");
            return null;
        }
    }

    private static String required(JsonNode node, String field, String header, List<String> defects) {
        String s = text(node, field);
        if (s == null || s.isBlank()) {
            defects.add("missing field " + field + " (" + header + ")");
            return null;
        }
        return s.strip();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
