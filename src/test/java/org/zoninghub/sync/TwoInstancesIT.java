package org.zoninghub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.ZoningHubApplication;
import org.zoninghub.platform.simulator.Fault;
import org.zoninghub.platform.simulator.Fault.Kind;
import org.zoninghub.platform.simulator.ProvincialSimulator;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;

/**
 * Two hub instances (two Spring application contexts with their own HTTP servers and Camel contexts) on one
 * PostgreSQL database, syncing the same provincial platform: one sync at a time, no duplicate versions, the losing
 * side records nothing (a schedule tick skips quietly, an administrator gets 409), and a starting instance never fails
 * a run another live instance is executing; runs a dead process left RUNNING are failed by the lock holder.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            "zoning.publish.topics.unit-changes=it-two.units.changes",
            "zoning.publish.topics.rule-changes=it-two.rules.changes",
            "zoning.publish.topics.unit-state=it-two.units.state"
        })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

    @Autowired
    SyncTrigger triggerA;

    @Autowired
    SyncRuns runs;

    @Autowired
    ProvincialSimulator simulator;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment envA;

    ConfigurableApplicationContext b;
    SyncTrigger triggerB;
    TestRestTemplate httpB;

    @BeforeAll
    void startTheSecondInstance() {
        String url = envA.getRequiredProperty("spring.datasource.url");
        String database = url.substring(url.lastIndexOf('/') + 1);
        String simulatorOfA =
                "http://localhost:" + envA.getRequiredProperty("local.server.port") + "/simulator/province";
        b = new SpringApplicationBuilder(ZoningHubApplication.class)
                .profiles("test")
                .properties(
                        "server.port=0",
                        "zoning.embedded.join-database=" + database,
                        "zoning.simulator.enabled=false",
                        "zoning.province.base-url=" + simulatorOfA,
                        "zoning.publish.topics.unit-changes=it-two.units.changes",
                        "zoning.publish.topics.rule-changes=it-two.rules.changes",
                        "zoning.publish.topics.unit-state=it-two.units.state",
                        // the outbox relay is not under test here; one instance sending is enough
                        "zoning.publish.relay-interval=1h")
                .run();
        assertThat(b.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(url);
        triggerB = b.getBean(SyncTrigger.class);
        httpB = new TestRestTemplate("admin", "test-admin-secret");
        httpB.setUriTemplateHandler(new org.springframework.web.util.DefaultUriBuilderFactory(
                "http://localhost:" + b.getEnvironment().getProperty("local.server.port")));
        assertThat(b.getBean(ProvincialClient.class).baseUrl()).contains(triggerSource());
    }

    @AfterAll
    void stopTheSecondInstance() {
        if (b != null) {
            b.close();
        }
    }

    String triggerSource() {
        return "http://localhost:" + envA.getRequiredProperty("local.server.port") + "/simulator/province";
    }

    @Test
    @Order(1)
    void concurrentTriggersRunOneAtATimeAndWriteEveryVersionOnce() throws Exception {
        AtomicInteger refused = new AtomicInteger();
        List<UUID> started = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<SyncRun>> both = new ArrayList<>();
                for (SyncTrigger t : List.of(triggerA, triggerB)) {
                    both.add(pool.submit(() -> {
                        together.await();
                        try {
                            return t.trigger(Trigger.ADMIN, Mode.INCREMENTAL);
                        } catch (SyncInProgressException e) {
                            refused.incrementAndGet();
                            return null;
                        }
                    }));
                }
                for (Future<SyncRun> f : both) {
                    SyncRun run = f.get();
                    if (run != null) {
                        started.add(run.id());
                    }
                }
                awaitNoRunRunning();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(started).isNotEmpty();
        assertThat(started.size() + refused.get()).isEqualTo(16);
        assertThat(count("select count(*) from sync_run"))
                .as("only started runs are recorded; refused triggers record nothing")
                .isEqualTo(started.size());
        assertThat(count("select count(*) from sync_run where outcome <> 'SUCCEEDED'"))
                .isZero();
        assertNoOverlaps();
        assertThat(count("select count(*) from unit_version")).isEqualTo(61);
        assertThat(count("select count(distinct code) from unit_version where version = 1"))
                .isEqualTo(61);
        assertThat(count("select count(*) from sync_run where counts->>'created' = '61'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from sync_cursor")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void whileOneInstanceSyncsTheOtherIsRefusedOrSkipsAndFailsNothing() throws Exception {
        simulator.inject(Fault.of(Kind.LATENCY, "units", 1).latencyMs(3000));
        SyncRun running = triggerA.trigger(Trigger.ADMIN, Mode.FULL);
        int recorded = count("select count(*) from sync_run");

        ResponseEntity<JsonNode> refused =
                httpB.postForEntity("/api/v1/admin/sync-runs?mode=full", null, JsonNode.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody().get("title").asText()).isEqualTo("Sync in progress");
        assertThat(refused.getBody().get("detail").asText()).contains("already in progress");

        Object scheduler = b.getBean("camelSyncTrigger");
        var scheduled = scheduler.getClass().getMethod("scheduled", Mode.class);
        scheduled.setAccessible(true);
        scheduled.invoke(scheduler, Mode.INCREMENTAL);

        assertThat(b.getBean(ProvincialSync.class).closeAbandonedRuns(true))
                .as("a starting instance does not fail the live run of another")
                .isZero();
        assertThat(runs.find(running.id()).orElseThrow().outcome()).isEqualTo(Outcome.RUNNING);
        assertThat(count("select count(*) from sync_run"))
                .as("nothing recorded by B")
                .isEqualTo(recorded);

        SyncRun done = awaitFinished(running.id());
        assertThat(done.outcome()).as("A's run: %s", done.error()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(count("select count(*) from sync_run where outcome = 'FAILED'"))
                .isZero();
        assertNoOverlaps();
    }

    @Test
    @Order(3)
    void aRunLeftRunningByADeadProcessIsFailedByTheNextLockHolder() {
        UUID dead = UUID.randomUUID();
        jdbc.update(
                "insert into sync_run (id, trigger, source, started_at, outcome, mode)"
                        + " values (?, 'SCHEDULE', ?, now() - interval '1 hour', 'RUNNING', 'INCREMENTAL')",
                dead,
                triggerSource());

        SyncRun run =
                awaitFinished(triggerB.trigger(Trigger.ADMIN, Mode.INCREMENTAL).id());

        assertThat(run.outcome()).isEqualTo(Outcome.SUCCEEDED);
        SyncRun abandoned = runs.find(dead).orElseThrow();
        assertThat(abandoned.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(abandoned.error()).isEqualTo(ProvincialSync.ABANDONED);
        assertThat(abandoned.endedAt()).isBeforeOrEqualTo(run.startedAt());
    }

    // ---------------------------------------------------------------------------------------------------------------

    void awaitNoRunRunning() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> count("select count(*) from sync_run where outcome = 'RUNNING'") == 0);
    }

    SyncRun awaitFinished(UUID id) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> runs.find(id).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
    }

    /** Ordered by start, every run ended before the next one started. */
    void assertNoOverlaps() {
        List<OffsetDateTime[]> intervals = jdbc.query(
                "select started_at, ended_at from sync_run order by started_at", (rs, n) -> new OffsetDateTime[] {
                    rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)
                });
        for (int i = 1; i < intervals.size(); i++) {
            OffsetDateTime previousEnd = intervals.get(i - 1)[1];
            assertThat(previousEnd).as("run %d ended", i - 1).isNotNull();
            assertThat(previousEnd)
                    .as("run %d ended before run %d started", i - 1, i)
                    .isBeforeOrEqualTo(intervals.get(i)[0]);
        }
    }

    int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }
}
