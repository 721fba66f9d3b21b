package org.zoninghub.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParametersTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "ZH22040210001\u0000", "\u001b[2J", "\u007f", "\u0085", "bad \uFFFD bytes"})
    void refusesControlCharactersAndBrokenUtf8NamingTheParameter(String value) {
        assertThatThrownBy(() -> RequestParameters.check(Map.of("after", new String[] {value})))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(
                                ((BadRequestException) e).getBody().getDetail())
                        .startsWith("parameter \"after\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ZH22040210001", "龙山区", "category = 'A'\nAND code LIKE 'ZH%'", "2025-01-26T00:00:00+08:00"})
    void takesOrdinaryText(String value) {
        assertThatCode(() -> RequestParameters.check(Map.of("filter", new String[] {value})))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {RequestParameters.MAX_VALUE_CHARS + 1})
    void refusesOverlongValues(int length) {
        assertThatThrownBy(() -> RequestParameters.check(Map.of("filter", new String[] {"x".repeat(length)})))
                .hasMessageContaining("filter");
    }
}
