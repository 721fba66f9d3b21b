package org.zoninghub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.platform.simulator.Fault;
import org.zoninghub.platform.simulator.Fault.Kind;
import org.zoninghub.platform.simulator.ProvincialSimulator;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;

/**
 * Every fault the simulated provincial platform injects, against real PostgreSQL and Kafka. After a good baseline:
 * a transient fault within the retry budget still ends SUCCEEDED (the retries counted in
 * {@code zoning.sync.province.retries}) and applies the pending change once; a fault beyond the budget or a broken
 * page ends FAILED, naming the page and the fault, with the store (versions, outbox, cursor) and the topics (end
 * offsets) exactly as before; the next good run converges. Then the circuit breaker, and retirement by absence.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            "zoning.publish.topics.unit-changes=it-faults.units.changes",
            "zoning.publish.topics.rule-changes=it-faults.rules.changes",
            "zoning.publish.topics.unit-state=it-faults.units.state",
            "zoning.province.page-size=20",
            "zoning.province.request-timeout=1s",
            "zoning.province.retry.max-attempts=3",
            "zoning.province.retry.initial-backoff=20ms",
            "zoning.province.retry.max-backoff=200ms",
            "zoning.province.retry.max-retry-after=2s",
            "zoning.province.circuit-breaker.sliding-window-size=8",
            "zoning.province.circuit-breaker.minimum-calls=8",
            "zoning.province.circuit-breaker.wait-in-open=2s"
        })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvincialFaultsIT {

    private static final Logger log = LoggerFactory.getLogger(ProvincialFaultsIT.class);

    static final List<String> TOPICS =
            List.of("it-faults.units.changes", "it-faults.rules.changes", "it-faults.units.state");

    @Autowired
    SyncTrigger trigger;

    @Autowired
    SyncRuns runs;

    @Autowired
    ProvincialSimulator simulator;

    @Autowired
    ProvincialClient client;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    Admin admin;
    int changes;

    /** What a failed run must leave exactly as it was. */
    record State(
            int unitVersions,
            int ruleVersions,
            int outbox,
            int events,
            OffsetDateTime cursor,
            Map<String, Long> topics) {}

    @BeforeAll
    void baseline() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        admin = Admin.create(p);
        SyncRun run = sync(Mode.INCREMENTAL);
        assertThat(run.outcome()).as("baseline: %s", run.error()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(run.mode()).as("the first pull of a source is full").isEqualTo(Mode.FULL);
        assertThat(run.counts().created()).isEqualTo(61);
        assertThat(cursor()).isEqualTo(OffsetDateTime.parse(simulator.snapshotTime()));
    }

    @AfterAll
    void closeAdmin() {
        admin.close();
    }

    @BeforeEach
    void cleanSlate() {
        simulator.clearFaults();
        client.circuitBreaker().reset();
    }

    static Stream<Arguments> transientFaults() {
        return Stream.of(
                Arguments.of(Fault.of(Kind.LATENCY, "units", 2).latencyMs(1500)),
                Arguments.of(Fault.of(Kind.SERVER_ERROR, "units", 2)),
                Arguments.of(Fault.of(Kind.TOO_MANY_REQUESTS, "units", 2).retryAfterSeconds(1)),
                Arguments.of(Fault.of(Kind.TRUNCATED, "units", 3)),
                Arguments.of(Fault.of(Kind.INVALID_JSON, "lists", 1)));
    }

    @ParameterizedTest(name = "{0} twice: retried, SUCCEEDED")
    @MethodSource("transientFaults")
    @Order(1)
    void aTransientFaultWithinTheRetryBudgetIsRetried(Fault fault) {
        State before = state();
        String changed = changeAUnit();
        simulator.inject(fault.times(2));
        double retries = retries();

        SyncRun run = sync(Mode.FULL);

        assertThat(run.outcome()).as("run: %s", run.error()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(retries() - retries).as("retries counted").isEqualTo(2);
        assertThat(run.counts().updated())
                .as("the pending change to %s", changed)
                .isEqualTo(1);
        assertThat(count("unit_version")).isEqualTo(before.unitVersions() + 1);
        assertThat(cursor()).isEqualTo(OffsetDateTime.parse(simulator.snapshotTime()));
        assertAppliedOnce();
    }

    static Stream<Arguments> failingFaults() {
        return Stream.of(
                Arguments.of(
                        Fault.of(Kind.LATENCY, "units", 2).latencyMs(1500).times(3), "GET units page 2: timed out"),
                Arguments.of(Fault.of(Kind.SERVER_ERROR, "units", 2).times(3), "GET units page 2: HTTP 503"),
                Arguments.of(
                        Fault.of(Kind.TOO_MANY_REQUESTS, "units", 3)
                                .retryAfterSeconds(1)
                                .times(3),
                        "GET units page 3: HTTP 429 (Retry-After 1)"),
                Arguments.of(Fault.of(Kind.TRUNCATED, "units", 4).times(3), "GET units page 4: the body is truncated"),
                Arguments.of(
                        Fault.of(Kind.INVALID_JSON, "lists", 1).times(3),
                        "GET lists page 1: the body is truncated or not valid JSON"),
                Arguments.of(Fault.of(Kind.REPEAT_PAGE, "units", 2), "units page 2: record ZH"),
                Arguments.of(
                        Fault.of(Kind.CHANGE_BETWEEN_PAGES, "units", 1),
                        "units page 2: the platform's snapshotTime changed"));
    }

    @ParameterizedTest(name = "{0}: FAILED, nothing touched, the next run converges")
    @MethodSource("failingFaults")
    @Order(2)
    void aFaultBeyondTheBudgetOrABrokenPageFailsTheRunAndTouchesNothing(Fault fault, String error) {
        State before = state();
        changeAUnit();
        simulator.inject(fault);

        SyncRun failed = sync(Mode.FULL);

        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.error()).contains(error);
        log.info("{} failed the run as expected: {}", fault.kind(), failed.error());
        assertThat(state()).as("store and topics after the failed run").isEqualTo(before);

        simulator.clearFaults();
        String second = changeAUnit();
        SyncRun next = sync(Mode.INCREMENTAL);

        assertThat(next.outcome()).as("next run: %s", next.error()).isEqualTo(Outcome.SUCCEEDED);
        int expected = fault.kind() == Kind.CHANGE_BETWEEN_PAGES ? 3 : 2;
        assertThat(next.counts().updated())
                .as("both pending changes, the second to %s", second)
                .isEqualTo(expected);
        assertThat(count("unit_version")).isEqualTo(before.unitVersions() + expected);
        assertThat(cursor()).isAfter(before.cursor()).isEqualTo(OffsetDateTime.parse(simulator.snapshotTime()));
        assertAppliedOnce();
    }

    @Test
    @Order(3)
    void anOpenCircuitFailsTheRunAtOnceSayingWhenThePlatformIsTriedAgain() {
        State before = state();
        simulator.inject(Fault.of(Kind.SERVER_ERROR, "units", null).times(1000));

        SyncRun open = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> sync(Mode.FULL),
                        r -> r.error() != null && r.error().contains("circuit breaker is OPEN"));

        assertThat(open.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(open.error()).contains("GET units page 1: not sent").contains("tried again after");
        assertThat(state()).isEqualTo(before);

        simulator.clearFaults();
        String changed = changeAUnit();
        SyncRun recovered = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> sync(Mode.INCREMENTAL), r -> r.outcome() == Outcome.SUCCEEDED);
        assertThat(recovered.counts().updated()).as("the change to %s", changed).isEqualTo(1);
        assertAppliedOnce();
    }

    @Test
    @Order(4)
    void onlyAFullPullRetiresAUnitTheProvinceNoLongerLists() {
        String code =
                simulator.units().get(60).path("properties").path("HJGKDYBM").asText();
        simulator.removeUnit(code);

        SyncRun incremental = sync(Mode.INCREMENTAL);
        assertThat(incremental.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(incremental.counts().retired()).isZero();

        SyncRun full = sync(Mode.FULL);
        assertThat(full.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(full.counts().retired()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select status from unit_version where code = ? and valid_to is null", String.class, code))
                .isEqualTo("RETIRED");
    }

    // ---------------------------------------------------------------------------------------------------------------

    SyncRun sync(Mode mode) {
        // a run is finished before its instance lets go of the sync lock: a trigger right after it may find the lock
        // still held, and is tried again
        SyncRun started = await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(SyncInProgressException.class)
                .until(() -> trigger.trigger(Trigger.ADMIN, mode), r -> true);
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> runs.find(started.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
    }

    /** Renames one unit in the simulator (a new GXSJ), a different one each time; returns its code. */
    String changeAUnit() {
        changes++;
        String code = simulator
                .units()
                .get(changes % 40)
                .path("properties")
                .path("HJGKDYBM")
                .asText();
        simulator.changeUnit(code, p -> p.put("HJGKDYMC", p.path("HJGKDYMC").asText() + " v" + changes));
        return code;
    }

    /** A further incremental run finds nothing new: the changes were applied once and the cursor covers them. */
    void assertAppliedOnce() {
        State after = state();
        SyncRun again = sync(Mode.INCREMENTAL);
        assertThat(again.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(again.counts().created()
                        + again.counts().updated()
                        + again.counts().retired()
                        + again.counts().unchanged())
                .isZero();
        assertThat(state()).isEqualTo(after);
    }

    double retries() {
        return meters.find("zoning.sync.province.retries").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }

    OffsetDateTime cursor() {
        return jdbc.queryForObject("select updated_since from sync_cursor", OffsetDateTime.class);
    }

    /** The store and the topics, once the relay has sent everything committed. */
    State state() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject("select count(*) from outbox_pending", Integer.class) == 0);
        return new State(
                count("unit_version"),
                count("rule_version"),
                count("outbox"),
                count("event_sequence"),
                cursor(),
                endOffsets());
    }

    Map<String, Long> endOffsets() {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(TOPICS)
                    .allTopicNames()
                    .get()
                    .forEach((topic, d) -> d.partitions()
                            .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            Map<String, Long> sums = new HashMap<>();
            admin.listOffsets(request)
                    .all()
                    .get()
                    .forEach((tp, info) -> sums.merge(tp.topic(), info.offset(), Long::sum));
            return sums;
        } catch (Exception e) {
            throw new AssertionError("cannot read the topics' end offsets: " + e, e);
        }
    }
}
