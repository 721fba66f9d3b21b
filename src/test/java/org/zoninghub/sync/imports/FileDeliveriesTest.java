package org.zoninghub.sync.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zoninghub.spatial.GeoJsonGeometries;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.SyncRuns.Rejection;
import org.zoninghub.store.UnitVersions.Head;
import org.zoninghub.sync.ChangePlan;
import org.zoninghub.sync.ChangePlanner;
import org.zoninghub.sync.Delivery;
import org.zoninghub.sync.Delivery.IncomingList;
import org.zoninghub.sync.ProvincialMapper;
import org.zoninghub.sync.files.FileDefect;
import org.zoninghub.sync.files.FileImport;
import org.zoninghub.sync.files.FileReaders;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.ChangeKind;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.RuleLevel;
import org.zoninghub.zoning.UnitStatus;

/**
 * A file's records as a delivery, above all the unit-level list rows without geometry: they update the lists of units
 * that exist in the store or in the same file, and are rejected, named, when the unit is missing or disagrees.
 */
class FileDeliveriesTest {

    static final FileReaders READERS = new FileReaders(null, null);
    static final Jurisdiction LIAOYUAN = Jurisdiction.liaoyuan();
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-28T12:00:00Z");
    static final String FIRST = "ZH22040210001";
    static final String SECOND = "ZH22040220001";

    final FileDeliveries deliveries = new FileDeliveries(new ProvincialMapper(LIAOYUAN), LIAOYUAN);
    final Map<String, StoredUnit> store = new HashMap<>();

    static byte[] golden(String name) {
        try (InputStream in = FileReaders.class.getResourceAsStream("golden/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FileImport csv() {
        return READERS.read("unit-lists.csv", golden("unit-lists.csv"));
    }

    /** The golden list rows, the first {@code n} of them, with a change applied to each. */
    static FileImport rows(int n, java.util.function.Consumer<ObjectNode> change) {
        FileImport csv = csv();
        List<ObjectNode> rows = new ArrayList<>();
        for (ObjectNode row : csv.unitListRows().subList(0, n)) {
            ObjectNode copy = row.deepCopy();
            change.accept(copy);
            rows.add(copy);
        }
        return new FileImport(csv.file(), csv.format(), List.of(), List.of(), rows, List.of(), 0);
    }

    void storeTheGoldenUnits() {
        FileImport geojson = READERS.read("units.geojson", golden("units.geojson"));
        geojson.unitFeatures().forEach(f -> {
            var p = f.get("properties");
            String code = p.get("HJGKDYBM").asText();
            store.put(
                    code,
                    new StoredUnit(
                            code,
                            1,
                            "2025",
                            p.get("HJGKDYMC").asText(),
                            Category.ofDigit(p.get("ZHGKDYFL").asInt()),
                            code.substring(2, 8),
                            List.of(Basin.LIAOHE),
                            UnitStatus.ACTIVE,
                            GeoJsonGeometries.read(f.get("geometry")),
                            1.0,
                            "hash-" + code,
                            OffsetDateTime.parse("2025-01-26T00:00:00+08:00"),
                            null,
                            NOW));
        });
    }

    List<StoredUnit> latest(Collection<String> codes) {
        return codes.stream().map(store::get).filter(Objects::nonNull).toList();
    }

    FileDeliveries.Mapped map(FileImport file) {
        return deliveries.map(file, this::latest);
    }

    static List<String> reasons(Delivery d, String record) {
        return d.rejected().stream()
                .filter(r -> r.record().equals(record))
                .map(Rejection::reason)
                .toList();
    }

    @Test
    void rowsOfStoredUnitsBecomeUnitLevelListsAndNoUnits() {
        storeTheGoldenUnits();

        Delivery d = map(csv()).delivery();

        assertThat(d.rejected()).isEmpty();
        assertThat(d.full()).isFalse();
        assertThat(d.units()).isEmpty();
        assertThat(d.lists()).hasSize(4).allSatisfy(l -> {
            assertThat(l.level()).isEqualTo(RuleLevel.UNIT);
            assertThat(l.status()).isEqualTo(UnitStatus.ACTIVE);
            assertThat(l.texts()).containsOnlyKeys(Dimension.values());
            assertThat(l.edition()).isEqualTo("2025");
        });
        assertThat(d.lists().get(0).scopeCode()).isEqualTo(FIRST);
        assertThat(d.lists().get(0).texts().get(Dimension.RISK_PREVENTION))
                .isEqualTo("1.建立水源地突发环境事件应急预案；\n2.定期开展风险隐患排查。");
    }

    @Test
    void aRowForAUnitThatExistsNowhereIsRejectedNamingTheCode() {
        FileDeliveries.Mapped mapped = map(rows(1, r -> {}));

        assertThat(mapped.delivery().lists()).isEmpty();
        assertThat(reasons(mapped.delivery(), FIRST))
                .singleElement()
                .asString()
                .contains("a unit's lists without the unit", FIRST, "neither stored nor a unit of this file");
        assertThat(mapped.payloads()).containsKey(FIRST);
        assertThat(mapped.payloads().get(FIRST)).contains("龙山区饮用水水源保护区优先保护单元");
        assertThat(mapped.fileRejected()).isFalse();
    }

    @Test
    void aRowForARetiredUnitIsRejected() {
        storeTheGoldenUnits();
        StoredUnit u = store.get(FIRST);
        store.put(
                FIRST,
                new StoredUnit(
                        u.code(),
                        2,
                        u.edition(),
                        u.name(),
                        u.category(),
                        u.divisionCode(),
                        u.basins(),
                        UnitStatus.RETIRED,
                        u.geometry(),
                        u.areaM2(),
                        u.contentHash(),
                        u.validFrom(),
                        null,
                        NOW));

        Delivery d = map(rows(1, r -> {})).delivery();

        assertThat(reasons(d, FIRST)).singleElement().asString().contains("is retired in the store");
    }

    @Test
    void aRowWhoseNameDisagreesWithTheStoredUnitNamesBothAndACategoryMustMatchTheCode() {
        storeTheGoldenUnits();

        Delivery d = map(rows(2, r -> {
                    if (r.get("HJGKDYBM").asText().equals(FIRST)) {
                        r.put("HJGKDYMC", "别的名称");
                    } else {
                        r.put("ZHGKDYFL", 3);
                    }
                }))
                .delivery();

        assertThat(d.lists()).isEmpty();
        assertThat(reasons(d, FIRST)).singleElement().asString().contains("\"别的名称\"", "\"龙山区饮用水水源保护区优先保护单元\"");
        assertThat(reasons(d, SECOND))
                .containsExactly("ZH22040220001: category digit 2 means KEY_CONTROL but the unit is GENERAL_CONTROL");
    }

    @Test
    void everyDefectOfARowIsNamedWithItsRecord() {
        storeTheGoldenUnits();
        List<ObjectNode> rows = new ArrayList<>(csv().unitListRows());
        ObjectNode badCode = rows.get(0).deepCopy().put("HJGKDYBM", "ZH2204021001");
        ObjectNode outside = rows.get(0).deepCopy().put("HJGKDYBM", "ZH22010110001");
        ObjectNode empty = rows.get(1).deepCopy().put("KJBJYS", " ");
        ObjectNode noCode = rows.get(2).deepCopy();
        noCode.putNull("HJGKDYBM");
        ObjectNode duplicate = rows.get(3).deepCopy();
        ObjectNode wrongArea = rows.get(3).deepCopy().put("AREA", "西安区");
        FileImport file = new FileImport(
                "lists.csv",
                "CSV",
                List.of(),
                List.of(),
                List.of(badCode, outside, empty, noCode, rows.get(3), duplicate),
                List.of(),
                0);

        Delivery d = map(file).delivery();

        assertThat(reasons(d, "ZH2204021001")).anySatisfy(r -> assertThat(r).contains("length 12 instead of 13"));
        assertThat(reasons(d, "ZH22010110001"))
                .anySatisfy(r -> assertThat(r).contains("division 220101 is not a county-level division"));
        assertThat(reasons(d, SECOND)).containsExactly("empty list: KJBJYS (空间布局约束) is missing or blank");
        assertThat(reasons(d, "unit list row #4")).contains("missing field HJGKDYBM (环境管控单元编码)");
        String fourth = rows.get(3).get("HJGKDYBM").asText();
        assertThat(reasons(d, fourth)).containsExactly("duplicate code in this delivery (unit list rows #5 and #6)");
        assertThat(d.lists()).extracting(IncomingList::scopeCode).containsExactly(fourth);

        Delivery area = map(new FileImport("lists.csv", "CSV", List.of(), List.of(), List.of(wrongArea), List.of(), 0))
                .delivery();
        assertThat(reasons(area, fourth))
                .singleElement()
                .asString()
                .contains("\"西安区\" is division 220403", "division 220422");
    }

    @Test
    void aRowForAUnitOfTheSameFileReplacesThatUnitsTextsInsteadOfAddingAList() {
        FileImport geojson = READERS.read("units.geojson", golden("units.geojson"));
        ObjectNode row = csv().unitListRows().get(0).deepCopy().put("ZYKFXLYQ", "1.新的要求。");
        FileImport both =
                new FileImport("both.json", "GeoJSON", geojson.unitFeatures(), List.of(), List.of(row), List.of(), 0);

        Delivery d = map(both).delivery();

        assertThat(d.rejected()).isEmpty();
        assertThat(d.lists()).isEmpty();
        assertThat(d.units()).hasSize(4);
        assertThat(d.units().get(0).listTexts().get(Dimension.RESOURCE_EFFICIENCY))
                .isEqualTo("1.新的要求。");
    }

    @Test
    void readerDefectsAreRejectionsAndAFileDefectRejectsTheFile() {
        FileImport broken = READERS.read("lists.csv", "名称,别的\n甲,乙\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        FileDeliveries.Mapped mapped = map(broken);
        assertThat(mapped.fileRejected()).isTrue();
        assertThat(mapped.delivery().rejected()).isNotEmpty();

        FileImport rowDefect = new FileImport(
                "lists.csv",
                "CSV",
                List.of(),
                List.of(),
                List.of(),
                List.of(new FileDefect("lists.csv", "row 7", "value in column M beyond the last header column")),
                0);
        FileDeliveries.Mapped one = map(rowDefect);
        assertThat(one.fileRejected()).isFalse();
        assertThat(one.delivery().rejected())
                .containsExactly(new Rejection("row 7", "value in column M beyond the last header column"));

        FileDeliveries.Mapped nothing =
                map(new FileImport("empty.json", "GeoJSON", List.of(), List.of(), List.of(), List.of(), 0));
        assertThat(nothing.fileRejected()).isTrue();
        assertThat(nothing.delivery().rejected())
                .containsExactly(new Rejection("empty.json", "the file holds no units and no lists"));
    }

    @Test
    void aListWithoutEditionWhenNoneIsInForceIsRefusedOnceNamingTheFix() {
        // a unit list without a 版本号 column, read as the import reads it into a hub with no edition in force
        String withoutEdition = "环境管控单元编码,环境管控单元名称,省,市,区县,管控单元分类,空间布局约束,污染物排放管控,环境风险防控,资源开发效率要求,"
                + "更新时间\n"
                + FIRST + ",龙山区饮用水水源保护区优先保护单元,吉林省,辽源市,龙山区,1,1.a,1.b,1.c,1.d,2025-01-26\n"
                + SECOND + ",龙山区城镇重点管控单元,吉林省,辽源市,龙山区,2,1.a,1.b,1.c,1.d,2025-01-26\n";
        FileImport read = new FileReaders(null, NOW)
                .read("unit-lists.csv", withoutEdition.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        FileDeliveries.Mapped mapped = map(read);
        assertThat(mapped.fileRejected()).isTrue();
        assertThat(mapped.delivery().rejected())
                .containsExactly(new Rejection(
                        "header row 1", "no edition in force: give 版本号 (BBH) in the file or import the units first"));

        FileImport cityWide = new FileReaders(null, NOW)
                .read(
                        "top-lists.csv",
                        ("层级,适用对象编码,适用对象名称,空间布局约束,污染物排放管控,环境风险防控,资源开发效率要求\n"
                                        + "市级,220400,辽源市,1.禁止。,1.控制。,1.防控。,1.节约。\n")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(map(cityWide).delivery().rejected())
                .containsExactly(new Rejection(
                        "header row 1", "no edition in force: give 版本号 (BBH) in the file or import the units first"));

        // with an edition in force the same file is read whole
        FileImport inForce = new FileReaders("2025", NOW)
                .read("unit-lists.csv", withoutEdition.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(inForce.defects()).isEmpty();
        assertThat(inForce.unitListRows()).hasSize(2);
        assertThat(inForce.unitListRows().get(0).get("BBH").asText()).isEqualTo("2025");
    }

    @Test
    void aListOnlyDeliveryReplansTheUnitsRulesWithoutANewUnitVersion() {
        storeTheGoldenUnits();
        ChangePlanner planner = new ChangePlanner(true);
        Map<String, StoredRule> rules = new HashMap<>();
        ChangePlan first = planner.plan(map(csv()).delivery(), current(rules), NOW, Set.of());
        assertThat(first.units()).isEmpty();
        assertThat(first.rules()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(ChangeKind.CREATED);
            assertThat(r.next().level()).isEqualTo(RuleLevel.UNIT);
        });
        first.rules().forEach(r -> rules.put(r.next().ruleId(), r.next()));

        FileImport changed = rows(1, r -> r.put("ZYKFXLYQ", "1.严格控制取水总量。\n2.推进节水改造。"));
        ChangePlan second = planner.plan(map(changed).delivery(), current(rules), NOW.plusDays(1), Set.of());

        assertThat(second.units()).isEmpty();
        assertThat(second.rules()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ChangeKind.CREATED);
            assertThat(r.next().ruleId()).isEqualTo(FIRST + "-ZYKFXLYQ-2");
        });
        assertThat(second.rulesUnchanged())
                .isEqualTo(first.rules().stream()
                        .filter(r -> r.next().scopeCode().equals(FIRST))
                        .count());
    }

    private ChangePlanner.Current current(Map<String, StoredRule> rules) {
        Map<String, Head> heads = new HashMap<>();
        store.values()
                .forEach(u -> heads.put(
                        u.code(), new Head(u.code(), u.version(), u.contentHash(), u.status(), u.validFrom())));
        return new ChangePlanner.Current(heads, this::latest, new HashMap<>(rules));
    }
}
