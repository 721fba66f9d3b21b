package org.zoninghub.sync.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zoninghub.sync.imports.ImportFixture.golden;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.store.SyncLock;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.testing.ChildHubs;

/**
 * A hub killed ({@code SIGKILL}, no shutdown of any kind) while an uploaded import waits in its queue, or while it is
 * inside its apply transaction, then a hub
 * started again on the same database and inbox: the upload's run ends SUCCEEDED with every unit of the file, or
 * FAILED with a reason and no unit applied, never RUNNING. The hubs run as child JVMs on this test's PostgreSQL and
 * Kafka; this test's own context holds the sync lock (the upload is queued when the hub is killed) or a write lock on
 * the units (the import waits inside its transaction) while the first hub lives, and judges through the database.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.publish.relay-enabled=false",
            "zoning.publish.topics.unit-changes=it-upload-kill.units.changes",
            "zoning.publish.topics.rule-changes=it-upload-kill.rules.changes",
            "zoning.publish.topics.unit-state=it-upload-kill.units.state"
        })
@ActiveProfiles("test")
// a context, and with it a database, per test: each starts empty
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class UploadKillIT {

    static final Path INBOX = Path.of("target/it-inbox/upload-kill-" + System.nanoTime());
    static final byte[] FILE = golden("units.geojson");

    @Autowired
    SyncRuns runs;

    @Autowired
    SyncLock lock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TestRestTemplate http;

    @Autowired
    Environment env;

    ChildHubs hubs;

    @AfterEach
    void stopChildren() throws Exception {
        if (hubs != null) {
            hubs.close();
        }
    }

    @Test
    void anUploadQueuedWhenTheHubIsKilledEndsSucceededOrFailedAfterTheRestartNeverRunning() throws Exception {
        Optional<SyncLock.Lease> held = lock.tryAcquire();
        assertThat(held).isPresent();
        UUID runId;
        try (SyncLock.Lease lease = held.get()) {
            // the sync lock is held here: the upload waits in the hub's queue when the hub is killed
            runId = uploadAndKill(() -> true);
        }
        restartAndJudge(runId);
    }

    @Test
    void anUploadKilledInsideItsApplyTransactionEndsSucceededOrFailedAfterTheRestartNeverRunning() throws Exception {
        UUID runId;
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                // reads pass, writes wait: the import stops at its first unit written, inside its apply transaction
                s.execute("lock table unit_version in exclusive mode");
            }
            runId = uploadAndKill(this::importWaitsOnUnits);
            blocker.rollback();
        }
        restartAndJudge(runId);
    }

    /** Starts a hub, uploads the file, waits until {@code killNow}, kills the hub; returns the upload's run. */
    private UUID uploadAndKill(Callable<Boolean> killNow) throws Exception {
        assertThat(units()).as("an empty database to start with").isZero();
        ChildHubs.Hub first = startHub(1);
        TestRestTemplate admin = http.withBasicAuth("admin", "test-admin-secret");
        String base = first.baseUrl();
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> !first.isAlive()
                        || admin.getForEntity(base + "/actuator/health/readiness", String.class)
                                .getStatusCode()
                                .is2xxSuccessful());
        assertThat(first.isAlive()).as("first hub runs (see its log)").isTrue();

        ResponseEntity<JsonNode> accepted = admin.postForEntity(
                base + "/api/v1/imports", FileImportsIT.multipart("killed.geojson", FILE), JsonNode.class);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        UUID runId = UUID.fromString(accepted.getBody().path("id").asText());
        Path stored = INBOX.resolve(FileImports.UPLOADS).resolve(runId.toString());
        assertThat(stored).as("the upload waits on disk").exists();
        await().atMost(Duration.ofSeconds(60)).until(killNow);
        assertThat(runs.find(runId).orElseThrow().outcome()).isEqualTo(Outcome.RUNNING);

        first.kill();
        assertThat(runs.find(runId).orElseThrow().outcome())
                .as("the killed hub left its upload RUNNING")
                .isEqualTo(Outcome.RUNNING);
        return runId;
    }

    /** Whether another session waits to write {@code unit_version} (the import, inside its transaction). */
    private boolean importWaitsOnUnits() {
        return jdbc.queryForObject(
                        "select count(*) from pg_locks where not granted and relation = 'unit_version'::regclass",
                        Long.class)
                > 0;
    }

    /** Starts a hub again on the same database and inbox and judges how the killed upload ended. */
    private void restartAndJudge(UUID runId) throws Exception {
        int features = ImportFixture.JSON.readTree(FILE).get("features").size();
        ChildHubs.Hub second = startHub(2);
        SyncRun ended = await().atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            assertThat(second.isAlive())
                                    .as("second hub runs (see its log)")
                                    .isTrue();
                            return runs.find(runId).orElseThrow();
                        },
                        r -> r.outcome() != Outcome.RUNNING);

        assertThat(ended.outcome()).isIn(Outcome.SUCCEEDED, Outcome.FAILED);
        if (ended.outcome() == Outcome.SUCCEEDED) {
            assertThat(ended.counts().created()).isEqualTo(features);
            assertThat(units()).as("every unit of the upload, once").isEqualTo(features);
        } else {
            assertThat(ended.error()).as("a FAILED upload names its reason").isNotBlank();
            assertThat(units()).as("nothing of a failed upload is applied").isZero();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !Files.exists(INBOX.resolve(FileImports.UPLOADS).resolve(runId.toString())));
        assertThat(jdbc.queryForObject(
                        "select count(*) from sync_run where outcome = 'RUNNING' and trigger = 'FILE'", Long.class))
                .as("no file import left RUNNING")
                .isZero();
    }

    private long units() {
        return jdbc.queryForObject("select count(distinct code) from unit_version", Long.class);
    }

    /** Starts a hub JVM of its own on this test's database, broker and inbox. */
    private ChildHubs.Hub startHub(int n) throws IOException {
        if (hubs == null) {
            hubs = new ChildHubs(env);
        }
        return hubs.start(
                "upload-kill-hub-" + n,
                List.of(
                        "--zoning.sync.inbox=" + INBOX.toAbsolutePath(),
                        "--zoning.sync.files.lock-wait=10m",
                        "--zoning.publish.topics.unit-changes=it-upload-kill.units.changes",
                        "--zoning.publish.topics.rule-changes=it-upload-kill.rules.changes",
                        "--zoning.publish.topics.unit-state=it-upload-kill.units.state"));
    }
}
