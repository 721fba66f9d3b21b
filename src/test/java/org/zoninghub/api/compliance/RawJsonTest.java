package org.zoninghub.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Rules written ahead as UTF-8 ({@link RawJson}) land in an answer as the very JSON they are, whether the answer is
 * written as bytes (as the hub writes it) or as characters, and whether they fit the generator's buffer or not.
 */
class RawJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String answerWith(String rawArray, boolean asBytes) throws Exception {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("edition", "2025");
        answer.putRawValue("rules", new RawValue(new RawJson(rawArray.getBytes(StandardCharsets.UTF_8))));
        answer.put("after", "辽源");
        return asBytes
                ? new String(JSON.writeValueAsBytes(answer), StandardCharsets.UTF_8)
                : JSON.writeValueAsString(answer);
    }

    @Test
    void aSmallArrayIsCopiedAsItIs() throws Exception {
        String rules = "[{\"id\":\"ZH22040220001-KJBJYS-1\",\"text\":\"禁止新建化工、电镀项目；\\\"重污染\\\"企业\"}]";
        String expected = "{\"edition\":\"2025\",\"rules\":" + rules + ",\"after\":\"辽源\"}";
        assertThat(answerWith(rules, true)).isEqualTo(expected);
        assertThat(answerWith(rules, false)).isEqualTo(expected);
        assertThat(JSON.readTree(expected).get("rules").get(0).get("text").asText())
                .isEqualTo("禁止新建化工、电镀项目；\"重污染\"企业");
    }

    @Test
    void anArrayLargerThanTheGeneratorsBufferIsCopiedWhole() throws Exception {
        StringBuilder rules = new StringBuilder("[");
        for (int i = 0; i < 2000; i++) {
            rules.append(i == 0 ? "" : ",").append("{\"id\":\"r").append(i).append("\",\"text\":\"污水收集处理\"}");
        }
        String array = rules.append(']').toString();
        assertThat(array.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(64_000);
        String expected = "{\"edition\":\"2025\",\"rules\":" + array + ",\"after\":\"辽源\"}";
        assertThat(answerWith(array, true)).isEqualTo(expected);
        assertThat(answerWith(array, false)).isEqualTo(expected);
        assertThat(JSON.readTree(expected).get("rules").size()).isEqualTo(2000);
    }

    @Test
    void theValueIsTheDecodedTextAndItsQuotedFormThatOfAString() {
        RawJson raw = new RawJson("[\"辽源\"]".getBytes(StandardCharsets.UTF_8));
        assertThat(raw.getValue()).isEqualTo("[\"辽源\"]");
        assertThat(raw.charLength()).isEqualTo(6);
        assertThat(new String(raw.asQuotedUTF8(), StandardCharsets.UTF_8)).isEqualTo("[\\\"辽源\\\"]");
        byte[] small = new byte[3];
        assertThat(raw.appendUnquotedUTF8(small, 0)).isEqualTo(-1);
    }
}
