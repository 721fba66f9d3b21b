package org.zoninghub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.platform.simulator.ProvincialSimulator;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.Rejection;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.sync.SyncInProgressException;
import org.zoninghub.sync.SyncTrigger;

/**
 * Operations against the Liaoyuan data of the built-in simulator, real PostgreSQL and Kafka: the routes from Camel's
 * management (suspend, resume, a stop refused while a sync holds the lock), the quarantine (a provincial record kept
 * as received, a replay that is rejected again, a replay that applies, a discard with its reason), the province health
 * component DOWN while the link is broken and UP after recovery, and the metrics at {@code /actuator/prometheus}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            "zoning.publish.topics.unit-changes=it-ops.units.changes",
            "zoning.publish.topics.rule-changes=it-ops.rules.changes",
            "zoning.publish.topics.unit-state=it-ops.units.state",
            "zoning.province.request-timeout=2s",
            "zoning.province.retry.max-attempts=2",
            "zoning.province.retry.initial-backoff=20ms",
            "zoning.province.retry.max-backoff=100ms",
            "zoning.province.circuit-breaker.sliding-window-size=4",
            "zoning.province.circuit-breaker.minimum-calls=4",
            "zoning.province.circuit-breaker.wait-in-open=2s",
            "zoning.health.kafka-check-interval=1s"
        })
@AutoConfigureObservability
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SIMULATOR_KEY = "zero-setup-simulator-key";

    @Autowired
    SyncTrigger trigger;

    @Autowired
    SyncRuns runs;

    @Autowired
    ProvincialSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate http;

    @Autowired
    org.apache.camel.CamelContext camel;

    TestRestTemplate admin() {
        return http.withBasicAuth("admin", "test-admin-secret");
    }

    SyncRun sync(Mode mode) {
        // a run is finished before its instance lets go of the sync lock: a trigger right after it may find the lock
        // still held, and is tried again
        SyncRun started = await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(SyncInProgressException.class)
                .until(() -> trigger.trigger(Trigger.ADMIN, mode), r -> true);
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> runs.find(started.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
    }

    ResponseEntity<JsonNode> call(HttpMethod method, String path) {
        return admin().exchange(path, method, HttpEntity.EMPTY, JsonNode.class);
    }

    JsonNode health() {
        return admin().getForObject("/actuator/health", JsonNode.class);
    }

    void fault(String json) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.set("X-Api-Key", SIMULATOR_KEY);
        ResponseEntity<String> r =
                http.exchange("/simulator/province/faults", HttpMethod.POST, new HttpEntity<>(json, h), String.class);
        assertThat(r.getStatusCode().is2xxSuccessful()).as(r.getBody()).isTrue();
    }

    void clearFaults() {
        HttpHeaders h = new HttpHeaders();
        h.set("X-Api-Key", SIMULATOR_KEY);
        http.exchange("/simulator/province/faults", HttpMethod.DELETE, new HttpEntity<>(h), String.class);
    }

    @BeforeAll
    void baseline() {
        SyncRun run = sync(Mode.FULL);
        assertThat(run.outcome()).as("baseline: %s", run.error()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(run.counts().created()).isEqualTo(61);
    }

    @Test
    @Order(1)
    void routesShowCamelsFiguresAndAreSuspendedAndResumed() {
        JsonNode routes = call(HttpMethod.GET, "/api/v1/admin/routes").getBody();
        assertThat(routes).isNotNull();
        List<String> ids = routes.findValuesAsText("id");
        assertThat(ids)
                .contains(
                        "sync.pull-provincial",
                        "sync.inbox",
                        "sync.inbox-upload",
                        "publish.outbox-relay",
                        "sync.edition-activation");
        JsonNode pull = call(HttpMethod.GET, "/api/v1/admin/routes/sync.pull-provincial")
                .getBody();
        assertThat(pull.get("status").asText()).isEqualTo("Started");
        assertThat(pull.get("exchangesTotal").asLong())
                .as("the baseline run went through it")
                .isGreaterThanOrEqualTo(1);
        assertThat(pull.get("uptimeMillis").asLong()).isPositive();
        for (String field : List.of(
                "exchangesFailed",
                "exchangesInflight",
                "meanProcessingMillis",
                "maxProcessingMillis",
                "lastFailure",
                "holdsSyncLock")) {
            assertThat(pull.has(field)).as(field).isTrue();
        }
        assertThat(pull.get("holdsSyncLock").asBoolean()).isFalse();

        ResponseEntity<JsonNode> suspended = call(HttpMethod.POST, "/api/v1/admin/routes/sync.inbox/suspend");
        assertThat(suspended.getStatusCode().value()).isEqualTo(200);
        assertThat(suspended.getBody().get("status").asText()).isEqualTo("Suspended");
        ResponseEntity<JsonNode> resumed = call(HttpMethod.POST, "/api/v1/admin/routes/sync.inbox/resume");
        assertThat(resumed.getBody().get("status").asText()).isEqualTo("Started");
        assertThat(camel.getRouteController())
                .as("routes whose start fails are restarted with back-off")
                .isInstanceOf(org.apache.camel.spi.SupervisingRouteController.class);
        assertThat(routes.findValues("supervising"))
                .as("no route is being restarted")
                .allMatch(JsonNode::isNull);
        assertThat(call(HttpMethod.POST, "/api/v1/admin/routes/no.such-route/stop")
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    @Order(2)
    void aRouteHoldingTheSyncLockIsNotStopped() {
        fault("{\"kind\": \"LATENCY\", \"path\": \"units\", \"page\": 1, \"times\": 1, \"latencyMs\": 1500}");
        SyncRun started = trigger.trigger(Trigger.ADMIN, Mode.INCREMENTAL);
        try {
            JsonNode busy = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> call(HttpMethod.GET, "/api/v1/admin/routes/sync.pull-provincial")
                                    .getBody(),
                            r -> r.get("holdsSyncLock").asBoolean());
            assertThat(busy.get("exchangesInflight").asLong() + 0).isGreaterThanOrEqualTo(0);
            ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/api/v1/admin/routes/sync.pull-provincial/stop");
            assertThat(refused.getStatusCode().value()).isEqualTo(409);
            assertThat(refused.getHeaders().getContentType().toString()).contains("problem+json");
            assertThat(refused.getBody().get("detail").asText()).contains("sync lock");
        } finally {
            SyncRun done = await().atMost(Duration.ofSeconds(60))
                    .until(() -> runs.find(started.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
            assertThat(done.outcome()).as(done.error()).isEqualTo(Outcome.SUCCEEDED);
            clearFaults();
        }
        assertThat(call(HttpMethod.GET, "/api/v1/admin/routes/sync.pull-provincial")
                        .getBody()
                        .get("status")
                        .asText())
                .isEqualTo("Started");
    }

    @Test
    @Order(3)
    void aQuarantinedProvincialRecordIsKeptReplayedAndDiscarded() throws Exception {
        String code =
                simulator.units().get(5).path("properties").path("HJGKDYBM").asText();
        simulator.changeUnit(code, p -> p.remove("KJBJYS"));
        SyncRun rejected = sync(Mode.INCREMENTAL);
        assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);

        JsonNode page = call(HttpMethod.GET, "/api/v1/admin/quarantine?run=" + rejected.id() + "&record=" + code)
                .getBody();
        assertThat(page.get("items")).hasSize(1);
        JsonNode listed = page.get("items").get(0);
        assertThat(listed.get("reason").asText()).contains("KJBJYS");
        assertThat(listed.get("status").asText()).isEqualTo("OPEN");
        assertThat(listed.get("source").asText()).contains("/simulator/province");
        long id = listed.get("id").asLong();
        assertThat(call(HttpMethod.GET, "/api/v1/admin/quarantine?reason=KJBJYS&status=OPEN")
                        .getBody()
                        .get("items")
                        .findValuesAsText("record"))
                .contains(code);

        JsonNode item = call(HttpMethod.GET, "/api/v1/admin/quarantine/" + id).getBody();
        JsonNode payload = JSON.readTree(item.get("payload").asText());
        assertThat(payload.at("/properties/HJGKDYBM").asText())
                .as("the record as received")
                .isEqualTo(code);
        assertThat(payload.at("/properties").has("KJBJYS")).isFalse();
        assertThat(payload.has("geometry")).isTrue();

        // the record as received is still defective: the replay is rejected and says why; the item stays OPEN
        ResponseEntity<JsonNode> again = call(HttpMethod.POST, "/api/v1/admin/quarantine/" + id + "/replay");
        assertThat(again.getStatusCode().value()).isEqualTo(202);
        assertThat(again.getBody().at("/run/outcome").asText()).isEqualTo("REJECTED");
        assertThat(again.getBody().at("/run/rejected/0/reason").asText()).contains("KJBJYS");
        assertThat(again.getBody().at("/run/source").asText()).isEqualTo("quarantine #" + id);
        assertThat(again.getBody().get("replayed").asBoolean()).isFalse();
        assertThat(again.getBody().at("/item/status").asText()).isEqualTo("OPEN");

        // discarding needs a reason, and keeps the record
        assertThat(call(HttpMethod.DELETE, "/api/v1/admin/quarantine/" + id)
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        ResponseEntity<JsonNode> discarded =
                call(HttpMethod.DELETE, "/api/v1/admin/quarantine/" + id + "?reason=superseded by the province");
        assertThat(discarded.getStatusCode().value()).isEqualTo(200);
        assertThat(discarded.getBody().get("status").asText()).isEqualTo("DISCARDED");
        assertThat(discarded.getBody().get("resolvedBy").asText()).isEqualTo("admin");
        assertThat(discarded.getBody().get("resolution").asText()).isEqualTo("superseded by the province");
        assertThat(jdbc.queryForObject("select count(*) from quarantine where id = ?", Integer.class, id))
                .isEqualTo(1);
        assertThat(call(HttpMethod.POST, "/api/v1/admin/quarantine/" + id + "/replay")
                        .getStatusCode()
                        .value())
                .isEqualTo(409);

        // a record rejected under a configuration since fixed: its replay applies it, in a run of its own
        simulator.changeUnit(code, p -> p.put("KJBJYS", "1.禁止新建高污染项目。"));
        ObjectNode good = simulator.units().stream()
                .filter(f -> f.at("/properties/HJGKDYBM").asText().equals(code))
                .findFirst()
                .orElseThrow()
                .deepCopy();
        String newName = good.at("/properties/HJGKDYMC").asText() + "（复核）";
        ((ObjectNode) good.get("properties")).put("HJGKDYMC", newName);
        ((ObjectNode) good.get("properties")).put("GXSJ", OffsetDateTime.now().toString());
        runs.quarantine(
                rejected.id(),
                List.of(new Rejection(code, "geometry outside the configured envelope")),
                Map.of(code, good.toString()));
        long goodId = jdbc.queryForObject(
                "select max(id) from quarantine where sync_run_id = ? and status = 'OPEN'", Long.class, rejected.id());
        ResponseEntity<JsonNode> replayed = call(HttpMethod.POST, "/api/v1/admin/quarantine/" + goodId + "/replay");
        assertThat(replayed.getStatusCode().value()).isEqualTo(202);
        JsonNode run = replayed.getBody().get("run");
        assertThat(run.get("outcome").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.at("/counts/updated").asInt()).isEqualTo(1);
        assertThat(replayed.getBody().get("replayed").asBoolean()).isTrue();
        JsonNode resolved =
                call(HttpMethod.GET, "/api/v1/admin/quarantine/" + goodId).getBody();
        assertThat(resolved.get("status").asText()).isEqualTo("REPLAYED");
        assertThat(resolved.get("replayRunId").asText()).isEqualTo(run.get("id").asText());
        assertThat(admin().getForObject("/api/v1/units/" + code, JsonNode.class).toString())
                .contains(newName);
        assertThat(runs.find(UUID.fromString(run.get("id").asText()))
                        .orElseThrow()
                        .trigger())
                .isEqualTo(Trigger.ADMIN);
    }

    @Test
    @Order(4)
    void aBrokenProvincialLinkTurnsTheProvinceDownWithReasonAndSinceAndUpAfterRecovery() {
        assertThat(health().at("/components/province/status").asText()).isEqualTo("UP");
        fault("{\"kind\": \"SERVER_ERROR\", \"times\": 1000}");
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> sync(Mode.FULL),
                        r -> r.error() != null && r.error().contains("circuit breaker is OPEN"));

        JsonNode down = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> health().at("/components/province"),
                        h -> h.get("status").asText().equals("DOWN"));
        assertThat(down.at("/details/reason").asText()).contains("circuit breaker");
        assertThat(down.at("/details/since").asText()).isNotBlank();
        assertThat(OffsetDateTime.parse(down.at("/details/since").asText()))
                .isBefore(OffsetDateTime.now().plusSeconds(1));
        assertThat(down.at("/details/lastOutcome").asText()).isEqualTo("FAILED");
        assertThat(health().get("status").asText()).isEqualTo("DOWN");

        clearFaults();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> sync(Mode.INCREMENTAL), r -> r.outcome() == Outcome.SUCCEEDED);
        JsonNode up = health().at("/components/province");
        assertThat(up.get("status").asText()).isEqualTo("UP");
        assertThat(up.at("/details/circuitBreaker").asText()).isEqualTo("CLOSED");
        assertThat(up.at("/details/lastOutcome").asText()).isEqualTo("SUCCEEDED");
        JsonNode all = health();
        for (String component : List.of("province", "inbox", "outbox", "broker", "subscribers")) {
            assertThat(all.at("/components/" + component + "/status").asText())
                    .as(component + ": " + all.at("/components/" + component))
                    .isNotEmpty();
        }
        assertThat(admin().getForObject("/actuator/health/liveness", JsonNode.class)
                        .get("status")
                        .asText())
                .isEqualTo("UP");
        assertThat(admin().getForObject("/actuator/health/readiness", JsonNode.class)
                        .get("status")
                        .asText())
                .isEqualTo("UP");
    }

    @Test
    @Order(5)
    void prometheusShowsRoutesSyncRunsQuarantineOutboxCircuitBreakerAndSubscribers() {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> created = admin().exchange(
                        "/api/v1/admin/subscribers",
                        HttpMethod.POST,
                        new HttpEntity<>(
                                "{\"id\": \"it-ops-permits\", \"name\": \"permits\", \"consumerGroup\": \"it-ops-permits\","
                                        + " \"filter\": {}}",
                                h),
                        String.class);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);

        String text = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> admin().getForObject("/actuator/prometheus", String.class),
                        t -> t.contains("zoning_publish_subscriber_lag{subscriber=\"it-ops-permits\"}"));
        assertThat(text)
                .contains("zoning_sync_runs_total{outcome=\"SUCCEEDED\",trigger=\"ADMIN\"}")
                .contains("zoning_sync_runs_total{outcome=\"FAILED\",trigger=\"ADMIN\"}")
                .contains("zoning_sync_run_duration_seconds_count{outcome=\"SUCCEEDED\"}")
                .contains("zoning_sync_run_records_sum{kind=\"created\"} 61.0")
                .contains("zoning_sync_quarantine_records{status=\"DISCARDED\"} 1.0")
                .contains("zoning_sync_quarantine_records{status=\"REPLAYED\"} 1.0")
                .contains("zoning_publish_outbox_backlog")
                .contains("zoning_publish_outbox_oldest_age_seconds")
                .contains("zoning_sync_province_circuit_breaker_state 0.0")
                .contains("zoning_publish_subscribers 1.0")
                .contains("zoning_publish_broker_up 1.0");
        assertThat(text.lines()
                        .filter(l -> l.startsWith("camel_") && l.contains("routeId=\"sync.pull-provincial\""))
                        .toList())
                .as("route metrics of camel-micrometer")
                .isNotEmpty();
    }
}
