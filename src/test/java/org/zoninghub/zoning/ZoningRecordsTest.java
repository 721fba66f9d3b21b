package org.zoninghub.zoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

class ZoningRecordsTest {

    private static final Jurisdiction LIAOYUAN = Jurisdiction.liaoyuan();

    @ParameterizedTest
    @CsvSource({"220402, 220402, 龙山区", "龙山区, 220402, 龙山区", "' 东丰县 ', 220421, 东丰县", "220422, 220422, 东辽县"})
    void looksUpDivisionsByCodeOrName(String key, String code, String name) {
        assertThat(LIAOYUAN.division(key)).contains(new Jurisdiction.Division(code, name));
    }

    @Test
    void jurisdictionDefaults() {
        assertThat(LIAOYUAN.code()).isEqualTo("220400");
        assertThat(LIAOYUAN.name()).isEqualTo("辽源市");
        assertThat(LIAOYUAN.divisions())
                .containsExactly(
                        Map.entry("220402", "龙山区"),
                        Map.entry("220403", "西安区"),
                        Map.entry("220421", "东丰县"),
                        Map.entry("220422", "东辽县"));
        assertThat(LIAOYUAN.division("辽源高新区")).isEmpty();
        assertThat(LIAOYUAN.isAlias("辽源高新区")).isTrue();
        assertThat(LIAOYUAN.division("220400")).isEmpty();
        assertThat(LIAOYUAN.bbox().getMinX()).isEqualTo(124.7);
        assertThat(LIAOYUAN.bbox().getMaxX()).isEqualTo(126.0);
        assertThat(LIAOYUAN.bbox().getMinY()).isEqualTo(42.2);
        assertThat(LIAOYUAN.bbox().getMaxY()).isEqualTo(43.4);
        LIAOYUAN.bbox().expandToInclude(0, 0);
        assertThat(LIAOYUAN.bbox().getMinX()).as("bbox is a copy").isEqualTo(124.7);
    }

    @ParameterizedTest
    @CsvSource({
        "ZH22040210001, SPATIAL_LAYOUT, 1, ZH22040210001-KJBJYS-1",
        "220400, EMISSION_CONTROL, 3, 220400-PWWPFGK-3",
        "LIAOHE, RISK_PREVENTION, 2, LIAOHE-HJFXFK-2",
        "SONGHUA, RESOURCE_EFFICIENCY, 12, SONGHUA-ZYKFXLYQ-12"
    })
    void buildsAndParsesRuleIds(String scope, Dimension dimension, int seq, String id) {
        assertThat(RuleIds.build(scope, dimension, seq)).isEqualTo(id);
        assertThat(RuleIds.parse(id)).isEqualTo(new RuleIds.Parts(scope, dimension, seq));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "220400-KJBJYS| does not have the form",
                "220400-XXX-1| unknown field code 'XXX'",
                "220400-KJBJYS-0| clause number '0' is not a positive integer",
                "220400-KJBJYS-a| clause number 'a'",
                "-KJBJYS-1| does not have the form"
            })
    void refusesMalformedRuleIds(String id, String reason) {
        assertThatThrownBy(() -> RuleIds.parse(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource({"2025, 2025.1", "2025.1, 2025.2", "2025.9, 2025.10", "2030.41, 2030.42"})
    void nextEdition(String edition, String next) {
        assertThat(Editions.next(edition)).isEqualTo(next);
    }

    @ParameterizedTest
    @CsvSource({"2025.10, 2025.9", "2025.1, 2025", "2030, 2025.99", "2025.2, 2025.1"})
    void editionsCompareAsNumbers(String newer, String older) {
        assertThat(Editions.compare(newer, older)).isPositive();
        assertThat(Editions.compare(older, newer)).isNegative();
        assertThat(Editions.compare(newer, newer)).isZero();
    }

    @Test
    void sortsEditions() {
        assertThat(List.of("2025.10", "2025", "2025.9", "2025.1").stream()
                        .sorted(Editions.ORDER)
                        .toList())
                .containsExactly("2025", "2025.1", "2025.9", "2025.10");
    }

    @ParameterizedTest
    @CsvSource({"2025.0", "2025.", "25", "2025.01", "v2025", "''"})
    void refusesMalformedEditions(String edition) {
        assertThat(Editions.isValid(edition)).isFalse();
        assertThatThrownBy(() -> Editions.next(edition)).hasMessageContaining("is not an edition code");
    }

    @Test
    void accessListBecomesRules() {
        Map<Dimension, String> texts = new EnumMap<>(Dimension.class);
        texts.put(Dimension.RISK_PREVENTION, "加强风险防控。");
        texts.put(Dimension.SPATIAL_LAYOUT, "1.禁止新建A；禁止新建B。2.限制C。");
        texts.put(Dimension.EMISSION_CONTROL, "  ");
        AccessList list = new AccessList(RuleLevel.UNIT, "ZH22040210001", "龙山区优先保护单元", texts);

        assertThat(list.rules())
                .containsExactly(
                        new AccessRule(
                                "ZH22040210001-KJBJYS-1",
                                RuleLevel.UNIT,
                                "ZH22040210001",
                                Dimension.SPATIAL_LAYOUT,
                                1,
                                "禁止新建A；禁止新建B。",
                                "1.禁止新建A；禁止新建B。2.限制C。"),
                        new AccessRule(
                                "ZH22040210001-KJBJYS-2",
                                RuleLevel.UNIT,
                                "ZH22040210001",
                                Dimension.SPATIAL_LAYOUT,
                                2,
                                "限制C。",
                                "1.禁止新建A；禁止新建B。2.限制C。"),
                        new AccessRule(
                                "ZH22040210001-HJFXFK-1",
                                RuleLevel.UNIT,
                                "ZH22040210001",
                                Dimension.RISK_PREVENTION,
                                1,
                                "加强风险防控。",
                                "加强风险防控。"));
        assertThat(list.text(Dimension.RESOURCE_EFFICIENCY)).isEmpty();
    }

    @Test
    void basinListNeedsABasinCode() {
        assertThatThrownBy(() -> new AccessList(RuleLevel.BASIN, "220400", "辽河流域", Map.of()))
                .hasMessageContaining("not a basin code");
    }

    @Test
    void unitReportsCodeAndDivisionDefects() {
        GeometryFactory f = new GeometryFactory(new PrecisionModel(), 4490);
        var square = f.createPolygon(new Coordinate[] {
            new Coordinate(125.1, 42.9),
            new Coordinate(125.2, 42.9),
            new Coordinate(125.2, 43.0),
            new Coordinate(125.1, 42.9)
        });
        ControlUnit unit = new ControlUnit(
                "ZH22040220001",
                "龙山区某单元",
                Category.PRIORITY_PROTECTION,
                "220403",
                Set.of(Basin.LIAOHE),
                square,
                UnitStatus.ACTIVE);

        assertThat(unit.codeDefects(LIAOYUAN))
                .extracting(CodeDefect::kind, CodeDefect::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                CodeDefect.Kind.CATEGORY_MISMATCH,
                                "ZH22040220001: category digit 2 means KEY_CONTROL but the unit is PRIORITY_PROTECTION"),
                        org.assertj.core.groups.Tuple.tuple(
                                CodeDefect.Kind.DIVISION_MISMATCH,
                                "ZH22040220001: the code names division 220402 but the unit is recorded in 220403 (西安区)"));
        assertThat(unit.basins()).containsExactly(Basin.LIAOHE);
    }

    @Test
    void retiredUnitMayHaveNoGeometry() {
        ControlUnit retired = new ControlUnit(
                "ZH22040210001", "x", Category.PRIORITY_PROTECTION, "220402", null, null, UnitStatus.RETIRED);

        assertThat(retired.geometry()).isNull();
        assertThat(retired.basins()).isEmpty();
        assertThat(retired.codeDefects(LIAOYUAN)).isEmpty();
    }
}
