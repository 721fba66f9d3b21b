package org.zoninghub.zoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class UnitCodesTest {

    private static final Jurisdiction LIAOYUAN = Jurisdiction.liaoyuan();

    @ParameterizedTest
    @CsvSource({
        "ZH22040210001, PRIORITY_PROTECTION",
        "ZH22040320026, KEY_CONTROL",
        "ZH22042130004, GENERAL_CONTROL",
        "ZH22042219999, PRIORITY_PROTECTION"
    })
    void validCodePasses(String code, Category category) {
        assertThat(UnitCodes.validate(code, category, LIAOYUAN)).isEmpty();
        assertThat(UnitCodes.isWellFormed(code)).isTrue();
    }

    static Stream<Arguments> formatDefects() {
        return Stream.of(
                Arguments.of("ZH2204021001", "ZH2204021001: length 12 instead of 13"),
                Arguments.of("ZH220402100011", "ZH220402100011: length 14 instead of 13"),
                Arguments.of("XH22040210001", "XH22040210001: must start with ZH, starts with 'XH'"),
                Arguments.of("zh22040210001", "zh22040210001: must start with ZH, starts with 'zh'"),
                Arguments.of("ZH220402100O1", "ZH220402100O1: non-digit 'O' at position 12"),
                Arguments.of("ZH22040A1000B", "non-digits 'A' at position 8, 'B' at position 13"),
                Arguments.of("ZH22040240001", "ZH22040240001: category digit 4 (position 9) not in 1/2/3"),
                Arguments.of("ZH22040200001", "category digit 0 (position 9) not in 1/2/3"),
                Arguments.of(" ZH2204021000", "has leading or trailing whitespace"),
                Arguments.of("", "<empty code>: unit code is missing"),
                Arguments.of(null, "unit code is missing"));
    }

    @ParameterizedTest
    @MethodSource("formatDefects")
    void namesEachFormatDefect(String code, String expectedMessagePart) {
        List<CodeDefect> defects = UnitCodes.validate(code, Category.PRIORITY_PROTECTION, LIAOYUAN);

        assertThat(defects).isNotEmpty().allSatisfy(d -> assertThat(d.kind()).isEqualTo(CodeDefect.Kind.FORMAT));
        assertThat(defects)
                .extracting(CodeDefect::message)
                .anySatisfy(m -> assertThat(m).contains(expectedMessagePart));
        assertThat(UnitCodes.isWellFormed(code)).isFalse();
    }

    @Test
    void namesCategoryMismatch() {
        assertThat(UnitCodes.validate("ZH22040220001", Category.PRIORITY_PROTECTION, LIAOYUAN))
                .containsExactly(new CodeDefect(
                        CodeDefect.Kind.CATEGORY_MISMATCH,
                        "ZH22040220001",
                        "ZH22040220001: category digit 2 means KEY_CONTROL but the unit is PRIORITY_PROTECTION"));
    }

    @Test
    void categoryIsNotCheckedWhenUnknown() {
        assertThat(UnitCodes.validate("ZH22040220001", null, LIAOYUAN)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"ZH22050110001, 220501", "ZH22040010001, 220400", "ZH42052610003, 420526"})
    void namesDivisionOutsideJurisdiction(String code, String division) {
        assertThat(UnitCodes.validate(code, Category.PRIORITY_PROTECTION, LIAOYUAN))
                .containsExactly(new CodeDefect(
                        CodeDefect.Kind.DIVISION_OUTSIDE_JURISDICTION,
                        code,
                        code + ": division " + division + " is not a county-level division of 辽源市 (220400); "
                                + "expected one of 220402, 220403, 220421, 220422"));
    }

    @Test
    void reportsAllDefectsAtOnce() {
        List<CodeDefect> defects = UnitCodes.validate("ZH22050130001", Category.KEY_CONTROL, LIAOYUAN);

        assertThat(defects)
                .extracting(CodeDefect::kind)
                .containsExactly(CodeDefect.Kind.DIVISION_OUTSIDE_JURISDICTION, CodeDefect.Kind.CATEGORY_MISMATCH);
    }

    @Test
    void formatAndSemanticDefectsTogether() {
        List<CodeDefect> defects = UnitCodes.validate("ZH2205012000X", Category.PRIORITY_PROTECTION, LIAOYUAN);

        assertThat(defects)
                .extracting(CodeDefect::kind)
                .containsExactly(
                        CodeDefect.Kind.FORMAT,
                        CodeDefect.Kind.DIVISION_OUTSIDE_JURISDICTION,
                        CodeDefect.Kind.CATEGORY_MISMATCH);
    }

    @Test
    void partsOfAWellFormedCode() {
        assertThat(UnitCodes.divisionOf("ZH22042130004")).isEqualTo("220421");
        assertThat(UnitCodes.categoryOf("ZH22042130004")).isEqualTo(Category.GENERAL_CONTROL);
        assertThat(UnitCodes.serialOf("ZH22042130004")).isEqualTo(4);
        assertThat(UnitCodes.of("220421", Category.GENERAL_CONTROL, 4)).isEqualTo("ZH22042130004");
    }

    @Test
    void partsOfAMalformedCodeAreRefusedWithTheReason() {
        assertThatThrownBy(() -> UnitCodes.divisionOf("ZH2204021001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length 12 instead of 13");
    }
}
