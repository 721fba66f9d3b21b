package org.zoninghub.sync.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zoninghub.sync.imports.ImportFixture.JSON;
import static org.zoninghub.sync.imports.ImportFixture.datasetFeatures;
import static org.zoninghub.sync.imports.ImportFixture.drop;
import static org.zoninghub.sync.imports.ImportFixture.golden;
import static org.zoninghub.sync.imports.ImportFixture.storedRules;
import static org.zoninghub.sync.imports.ImportFixture.storedUnits;
import static org.zoninghub.sync.imports.ImportFixture.truncate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.Rejection;
import org.zoninghub.store.UnitVersions;

/**
 * File imports end to end against real PostgreSQL and Kafka, with the default policy {@code reject-run}: the GDAL
 * Shapefile and the XLSX list give the same canonical units and rules as the GeoJSON and CSV of the same data; the
 * inbox files each processed file with its report in {@code done/} or {@code failed/}; a file with defects names each
 * record and changes nothing; the upload endpoint takes the same files.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.publish.topics.unit-changes=it-imports.units.changes",
            "zoning.publish.topics.rule-changes=it-imports.rules.changes",
            "zoning.publish.topics.unit-state=it-imports.units.state"
        })
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FileImportsIT {

    static final Path INBOX = Path.of("target/it-inbox/reject-run-" + System.nanoTime());
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void inbox(DynamicPropertyRegistry registry) {
        registry.add("zoning.sync.inbox", INBOX::toString);
    }

    @Autowired
    FileImports imports;

    @Autowired
    UnitVersions units;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate http;

    ImportReport importNow(String name, byte[] content) {
        return imports.execute(imports.begin(name).id(), name, content);
    }

    @Test
    @Order(1)
    void theGdalShapefileAndTheXlsxGiveTheSameUnitsAndRulesAsTheGeoJsonAndTheCsv() {
        assertThat(importNow("units.geojson", golden("units.geojson")).outcome())
                .isEqualTo(Outcome.SUCCEEDED);
        ImportReport csv = importNow("unit-lists.csv", golden("unit-lists.csv"));
        assertThat(csv.outcome()).as("%s", csv).isEqualTo(Outcome.SUCCEEDED);
        assertThat(csv.counts().rules().unchanged()).isPositive();
        Map<String, List<Object>> geoJsonUnits = storedUnits(jdbc, units);
        List<Map<String, Object>> geoJsonRules = storedRules(jdbc);
        truncate(jdbc);

        // into an empty hub, a list without 版本号 has no edition to take: refused once, saying how to fix it
        String withoutEdition =
                "层级,适用对象编码,适用对象名称,空间布局约束,污染物排放管控,环境风险防控,资源开发效率要求\n" + "市级,220400,辽源市,1.禁止。,1.控制。,1.防控。,1.节约。\n";
        ImportReport noEdition = importNow("top-lists.csv", withoutEdition.getBytes(StandardCharsets.UTF_8));
        assertThat(noEdition.outcome()).as("%s", noEdition).isEqualTo(Outcome.REJECTED);
        assertThat(noEdition.rejected())
                .containsExactly(new Rejection(
                        "header row 1", "no edition in force: give 版本号 (BBH) in the file or import the units first"));

        ImportReport zip = importNow("units.zip", golden("units.zip"));
        assertThat(zip.outcome()).as("%s", zip).isEqualTo(Outcome.SUCCEEDED);
        assertThat(zip.format()).isEqualTo("Shapefile");
        assertThat(zip.counts().created()).isEqualTo(4);
        ImportReport xlsx = importNow("unit-lists.xlsx", golden("unit-lists.xlsx"));
        assertThat(xlsx.outcome()).as("%s", xlsx).isEqualTo(Outcome.SUCCEEDED);
        assertThat(xlsx.counts().rules().unchanged())
                .isEqualTo(csv.counts().rules().unchanged());

        assertThat(geoJsonUnits).hasSize(4);
        assertThat(storedUnits(jdbc, units)).isEqualTo(geoJsonUnits);
        assertThat(geoJsonRules).hasSizeGreaterThan(16);
        assertThat(storedRules(jdbc)).isEqualTo(geoJsonRules);
        truncate(jdbc);
    }

    @Test
    @Order(2)
    void aValidFileGoesToDoneWithItsReport() throws IOException {
        drop(INBOX, "part-one.geojson", ImportFixture.units(0, 5));

        JsonNode report = awaitReport("done", "part-one.geojson");

        assertThat(report.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.get("file").asText()).isEqualTo("part-one.geojson");
        assertThat(report.get("format").asText()).isEqualTo("GeoJSON");
        assertThat(report.at("/counts/created").asInt()).isEqualTo(5);
        assertThat(report.at("/counts/rejected").asInt()).isZero();
        assertThat(report.at("/counts/rules/created").asInt()).isPositive();
        assertThat(report.get("rejected")).isEmpty();
        assertThat(INBOX.resolve("done/part-one.geojson")).exists();
        assertThat(INBOX.resolve("part-one.geojson")).doesNotExist();
        assertThat(jdbc.queryForMap(
                        "select trigger, source, outcome from sync_run where id = ?::uuid",
                        report.get("id").asText()))
                .containsEntry("trigger", "FILE")
                .containsEntry("source", "part-one.geojson")
                .containsEntry("outcome", "SUCCEEDED");

        // a list-only update of a stored unit: new rule versions, no new unit version, the unit's state announced
        List<ObjectNode> features = new ArrayList<>(datasetFeatures().subList(0, 2));
        ObjectNode changed = features.get(0).deepCopy();
        ((ObjectNode) changed.get("properties")).put("ZYKFXLYQ", "1、新建项目用水效率达到国内先进水平。");
        features.set(0, changed);
        String code = ImportFixture.code(changed);
        int states = states(code);
        drop(INBOX, "lists-one.csv", ImportFixture.unitListCsv(features));

        JsonNode lists = awaitReport("done", "lists-one.csv");

        assertThat(lists.get("outcome").asText()).as("%s", lists).isEqualTo("SUCCEEDED");
        assertThat(lists.at("/counts/created").asInt()
                        + lists.at("/counts/updated").asInt())
                .isZero();
        assertThat(lists.at("/counts/rules/updated").asInt()).isEqualTo(1);
        assertThat(lists.at("/counts/rules/unchanged").asInt()).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from unit_version where code = ?", Integer.class, code))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select text from rule_version where rule_id = ? and valid_to is null",
                        String.class,
                        code + "-ZYKFXLYQ-1"))
                .isEqualTo("新建项目用水效率达到国内先进水平。");
        assertThat(states(code)).isEqualTo(states + 1);
    }

    int states(String code) {
        return jdbc.queryForObject(
                "select count(*) from outbox where type = 'zoning.unit.state' and aggregateid = ?",
                Integer.class,
                code);
    }

    @Test
    @Order(3)
    void aFileWithDefectsGoesToFailedNamingEachRecordAndChangesNothing() {
        byte[] units = ImportFixture.defectiveUnits();
        List<ObjectNode> stored = datasetFeatures().subList(0, 3);
        ObjectNode renamed = stored.get(1).deepCopy();
        ((ObjectNode) renamed.get("properties")).put("HJGKDYMC", "改了名字的单元");
        ObjectNode emptyList = stored.get(2).deepCopy();
        ((ObjectNode) emptyList.get("properties")).put("HJFXFK", "");
        ObjectNode missing = stored.get(0).deepCopy();
        ((ObjectNode) missing.get("properties"))
                .put("HJGKDYBM", "ZH22040239999")
                .put("ZHGKDYFL", 3);
        byte[] lists = ImportFixture.unitListCsv(List.of(stored.get(0), renamed, emptyList, missing));
        Map<String, Integer> before = counts();

        drop(INBOX, "defects.geojson", units);
        drop(INBOX, "defect-lists.csv", lists);
        JsonNode unitReport = awaitReport("failed", "defects.geojson");
        JsonNode listReport = awaitReport("failed", "defect-lists.csv");

        assertThat(unitReport.get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(unitReport.at("/counts/rejected").asInt()).isEqualTo(ImportFixture.UNIT_DEFECTS.size());
        assertThat(unitReport.at("/counts/created").asInt()).isZero();
        Map<String, String> reasons = reasons(unitReport);
        ImportFixture.UNIT_DEFECTS.forEach((record, reason) -> assertThat(reasons)
                .as(record)
                .containsKey(record)
                .hasEntrySatisfying(record, r -> assertThat(r).contains(reason)));
        assertThat(reasons).doesNotContainKey(ImportFixture.validCodeOfDefectiveUnits());

        assertThat(listReport.get("outcome").asText()).isEqualTo("REJECTED");
        Map<String, String> listReasons = reasons(listReport);
        assertThat(listReasons)
                .containsOnlyKeys(ImportFixture.code(renamed), ImportFixture.code(emptyList), "ZH22040239999");
        assertThat(listReasons.get(ImportFixture.code(renamed))).contains("\"改了名字的单元\" differs from the stored unit");
        assertThat(listReasons.get(ImportFixture.code(emptyList))).contains("empty list: HJFXFK");
        assertThat(listReasons.get("ZH22040239999"))
                .contains("a unit's lists without the unit: ZH22040239999 is neither stored nor a unit of this file");

        assertThat(counts()).isEqualTo(before);
        assertThat(jdbc.queryForObject(
                        "select count(*) from quarantine q join sync_run r on r.id = q.sync_run_id"
                                + " where r.source = 'defects.geojson' and q.payload is not null",
                        Integer.class))
                .isGreaterThanOrEqualTo(ImportFixture.UNIT_DEFECTS.size());
        assertThat(INBOX.resolve("failed/defects.geojson")).exists();
    }

    @Test
    @Order(4)
    void theUploadEndpointImportsTheSameFilesForAnAdministrator() {
        HttpEntity<MultiValueMap<String, Object>> upload = multipart("part-two.geojson", ImportFixture.units(5, 7));

        assertThat(http.postForEntity("/api/v1/imports", upload, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        TestRestTemplate admin = http.withBasicAuth("admin", "test-admin-secret");
        ResponseEntity<JsonNode> accepted = admin.postForEntity("/api/v1/imports", upload, JsonNode.class);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String location = accepted.getHeaders().getLocation().toString();
        assertThat(location)
                .isEqualTo("/api/v1/imports/" + accepted.getBody().get("id").asText());

        JsonNode report = await().atMost(PATIENCE)
                .until(
                        () -> admin.getForObject(location, JsonNode.class),
                        r -> !r.get("outcome").asText().equals("RUNNING"));
        assertThat(report.get("outcome").asText()).as("%s", report).isEqualTo("SUCCEEDED");
        assertThat(report.at("/counts/created").asInt()).isEqualTo(2);
        assertThat(report.get("file").asText()).isEqualTo("part-two.geojson");

        ResponseEntity<JsonNode> text = admin.postForEntity(
                "/api/v1/imports", multipart("notes.txt", "hello".getBytes(StandardCharsets.UTF_8)), JsonNode.class);
        assertThat(text.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(text.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(text.getBody().get("detail").asText()).contains("notes.txt", "unsupported file type .txt");

        ResponseEntity<JsonNode> empty =
                admin.postForEntity("/api/v1/imports", multipart("empty.csv", new byte[0]), JsonNode.class);
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(empty.getBody().get("detail").asText()).contains("empty.csv", "empty");

        assertThat(admin.getForEntity("/api/v1/imports/" + java.util.UUID.randomUUID(), JsonNode.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity(location, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    static HttpEntity<MultiValueMap<String, Object>> multipart(String name, byte[] content) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return new HttpEntity<>(body, headers);
    }

    Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String table : List.of("unit_version", "rule_version", "outbox", "edition")) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table, Integer.class));
        }
        return counts;
    }

    static JsonNode awaitReport(String folder, String file) {
        Path report = INBOX.resolve(folder).resolve(file + Inbox.REPORT_SUFFIX);
        await().atMost(PATIENCE)
                .until(() -> Files.exists(report)
                        && Files.exists(INBOX.resolve(folder).resolve(file)));
        try {
            return JSON.readTree(report.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Record → its reasons joined, from a report. */
    static Map<String, String> reasons(JsonNode report) {
        List<JsonNode> rejected = new ArrayList<>();
        report.get("rejected").forEach(rejected::add);
        return rejected.stream()
                .collect(Collectors.groupingBy(
                        r -> r.get("record").asText(),
                        TreeMap::new,
                        Collectors.mapping(r -> r.get("reason").asText(), Collectors.joining(" | "))));
    }
}
