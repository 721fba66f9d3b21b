package org.zoninghub.sync.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zoninghub.sync.imports.ImportFixture.JSON;
import static org.zoninghub.sync.imports.ImportFixture.golden;
import static org.zoninghub.sync.imports.ImportFixture.storedRules;
import static org.zoninghub.sync.imports.ImportFixture.storedUnits;
import static org.zoninghub.sync.imports.ImportFixture.truncate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.zoninghub.store.UnitVersions;
import org.zoninghub.sync.files.FileReaders;

/**
 * Deliveries of several files end to end against real PostgreSQL and Kafka, with the GDAL-made golden files
 * (golden/README.md): the bare Shapefile (GBK, EPSG:4530, no list fields) with the XLSX and the UTF-8-BOM CSV, in one
 * zip or as one multipart request, gives into an empty hub the same units and rules as the GeoJSON with its lists; the
 * Shapefile alone afterwards changes nothing; a moved boundary gives one {@code zoning.unit.updated} with
 * {@code changedFields [geometry, areaM2]} and leaves the lists alone; an inbox folder with {@code READY} is one
 * delivery; too many parts or files are refused naming the limit.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.publish.topics.unit-changes=it-deliveries.units.changes",
            "zoning.publish.topics.rule-changes=it-deliveries.rules.changes",
            "zoning.publish.topics.unit-state=it-deliveries.units.state"
        })
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FileDeliveriesIT {

    static final Path INBOX = Path.of("target/it-inbox/deliveries-" + System.nanoTime());
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String THREE = "units-bare.zip, unit-lists.xlsx, top-lists.csv";

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

    ImportReport importNow(String name, String... files) {
        List<FileReaders.Part> parts = new ArrayList<>();
        for (String f : files) {
            parts.add(new FileReaders.Part(f, golden(f)));
        }
        return imports.execute(imports.begin(name).id(), name, parts);
    }

    int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    TestRestTemplate admin() {
        return http.withBasicAuth("admin", "test-admin-secret");
    }

    @Test
    @Order(1)
    void goldenDeliveriesGiveTheSameUnitsAndRulesAndBoundariesAloneKeepTheLists() throws IOException {
        truncate(jdbc);
        ImportReport reference = importNow("units.geojson, top-lists.csv", "units.geojson", "top-lists.csv");
        assertThat(reference.outcome()).as("%s", reference).isEqualTo(Outcome.SUCCEEDED);
        Map<String, List<Object>> referenceUnits = storedUnits(jdbc, units);
        List<Map<String, Object>> referenceRules = storedRules(jdbc);
        assertThat(referenceUnits).hasSize(4);
        assertThat(referenceRules).hasSizeGreaterThan(20);
        truncate(jdbc);

        // one zip: the bare Shapefile, the XLSX unit lists and the BOM CSV city/basin lists, into an empty hub
        ImportReport zip = importNow("delivery.zip", "delivery.zip");
        assertThat(zip.outcome()).as("%s", zip).isEqualTo(Outcome.SUCCEEDED);
        assertThat(zip.counts().created()).isEqualTo(4);
        assertThat(zip.fieldMappings().get("delivery.zip"))
                .containsEntry("HJGKDYBM", "DYBM")
                .containsEntry("HJGKDYMC", "DYMC");
        assertThat(zip.fieldMappings().get("delivery.zip/unit-lists.xlsx")).containsEntry("HJGKDYBM", "环境管控单元编码");
        assertThat(storedUnits(jdbc, units)).isEqualTo(referenceUnits);
        assertThat(storedRules(jdbc)).isEqualTo(referenceRules);
        // the report is rebuilt from the run: the mappings are stored with it
        JsonNode again = admin().getForObject("/api/v1/imports/" + zip.id(), JsonNode.class);
        assertThat(again.at("/fieldMappings/delivery.zip/HJGKDYBM").asText()).isEqualTo("DYBM");
        truncate(jdbc);

        // the same three files as one multipart request
        ResponseEntity<JsonNode> accepted = admin().postForEntity(
                        "/api/v1/imports",
                        multipart(Map.of(
                                "units-bare.zip", golden("units-bare.zip"),
                                "unit-lists.xlsx", golden("unit-lists.xlsx"),
                                "top-lists.csv", golden("top-lists.csv"))),
                        JsonNode.class);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode report = awaitUpload(accepted);
        assertThat(report.get("outcome").asText()).as("%s", report).isEqualTo("SUCCEEDED");
        assertThat(report.get("format").asText()).isEqualTo("set");
        assertThat(report.at("/counts/created").asInt()).isEqualTo(4);
        assertThat(storedUnits(jdbc, units)).isEqualTo(referenceUnits);
        assertThat(storedRules(jdbc)).isEqualTo(referenceRules);

        // the Shapefile alone afterwards: every unit and every rule unchanged, no event
        int outbox = count("select count(*) from outbox");
        int rules = count("select count(*) from rule_version");
        ImportReport bare = importNow("units-bare.zip", "units-bare.zip");
        assertThat(bare.outcome()).as("%s", bare).isEqualTo(Outcome.SUCCEEDED);
        assertThat(bare.counts().unchanged()).isEqualTo(4);
        assertThat(bare.counts().created()
                        + bare.counts().updated()
                        + bare.counts().retired())
                .isZero();
        assertThat(bare.counts().rules().created()
                        + bare.counts().rules().updated()
                        + bare.counts().rules().retired())
                .isZero();
        assertThat(bare.counts().rules().unchanged()).isPositive();
        assertThat(count("select count(*) from outbox")).isEqualTo(outbox);
        assertThat(storedUnits(jdbc, units)).isEqualTo(referenceUnits);
        assertThat(storedRules(jdbc)).isEqualTo(referenceRules);

        // a boundary moved in the Shapefile alone: one updated event with geometry and area, the lists untouched
        ImportReport moved = importNow("units-moved.zip", "units-moved.zip");
        assertThat(moved.outcome()).as("%s", moved).isEqualTo(Outcome.SUCCEEDED);
        assertThat(moved.counts().updated()).isEqualTo(1);
        assertThat(moved.counts().unchanged()).isEqualTo(3);
        assertThat(count("select count(*) from rule_version")).isEqualTo(rules);
        assertThat(jdbc.queryForList("select aggregateid from outbox where type = 'zoning.unit.updated'", String.class))
                .containsExactly("ZH22042230001");
        assertThat(count("select count(*) from outbox where type like 'zoning.rule.%'"))
                .isEqualTo(count("select count(*) from rule_version"));
        JsonNode changedFields = JSON.readTree(jdbc.queryForObject(
                        "select payload::text from outbox where type = 'zoning.unit.updated'", String.class))
                .at("/data/changedFields");
        assertThat(changedFields.toString()).isEqualTo("[\"geometry\",\"areaM2\"]");
        assertThat(storedRules(jdbc)).isEqualTo(referenceRules);
        truncate(jdbc);

        // a GeoPackage made by ogr2ogr -f GPKG: the bare units with attribute tables of lists
        ImportReport gpkg = importNow("delivery.gpkg", "delivery.gpkg");
        assertThat(gpkg.outcome()).as("%s", gpkg).isEqualTo(Outcome.SUCCEEDED);
        assertThat(gpkg.format()).isEqualTo("GeoPackage");
        assertThat(storedUnits(jdbc, units)).isEqualTo(referenceUnits);
        assertThat(storedRules(jdbc)).isEqualTo(referenceRules);
    }

    @Test
    @Order(2)
    void theBareShapefileIntoAnEmptyHubNamesEachUnitWithoutLists() {
        truncate(jdbc);
        ImportReport bare = importNow("units-bare.zip", "units-bare.zip");

        assertThat(bare.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(bare.rejected()).hasSize(4);
        assertThat(bare.rejected().get(0).reason())
                .isEqualTo("a new unit without lists: " + bare.rejected().get(0).record()
                        + " is not stored, and no list file of this delivery has its row (空间布局约束, 污染物排放管控,"
                        + " 环境风险防控, 资源开发效率要求); deliver it with its unit-level list (XLSX/CSV) or with the"
                        + " four list fields");
        assertThat(count("select count(*) from unit_version")).isZero();

        // once the units are stored with their lists, a quarantined bare record replays as its import would have:
        // the unit keeps its stored lists, nothing changes, the item is resolved
        String code = bare.rejected().get(0).record();
        long item = jdbc.queryForObject(
                "select id from quarantine where sync_run_id = ? and record = ?", Long.class, bare.id(), code);
        ImportReport reference = importNow("units.geojson, top-lists.csv", "units.geojson", "top-lists.csv");
        assertThat(reference.outcome()).as("%s", reference).isEqualTo(Outcome.SUCCEEDED);
        int rules = count("select count(*) from rule_version");
        int outbox = count("select count(*) from outbox");
        ResponseEntity<JsonNode> replayed =
                admin().postForEntity("/api/v1/admin/quarantine/" + item + "/replay", null, JsonNode.class);
        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode run = replayed.getBody().get("run");
        assertThat(run.get("outcome").asText()).as("%s", run).isEqualTo("SUCCEEDED");
        assertThat(run.at("/counts/unchanged").asInt()).isEqualTo(1);
        assertThat(replayed.getBody().get("replayed").asBoolean()).isTrue();
        assertThat(count("select count(*) from rule_version")).isEqualTo(rules);
        assertThat(count("select count(*) from outbox")).isEqualTo(outbox);
    }

    @Test
    @Order(3)
    void anInboxFolderWithReadyIsOneDelivery() throws IOException {
        truncate(jdbc);
        Path folder = INBOX.resolve("delivery-2025");
        Files.createDirectories(folder);
        for (String f : List.of("units-bare.zip", "unit-lists.xlsx", "top-lists.csv")) {
            Files.write(folder.resolve(f), golden(f));
        }
        Files.writeString(folder.resolve(Inbox.READY), "");

        Path reportFile = INBOX.resolve("done/delivery-2025" + Inbox.REPORT_SUFFIX);
        await().atMost(PATIENCE).until(() -> Files.exists(reportFile));
        JsonNode report = JSON.readTree(reportFile.toFile());

        assertThat(report.get("outcome").asText()).as("%s", report).isEqualTo("SUCCEEDED");
        assertThat(report.get("file").asText()).isEqualTo("delivery-2025/");
        assertThat(report.at("/counts/created").asInt()).isEqualTo(4);
        assertThat(INBOX.resolve("done/delivery-2025/unit-lists.xlsx")).exists();
        assertThat(folder).doesNotExist();
    }

    @Test
    @Order(4)
    void tooManyPartsOrFilesAreRefusedNamingTheLimit() throws IOException {
        Map<String, byte[]> sixty = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            sixty.put("part-" + i + ".csv", "层级\n".getBytes(StandardCharsets.UTF_8));
        }
        ResponseEntity<JsonNode> tooMany = admin().postForEntity("/api/v1/imports", multipart(sixty), JsonNode.class);
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooMany.getBody().get("detail").asText())
                .isEqualTo("the delivery holds 60 files, more than zoning.sync.files.max-files (50)");

        Map<String, byte[]> thousand = new TreeMap<>();
        for (int i = 0; i < 1000; i++) {
            thousand.put("part-" + i + ".csv", "层级\n".getBytes(StandardCharsets.UTF_8));
        }
        ResponseEntity<JsonNode> parts = admin().postForEntity("/api/v1/imports", multipart(thousand), JsonNode.class);
        assertThat(parts.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(parts.getBody().get("detail").asText()).contains("server.tomcat.max-part-count");
        int runs = count("select count(*) from sync_run");

        Path folder = INBOX.resolve("ten-thousand");
        Files.createDirectories(folder.resolve("staging"));
        for (int i = 0; i < 10_000; i++) {
            Files.write(folder.resolve("part-" + i + ".csv"), new byte[] {'x'});
        }
        Files.delete(folder.resolve("staging"));
        Files.writeString(folder.resolve(Inbox.READY), "");

        Path reportFile = INBOX.resolve("failed/ten-thousand" + Inbox.REPORT_SUFFIX);
        await().atMost(PATIENCE).until(() -> Files.exists(reportFile));
        JsonNode report = JSON.readTree(reportFile.toFile());
        assertThat(report.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(report.get("error").asText())
                .isEqualTo("the delivery holds 10000 files, more than zoning.sync.files.max-files (50)");
        assertThat(count("select count(*) from sync_run")).isEqualTo(runs + 1);
    }

    JsonNode awaitUpload(ResponseEntity<JsonNode> accepted) {
        String location = accepted.getHeaders().getLocation().toString();
        return await().atMost(PATIENCE)
                .until(
                        () -> admin().getForObject(location, JsonNode.class),
                        r -> !r.get("outcome").asText().equals("RUNNING"));
    }

    static HttpEntity<MultiValueMap<String, Object>> multipart(Map<String, byte[]> files) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        files.forEach((name, content) -> body.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        }));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return new HttpEntity<>(body, headers);
    }
}
