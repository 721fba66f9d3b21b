package org.zoninghub.sync.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zoninghub.sync.imports.ImportFixture.golden;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoninghub.store.SyncLock;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;

/**
 * Uploads wait on disk, not in memory: what a hub killed mid-way (kill -9) left under {@code .uploads} is imported
 * when the next hub starts, and a file import it left RUNNING without a stored upload is reported FAILED; none stays
 * RUNNING. A full upload queue is answered 429 (real PostgreSQL and Kafka).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.sync.files.upload-queue=2",
            "zoning.sync.files.lock-wait=5m",
            "zoning.publish.topics.unit-changes=it-uploads.units.changes",
            "zoning.publish.topics.rule-changes=it-uploads.rules.changes",
            "zoning.publish.topics.unit-state=it-uploads.units.state"
        })
@ActiveProfiles("test")
class UploadRecoveryIT {

    static final Path INBOX = Path.of("target/it-inbox/uploads-" + System.nanoTime());

    @DynamicPropertySource
    static void inbox(DynamicPropertyRegistry registry) {
        registry.add("zoning.sync.inbox", INBOX::toString);
    }

    @Autowired
    FileImports imports;

    @Autowired
    SyncRuns runs;

    @Autowired
    SyncLock lock;

    @Autowired
    TestRestTemplate http;

    @Test
    void aRestartImportsTheUploadsAKilledHubLeftAndFailsItsOtherImports() throws Exception {
        // what a hub killed during an upload-fed import leaves: two RUNNING file runs, one with its stored upload
        SyncRun stored = imports.begin("units.geojson");
        SyncRun lost = imports.begin("lists.csv");
        Path uploads = INBOX.resolve(FileImports.UPLOADS);
        Files.createDirectories(uploads);
        Files.write(uploads.resolve(stored.id().toString()), golden("units.geojson"));

        int resumed = imports.resumeUploads(OffsetDateTime.now().plusMinutes(1));

        assertThat(resumed).isEqualTo(1);
        SyncRun done = await().atMost(Duration.ofSeconds(60))
                .until(() -> runs.find(stored.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
        assertThat(done.outcome()).as(done.error()).isEqualTo(Outcome.SUCCEEDED);
        int features = ImportFixture.JSON
                .readTree(golden("units.geojson"))
                .get("features")
                .size();
        assertThat(done.counts().created()
                        + done.counts().updated()
                        + done.counts().unchanged())
                .as("every unit of the stored upload was imported (created, or unchanged when imported before)")
                .isEqualTo(features);
        SyncRun failed = runs.find(lost.id()).orElseThrow();
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.error()).contains("the hub stopped before this import finished");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !Files.exists(uploads.resolve(stored.id().toString())));
    }

    @Test
    void aStoredUploadOfSeveralFilesIsResumedAsOneDelivery() throws Exception {
        SyncRun stored = imports.begin("units-bare.zip, unit-lists.xlsx, top-lists.csv");
        Path folder = INBOX.resolve(FileImports.UPLOADS).resolve(stored.id().toString());
        Files.createDirectories(folder);
        for (String f : List.of("units-bare.zip", "unit-lists.xlsx", "top-lists.csv")) {
            Files.write(folder.resolve(f), golden(f));
        }

        assertThat(imports.resumeUploads(OffsetDateTime.now().plusMinutes(1))).isEqualTo(1);

        SyncRun done = await().atMost(Duration.ofSeconds(60))
                .until(() -> runs.find(stored.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
        assertThat(done.outcome()).as("%s %s", done.error(), done.rejected()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(done.counts().created()
                        + done.counts().updated()
                        + done.counts().unchanged())
                .isEqualTo(4);
        assertThat(runs.fieldMappings(stored.id()))
                .containsOnlyKeys("units-bare.zip", "unit-lists.xlsx", "top-lists.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(folder));
    }

    @Test
    void aFullUploadQueueIsAnswered429AndTheQueuedUploadsComplete() {
        TestRestTemplate admin = http.withBasicAuth("admin", "test-admin-secret");
        List<String> accepted = new ArrayList<>();
        // while the sync lock is held elsewhere, uploads wait for their import
        Optional<SyncLock.Lease> held = lock.tryAcquire();
        assertThat(held).isPresent();
        try (SyncLock.Lease lease = held.get()) {
            for (int i = 0; i < 2; i++) {
                ResponseEntity<JsonNode> r = admin.postForEntity(
                        "/api/v1/imports",
                        FileImportsIT.multipart("queued-" + i + ".geojson", golden("units.geojson")),
                        JsonNode.class);
                assertThat(r.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
                accepted.add(r.getHeaders().getLocation().toString());
            }
            ResponseEntity<JsonNode> full = admin.postForEntity(
                    "/api/v1/imports",
                    FileImportsIT.multipart("one-too-many.geojson", golden("units.geojson")),
                    JsonNode.class);
            assertThat(full.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(full.getHeaders().getContentType().toString()).contains("problem+json");
            assertThat(full.getHeaders().getFirst("Retry-After")).isNotBlank();
            assertThat(full.getBody().path("detail").asText()).contains("zoning.sync.files.upload-queue");
        }
        for (String location : accepted) {
            JsonNode report = await().atMost(Duration.ofSeconds(90))
                    .until(
                            () -> admin.getForObject(location, JsonNode.class),
                            r -> !r.path("outcome").asText().equals("RUNNING"));
            assertThat(report.path("outcome").asText()).isIn("SUCCEEDED", "REJECTED");
        }
    }
}
