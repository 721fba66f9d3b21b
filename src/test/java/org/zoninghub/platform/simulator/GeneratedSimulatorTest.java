package org.zoninghub.platform.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zoninghub.platform.simulator.national.NationalDataset;

class GeneratedSimulatorTest {

    private final ProvincialSimulator simulator = new ProvincialSimulator(new ObjectMapper());
    private final NationalDataset dataset = new NationalDataset(2, 230);

    @Test
    void serves_the_generated_units_page_by_page_in_order() {
        simulator.loadGenerated(dataset);
        assertThat(simulator.unitCount()).isEqualTo(230);
        List<String> codes = new ArrayList<>();
        int offset = 0;
        while (true) {
            ObjectNode page = simulator.unitsPage(null, offset, 100);
            page.path("features")
                    .forEach(
                            f -> codes.add(f.path("properties").path("HJGKDYBM").asText()));
            offset += 100;
            if (page.path("nextPageToken").isNull()) {
                break;
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            expected.add(dataset.unit(i).code());
            assertThat(dataset.codeOf(i)).isEqualTo(dataset.unit(i).code());
        }
        assertThat(codes).isEqualTo(expected);
        JsonNode lists = simulator.listsPage(null, 0, 1000).path("items");
        assertThat(lists).hasSize(dataset.lists().size());
        assertThat(simulator.snapshotTime()).isEqualTo(NationalDataset.UPDATED);
    }

    @Test
    void an_incremental_pull_sees_only_the_units_changed_since() {
        simulator.loadGenerated(dataset);
        OffsetDateTime before = OffsetDateTime.parse(simulator.snapshotTime());
        String code = dataset.unit(17).code();
        simulator.changeUnit(code, p -> p.put("HJGKDYMC", "改名单元"));
        simulator.retireUnit(dataset.unit(3).code());
        assertThat(simulator.removeUnit(dataset.unit(5).code())).isTrue();
        ObjectNode page = simulator.unitsPage(before, 0, 100);
        assertThat(page.path("features"))
                .extracting(f -> f.path("properties").path("HJGKDYBM").asText())
                .containsExactly(dataset.unit(3).code(), code);
        assertThat(simulator.unitsPage(null, 0, 1000).path("features")).hasSize(229);
        assertThat(simulator
                        .unitsPage(null, 0, 1000)
                        .path("features")
                        .get(16)
                        .path("properties")
                        .path("HJGKDYMC")
                        .asText())
                .isEqualTo("改名单元");
    }
}
