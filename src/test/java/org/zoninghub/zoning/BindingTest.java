package org.zoninghub.zoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BindingTest {

    private static final Jurisdiction LIAOYUAN = Jurisdiction.liaoyuan();

    @Test
    void aUnitIsBoundByItsCityItsBasinsAndItselfInLevelOrder() {
        assertThat(Binding.scopes(LIAOYUAN, List.of(Basin.LIAOHE, Basin.SONGHUA), "ZH22040210001"))
                .containsExactly("220400", "LIAOHE", "SONGHUA", "ZH22040210001");
        assertThat(Binding.scopes(LIAOYUAN, List.of(), "ZH22040230001")).containsExactly("220400", "ZH22040230001");
    }

    @Test
    void theRulesOfTheBindingScopesAreCollectedAndNoOthers() {
        Map<String, List<String>> byScope = Map.of(
                "220400", List.of("city-1", "city-2"),
                "LIAOHE", List.of("liaohe-1"),
                "SONGHUA", List.of("songhua-1"),
                "ZH22040210001", List.of("unit-1"),
                "ZH22040210002", List.of("other-unit-1"));
        List<String> rules =
                Binding.rules(LIAOYUAN, Set.of(Basin.LIAOHE), "ZH22040210001", s -> byScope.getOrDefault(s, List.of()));
        assertThat(rules).containsExactly("city-1", "city-2", "liaohe-1", "unit-1");
    }

    @ParameterizedTest
    @CsvSource({
        "CITY, 220400, LIAOHE, ZH22040210001, true",
        "BASIN, LIAOHE, LIAOHE, ZH22040210001, true",
        "BASIN, SONGHUA, LIAOHE, ZH22040210001, false",
        "UNIT, ZH22040210001, LIAOHE, ZH22040210001, true",
        "UNIT, ZH22040210002, LIAOHE, ZH22040210001, false",
    })
    void whichListBindsAUnit(RuleLevel level, String scope, String basin, String unit, boolean binds) {
        Basin b = LIAOYUAN.basin(basin).orElseThrow();
        assertThat(Binding.binds(LIAOYUAN, level, scope, Set.of(b), unit)).isEqualTo(binds);
    }

    private static final Basin HUANGHE = new Basin("HUANGHE", "黄河流域");

    private static final Jurisdiction NATIONAL = new Jurisdiction(
            "100000",
            "全国",
            Map.of("220402", "龙山区", "220403", "西安区", "410102", "中原区"),
            Set.of(),
            new org.locationtech.jts.geom.Envelope(73, 135, 18, 54),
            List.of(Basin.LIAOHE, Basin.SONGHUA, HUANGHE));

    @Test
    void inANationalHubAUnitIsBoundByThePrefectureOfItsDivisionNotByTheNation() {
        assertThat(NATIONAL.isCity()).isFalse();
        assertThat(Binding.scopes(NATIONAL, List.of(HUANGHE), "ZH41010220001"))
                .containsExactly("410100", "HUANGHE", "ZH41010220001");
        assertThat(Binding.binds(NATIONAL, RuleLevel.CITY, "410100", Set.of(HUANGHE), "ZH41010220001"))
                .isTrue();
        assertThat(Binding.binds(NATIONAL, RuleLevel.CITY, "220400", Set.of(HUANGHE), "ZH41010220001"))
                .isFalse();
        assertThat(Binding.binds(NATIONAL, RuleLevel.CITY, "100000", Set.of(HUANGHE), "ZH41010220001"))
                .isFalse();
        assertThat(NATIONAL.isCityScope("220400")).isTrue();
        assertThat(NATIONAL.isCityScope("410100")).isTrue();
        assertThat(NATIONAL.isCityScope("330100")).as("no division of 3301").isFalse();
        assertThat(NATIONAL.isCityScope("100000")).isFalse();
        assertThat(LIAOYUAN.isCity()).isTrue();
        assertThat(LIAOYUAN.isCityScope("220400")).isTrue();
        assertThat(LIAOYUAN.isCityScope("220100")).isFalse();
    }

    @Test
    void basinsAreTheJurisdictionsOwnFoundByCodeOrName() {
        assertThat(LIAOYUAN.basins()).containsExactly(Basin.LIAOHE, Basin.SONGHUA);
        assertThat(LIAOYUAN.basin("辽河流域")).contains(Basin.LIAOHE);
        assertThat(LIAOYUAN.basin("HUANGHE")).isEmpty();
        assertThat(NATIONAL.basin("黄河流域")).contains(HUANGHE);
        assertThat(NATIONAL.storedBasin("GONE")).isEqualTo(new Basin("GONE", "x"));
    }
}
