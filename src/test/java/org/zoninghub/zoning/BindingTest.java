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
    void whichListBindsAUnit(RuleLevel level, String scope, Basin basin, String unit, boolean binds) {
        assertThat(Binding.binds(level, scope, Set.of(basin), unit)).isEqualTo(binds);
    }
}
