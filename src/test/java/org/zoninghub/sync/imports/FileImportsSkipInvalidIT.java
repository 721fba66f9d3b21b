package org.zoninghub.sync.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zoninghub.sync.imports.ImportFixture.JSON;
import static org.zoninghub.sync.imports.ImportFixture.drop;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code zoning.sync.on-invalid=skip-invalid} a file with defects is applied without its invalid records, which
 * are in the quarantine with their reason and the record as read; the file goes to {@code done/}.
 */
@SpringBootTest(
        properties = {
            "zoning.sync.on-invalid=skip-invalid",
            "zoning.publish.topics.unit-changes=it-imports-skip.units.changes",
            "zoning.publish.topics.rule-changes=it-imports-skip.rules.changes",
            "zoning.publish.topics.unit-state=it-imports-skip.units.state"
        })
@ActiveProfiles("test")
class FileImportsSkipInvalidIT {

    static final Path INBOX = Path.of("target/it-inbox/skip-invalid-" + System.nanoTime());

    @DynamicPropertySource
    static void inbox(DynamicPropertyRegistry registry) {
        registry.add("zoning.sync.inbox", INBOX::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theValidPartIsAppliedAndTheInvalidRecordsAreQuarantined() throws Exception {
        drop(INBOX, "defects.geojson", ImportFixture.defectiveUnits());

        Path report = INBOX.resolve("done/defects.geojson" + Inbox.REPORT_SUFFIX);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(report) && Files.exists(INBOX.resolve("done/defects.geojson")));
        JsonNode json = JSON.readTree(report.toFile());

        assertThat(json.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.at("/counts/rejected").asInt()).isEqualTo(ImportFixture.UNIT_DEFECTS.size());
        assertThat(json.get("rejected")).hasSizeGreaterThanOrEqualTo(ImportFixture.UNIT_DEFECTS.size());
        List<String> stored = jdbc.queryForList("select code from unit_version", String.class);
        assertThat(stored).contains(ImportFixture.validCodeOfDefectiveUnits());
        ImportFixture.UNIT_DEFECTS.keySet().forEach(code -> {
            if (isDuplicate(code)) {
                // of a code delivered twice the first is valid and applied, the second rejected
                assertThat(stored).as(code).containsOnlyOnce(code);
            } else {
                assertThat(stored).as(code).doesNotContain(code);
            }
        });

        List<Map<String, Object>> quarantined = jdbc.queryForList(
                "select record, reason, payload::text as payload from quarantine where sync_run_id = ?::uuid",
                json.get("id").asText());
        ImportFixture.UNIT_DEFECTS.forEach((record, reason) -> assertThat(quarantined)
                .as(record)
                .anySatisfy(q -> {
                    assertThat(q.get("record")).isEqualTo(record);
                    assertThat((String) q.get("reason")).contains(reason);
                    assertThat((String) q.get("payload")).contains("\"HJGKDYBM\"");
                }));
    }

    static boolean isDuplicate(String code) {
        return ImportFixture.UNIT_DEFECTS.get(code).startsWith("duplicate code");
    }
}
