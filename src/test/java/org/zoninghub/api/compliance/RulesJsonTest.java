package org.zoninghub.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zoninghub.store.StoredRule;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.RuleLevel;
import org.zoninghub.zoning.UnitStatus;

/**
 * The rules' JSON a snapshot writes once ({@link ComplianceChecks#rulesJson}) is the rule objects an answer carried
 * when it built them per request: the same members, in the same order, texts escaped.
 */
class RulesJsonTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static StoredRule rule(String id, RuleLevel level, String scope, Dimension dimension, String text) {
        OffsetDateTime t = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        return new StoredRule(
                id, 1, "2025", level, scope, dimension, 1, text, text, UnitStatus.ACTIVE, "h", t, null, t);
    }

    @Test
    void theRulesAreWrittenWithTheMembersOfAnAnswersRuleObjects() throws Exception {
        List<StoredRule> rules = List.of(
                rule(
                        "ZH22040220001-KJBJYS-1",
                        RuleLevel.UNIT,
                        "ZH22040220001",
                        Dimension.SPATIAL_LAYOUT,
                        "禁止新建化工、电镀项目；\"重污染\"企业\n逐步搬迁\t入园 \\ 完"),
                rule(
                        "ZH22040220001-PWWPFGK-1",
                        RuleLevel.UNIT,
                        "ZH22040220001",
                        Dimension.EMISSION_CONTROL,
                        "污水 100% 收集处理</script>"));

        String raw = new String(
                ComplianceChecks.rulesJson(
                        rules.stream().map(r -> Clause.of(r, r.scopeCode())).toList()),
                StandardCharsets.UTF_8);

        assertThat(raw).doesNotStartWith("[").doesNotEndWith("]");
        JsonNode parsed = JSON.readTree("[" + raw + "]");
        ArrayNode expected = JSON.createArrayNode();
        for (StoredRule r : rules) {
            expected.addObject()
                    .put("id", r.ruleId())
                    .put("level", r.level().name())
                    .put("scopeCode", r.scopeCode())
                    .put("dimension", r.dimension().name())
                    .put("text", r.text());
        }
        assertThat(parsed).isEqualTo(expected);
        List<String> names = new ArrayList<>();
        parsed.get(0).fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "level", "scopeCode", "dimension", "text");
        assertThat(ComplianceChecks.rulesJson(List.of())).isEmpty();
    }
}
