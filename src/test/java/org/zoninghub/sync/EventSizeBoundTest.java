package org.zoninghub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zoninghub.zoning.Jurisdiction;

/**
 * A unit whose events could not be published (a boundary of 300,000+ vertices: an update event carries it twice and a
 * Kafka message holds 16 MiB) is rejected when its record is validated, naming why; a large unit that fits passes.
 */
class EventSizeBoundTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final ProvincialMapper mapper = new ProvincialMapper(Jurisdiction.liaoyuan());

    @Test
    void aUnitTooLargeToPublishIsRejectedWithTheReason() {
        Delivery d = mapper.map(List.of(unit(320_000)), List.of(), false);
        assertThat(d.units()).isEmpty();
        assertThat(d.rejected()).singleElement().satisfies(r -> {
            assertThat(r.record()).isEqualTo("ZH22040210001");
            assertThat(r.reason()).contains("320001 vertices").contains("a published event can carry");
        });
    }

    @Test
    void aLargeUnitThatFitsAnEventPasses() {
        Delivery d = mapper.map(List.of(unit(100_000)), List.of(), false);
        assertThat(d.rejected()).isEmpty();
        assertThat(d.units())
                .singleElement()
                .satisfies(u -> assertThat(u.geometry().getNumPoints()).isEqualTo(100_001));
    }

    /** Unit ZH22040210001 with a circular boundary of {@code vertices} vertices (plus the closing one) in 龙山区. */
    static JsonNode unit(int vertices) {
        ObjectNode f = JSON.createObjectNode();
        f.put("type", "Feature");
        f.put("id", "ZH22040210001");
        ObjectNode g = f.putObject("geometry");
        g.put("type", "Polygon");
        ArrayNode ring = g.putArray("coordinates").addArray();
        for (int i = 0; i <= vertices; i++) {
            double a = -2 * Math.PI * (i % vertices) / vertices;
            ring.addArray().add(125.15 + 0.05 * Math.cos(a)).add(42.90 + 0.05 * Math.sin(a));
        }
        ObjectNode p = f.putObject("properties");
        p.put("HJGKDYBM", "ZH22040210001")
                .put("HJGKDYMC", "龙山区生态保护红线优先保护单元")
                .put("PROV", "吉林省")
                .put("CITY", "辽源市")
                .put("AREA", "龙山区")
                .put("ZHGKDYFL", 1)
                .put("LYMC", "辽河流域")
                .put("KJBJYS", "1.禁止开发建设活动")
                .put("PWWPFGK", "1.不得新增排放")
                .put("HJFXFK", "1.防范环境风险")
                .put("ZYKFXLYQ", "1.节约用水")
                .put("BBH", "2025")
                .put("GXSJ", "2025-01-26T00:00:00+08:00")
                .put("ZT", "有效");
        return f;
    }
}
