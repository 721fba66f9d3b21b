package org.zoninghub.zoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClauseSplitterTest {

    static Stream<Arguments> numberedTexts() {
        return Stream.of(
                // each numbering style
                Arguments.of("ASCII dot", "1.禁止新建A；2.限制B。", List.of("禁止新建A", "限制B。")),
                Arguments.of("full-width dot", "1．禁止新建A；2．限制B。", List.of("禁止新建A", "限制B。")),
                Arguments.of("enumeration comma", "1、禁止新建A；2、限制B。", List.of("禁止新建A", "限制B。")),
                Arguments.of("full-width parens", "（1）禁止新建A；（2）限制B。", List.of("禁止新建A", "限制B。")),
                Arguments.of("ASCII parens", "(1)禁止新建A;(2)限制B。", List.of("禁止新建A", "限制B。")),
                Arguments.of("circled", "①禁止新建A；②限制B；③严控C。", List.of("禁止新建A", "限制B", "严控C。")),
                Arguments.of("circled without separators", "①禁止新建A②限制B", List.of("禁止新建A", "限制B")),
                Arguments.of("full-width digits", "１．禁止新建A；２．限制B。", List.of("禁止新建A", "限制B。")),
                Arguments.of("space after marker", "1. 禁止新建A；2. 限制B", List.of("禁止新建A", "限制B")),
                // separators and their combinations
                Arguments.of("line breaks", "（1）禁止新建A\n（2）限制B\r\n（3）严控C", List.of("禁止新建A", "限制B", "严控C")),
                Arguments.of("full stop before marker", "1.禁止新建A。2.限制B。", List.of("禁止新建A。", "限制B。")),
                Arguments.of("semicolon and newline", "1.禁止新建A；\n2.限制B；", List.of("禁止新建A", "限制B")),
                Arguments.of("ASCII semicolon", "1.禁止新建A;2.限制B", List.of("禁止新建A", "限制B")),
                Arguments.of(
                        "two-digit numbers",
                        tenClauses(),
                        List.of("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11")),
                // semicolons inside a numbered clause belong to it
                Arguments.of("semicolon inside a clause", "1.禁止新建A；禁止新建B。2.限制C。", List.of("禁止新建A；禁止新建B。", "限制C。")),
                // decimals and standards are not numbering
                Arguments.of(
                        "decimals in text",
                        "1.单位产品能耗不高于0.5吨标准煤；2.年产1.5万吨以上项目执行GB 3838-2002的2.5倍限值。",
                        List.of("单位产品能耗不高于0.5吨标准煤", "年产1.5万吨以上项目执行GB 3838-2002的2.5倍限值。")),
                Arguments.of("decimal after separator", "1.限值；1.5万吨以上禁止；2.其他", List.of("限值；1.5万吨以上禁止", "其他")),
                // nested and foreign numbering stays inside the parent clause
                Arguments.of("nested list", "1.总体要求：（1）禁止A；（2）限制B。2.执行C。", List.of("总体要求：（1）禁止A；（2）限制B。", "执行C。")),
                Arguments.of("other family inside", "1.禁止新建；2、3类项目除外；2.限制B", List.of("禁止新建；2、3类项目除外", "限制B")),
                Arguments.of("out-of-sequence number is text", "1.见第3.条；3.无关；2.限制B", List.of("见第3.条；3.无关", "限制B")),
                Arguments.of("marker glued to text is not numbering", "1.执行表12.规定；2.限制B", List.of("执行表12.规定", "限制B")),
                // lead-in before the numbering
                Arguments.of("lead-in", "执行以下要求：1.禁止A；2.限制B", List.of("执行以下要求：", "禁止A", "限制B")),
                Arguments.of("empty clause dropped", "1.；2.限制B", List.of("限制B")));
    }

    private static String tenClauses() {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= 11; i++) {
            s.append(i).append(".a").append(i).append("；");
        }
        return s.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numberedTexts")
    void splitsNumberedText(String style, String text, List<String> expected) {
        List<Clause> clauses = ClauseSplitter.split(text);

        assertThat(clauses).extracting(Clause::text).containsExactlyElementsOf(expected);
        assertThat(clauses).extracting(Clause::seq).containsExactlyElementsOf(seqs(expected.size()));
    }

    static Stream<Arguments> unnumberedTexts() {
        return Stream.of(
                Arguments.of("执行辽河流域总体管控要求。", List.of("执行辽河流域总体管控要求。")),
                Arguments.of("  执行总体要求  ", List.of("执行总体要求")),
                Arguments.of("禁止新建A；禁止新建B。", List.of("禁止新建A", "禁止新建B。")),
                Arguments.of("禁止新建A;限制B", List.of("禁止新建A", "限制B")),
                Arguments.of("禁止新建A\n限制B\n\n严控C", List.of("禁止新建A", "限制B", "严控C")),
                Arguments.of("单位能耗不高于0.5吨；PM2.5浓度下降", List.of("单位能耗不高于0.5吨", "PM2.5浓度下降")),
                Arguments.of("执行GB 3838-2002 III类标准", List.of("执行GB 3838-2002 III类标准")),
                Arguments.of("2.5倍限值执行", List.of("2.5倍限值执行")),
                Arguments.of("3.禁止A；4.限制B", List.of("3.禁止A", "4.限制B")),
                Arguments.of("3、5号地块禁止开发", List.of("3、5号地块禁止开发")),
                Arguments.of("详见附表②", List.of("详见附表②")),
                Arguments.of("详见附表①", List.of("详见附表①")));
    }

    @ParameterizedTest
    @MethodSource("unnumberedTexts")
    void splitsUnnumberedTextAtSeparators(String text, List<String> expected) {
        assertThat(ClauseSplitter.split(text)).extracting(Clause::text).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t", "；；"})
    void blankTextHasNoClauses(String text) {
        assertThat(ClauseSplitter.split(text)).isEmpty();
    }

    @Test
    void keepsTextInsideClauseIntact() {
        String text = "（1）严格执行《辽河流域水污染防治条例》，COD排放浓度≤50mg/L；\n（2）园区污水集中处理率100%。";

        assertThat(ClauseSplitter.split(text))
                .containsExactly(new Clause(1, "严格执行《辽河流域水污染防治条例》，COD排放浓度≤50mg/L"), new Clause(2, "园区污水集中处理率100%。"));
    }

    private static List<Integer> seqs(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).boxed().toList();
    }
}
