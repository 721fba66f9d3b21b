package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoninghub.platform.simulator.Fault;
import org.zoninghub.platform.simulator.Fault.Kind;
import org.zoninghub.platform.simulator.ProvincialSimulator;
import org.zoninghub.store.Announcements;
import org.zoninghub.testing.ChildHubs;

/**
 * Two hubs (child JVMs) on one PostgreSQL database and one Kafka broker: both answer reads and compliance checks; of
 * two sync triggers at once one runs and the other is refused (409); one of them relays; the relaying one is killed
 * ({@code SIGKILL}) in the middle of a backlog, and the other takes over and delivers everything, in order per key,
 * with no gap (duplicates allowed: at least once). The takeover time (kill → first batch marked sent by the survivor)
 * is logged and written to {@code target/relay-takeover.json} for {@code bench/takeover/run.sh}. This test's own
 * context only serves the provincial simulator, commits the backlog and judges with the reference consumer.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            "zoning.publish.relay-enabled=false",
            "zoning.publish.topics.unit-changes=" + RelayTakeoverIT.TOPIC,
            "zoning.publish.topics.rule-changes=it-takeover.rules.changes",
            "zoning.publish.topics.unit-state=it-takeover.units.state"
        })
@ActiveProfiles("test")
class RelayTakeoverIT {

    static final Logger log = LoggerFactory.getLogger(RelayTakeoverIT.class);
    static final String TOPIC = "it-takeover.units.changes";
    static final int KEYS = 100;
    static final int CHANGES = 3_000;
    /** The kill comes once this many rows of the backlog are sent (and before all are). */
    static final int KILL_AFTER = 200;

    static final String FOOTPRINT = "{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[125.16,42.85],"
            + "[125.18,42.85],[125.18,42.87],[125.16,42.87],[125.16,42.85]]]}}";

    @Autowired
    Announcements announcements;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProvincialSimulator simulator;

    @Autowired
    Environment env;

    ChildHubs hubs;

    @AfterEach
    void stopHubs() throws Exception {
        if (hubs != null) {
            hubs.close();
        }
    }

    @Test
    void twoHubsServeBothSyncOneAtATimeAndTheSurvivorOfAKillDeliversTheBacklog() throws Exception {
        hubs = new ChildHubs(env);
        String kafka = env.getRequiredProperty("spring.kafka.bootstrap-servers");
        List<ChildHubs.Hub> two = List.of(startHub("a"), startHub("b"));
        List<TestRestTemplate> http = two.stream().map(RelayTakeoverIT::admin).toList();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> two.stream().allMatch(ChildHubs.Hub::isAlive)
                        && http.stream()
                                .allMatch(h -> h.getForEntity("/actuator/health/readiness", JsonNode.class)
                                        .getStatusCode()
                                        .is2xxSuccessful()));
        assertThat(two).as("both hubs run (see their logs in target/)").allMatch(ChildHubs.Hub::isAlive);

        try (ReferenceJudge judge = new ReferenceJudge(kafka, List.of(TOPIC))) {
            // one sync at a time: the first page of units is slowed down, so the winner holds the sync lock while the
            // other's trigger arrives
            simulator.inject(Fault.of(Kind.LATENCY, "units", 1).latencyMs(3000));
            List<HttpStatus> answers = triggerTogether(http);
            assertThat(answers).containsExactlyInAnyOrder(HttpStatus.ACCEPTED, HttpStatus.CONFLICT);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> count("select count(*) from sync_run where outcome = 'RUNNING'") == 0);
            assertThat(count("select count(*) from sync_run where outcome = 'SUCCEEDED'"))
                    .isEqualTo(1);

            // reads and compliance checks on both
            Set<String> expectedCodes = codesOfTheDataset();
            assertThat(expectedCodes).hasSize(61);
            for (TestRestTemplate h : http) {
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(unitCodes(h)).containsExactlyElementsOf(expectedCodes));
            }
            List<Set<String>> overlapped = new ArrayList<>();
            for (TestRestTemplate h : http) {
                overlapped.add(await().atMost(Duration.ofSeconds(30))
                        .until(() -> overlappedCodes(h), codes -> !codes.isEmpty()));
            }
            assertThat(overlapped.get(0)).isSubsetOf(expectedCodes).isEqualTo(overlapped.get(1));

            // one relays: the leader delivers what the sync published
            await().atMost(Duration.ofSeconds(30)).until(() -> unsent() == 0);
            List<Integer> leaders = http.stream().map(RelayTakeoverIT::leader).toList();
            assertThat(leaders).as("relay leader gauge of a and b").containsExactlyInAnyOrder(0, 1);
            int killed = leaders.indexOf(1);
            ChildHubs.Hub relaying = two.get(killed);
            ChildHubs.Hub survivor = two.get(1 - killed);
            TestRestTemplate survivorHttp = http.get(1 - killed);

            // the backlog, and the kill while the relaying hub drains it
            long sentBefore = sent();
            UnitChangeFixture changes = new UnitChangeFixture(announcements, tx, KEYS, 250);
            // one transaction: the relay finds the whole backlog at once, so the kill lands early in it
            changes.commit(CHANGES);
            long total = count("select count(*) from outbox");
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> !relaying.isAlive() || sent() >= sentBefore + KILL_AFTER);
            assertThat(relaying.isAlive()).as("relaying hub runs (see its log)").isTrue();
            Instant killedAt = Instant.now();
            relaying.kill();
            long sentAtKill = sent();
            assertThat(sentAtKill)
                    .as("rows sent when the relaying hub was killed")
                    .isLessThan(total);

            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !survivor.isAlive() || sent() == total);
            assertThat(survivor.isAlive())
                    .as("surviving hub runs (see its log)")
                    .isTrue();
            Instant firstAfterKill = jdbc.queryForObject(
                            "select min(sent_at) from outbox_relay_log where sent_at > ?",
                            Timestamp.class,
                            Timestamp.from(killedAt))
                    .toInstant();
            long takeoverMillis = Duration.between(killedAt, firstAfterKill).toMillis();
            assertThat(leader(survivorHttp))
                    .as("the survivor's relay leader gauge")
                    .isEqualTo(1);

            long unitEvents =
                    count("select count(*) from outbox where aggregatetype = '" + Announcements.UNIT_STREAM + "'");
            await().atMost(Duration.ofSeconds(60)).until(() -> judge.applied() >= unitEvents);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> judge.applied() == unitEvents);
            log.info(
                    "relay takeover: {} ms from the kill to the survivor's first batch marked sent ({} of {} rows sent"
                            + " at the kill; {} records received, {} duplicates skipped)",
                    takeoverMillis,
                    sentAtKill,
                    total,
                    judge.records(),
                    judge.duplicates());
            Files.writeString(
                    Path.of("target", "relay-takeover.json"),
                    String.format(
                            Locale.ROOT,
                            "{\"takeoverMillis\": %d, \"sentAtKill\": %d, \"rows\": %d, \"duplicates\": %d}%n",
                            takeoverMillis,
                            sentAtKill,
                            total,
                            judge.duplicates()));

            assertThat(judge.records()).isEqualTo(unitEvents + judge.duplicates());
            assertThat(judge.ledger().detectedGaps()).isEmpty();
            assertThat(judge.ledger().rejected()).isEmpty();
            for (int k = 0; k < KEYS; k++) {
                String code = UnitChangeFixture.code(k);
                long events = count("select count(*) from outbox where aggregatetype = '" + Announcements.UNIT_STREAM
                        + "' and aggregateid = '" + code + "'");
                assertThat(judge.unitSequences(code))
                        .as("sequences of %s", code)
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, events).boxed().toList());
            }
        }
    }

    private ChildHubs.Hub startHub(String name) throws Exception {
        return hubs.start(
                "relay-takeover-hub-" + name,
                List.of(
                        "--zoning.province.base-url=http://localhost:" + env.getRequiredProperty("local.server.port")
                                + "/simulator/province",
                        "--zoning.publish.batch-size=5",
                        "--zoning.publish.topics.unit-changes=" + TOPIC,
                        "--zoning.publish.topics.rule-changes=it-takeover.rules.changes",
                        "--zoning.publish.topics.unit-state=it-takeover.units.state"));
    }

    /**
     * The test admin on a hub, with HTTP Basic on every request and no cookies kept (a session cookie would make a
     * POST need the console's CSRF token).
     */
    private static TestRestTemplate admin(ChildHubs.Hub hub) {
        return new TestRestTemplate(new RestTemplateBuilder()
                .requestFactory(() -> new JdkClientHttpRequestFactory())
                .rootUri(hub.baseUrl())
                .basicAuthentication("admin", "test-admin-secret"));
    }

    /** Triggers a full sync on every hub at the same moment; the answers' statuses. */
    private static List<HttpStatus> triggerTogether(List<TestRestTemplate> http) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(http.size());
        try {
            CyclicBarrier together = new CyclicBarrier(http.size());
            List<Future<HttpStatus>> answers = new ArrayList<>();
            for (TestRestTemplate h : http) {
                answers.add(pool.submit(() -> {
                    together.await();
                    return HttpStatus.valueOf(h.postForEntity("/api/v1/admin/sync-runs?mode=full", null, JsonNode.class)
                            .getStatusCode()
                            .value());
                }));
            }
            List<HttpStatus> statuses = new ArrayList<>();
            for (Future<HttpStatus> f : answers) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The unit codes of the simulator's dataset, read from its file. */
    private static Set<String> codesOfTheDataset() throws Exception {
        Set<String> codes = new TreeSet<>();
        Matcher m =
                Pattern.compile("\"(ZH\\d{11})\"").matcher(Files.readString(Path.of("data/liaoyuan/units.geojson")));
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    private static List<String> unitCodes(TestRestTemplate h) {
        ResponseEntity<JsonNode> r = h.getForEntity("/api/v1/units?limit=1000", JsonNode.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> codes = new ArrayList<>();
        r.getBody().get("units").forEach(u -> codes.add(u.get("code").asText()));
        return codes;
    }

    private static Set<String> overlappedCodes(TestRestTemplate h) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> r =
                h.postForEntity("/api/v1/compliance-checks", new HttpEntity<>(FOOTPRINT, headers), JsonNode.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        Set<String> codes = new TreeSet<>();
        r.getBody().get("units").forEach(u -> codes.add(u.get("code").asText()));
        return codes;
    }

    /** The hub's gauge {@code zoning.publish.relay.leader}. */
    private static int leader(TestRestTemplate h) {
        ResponseEntity<JsonNode> r = h.getForEntity("/actuator/metrics/zoning.publish.relay.leader", JsonNode.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        return (int) r.getBody().get("measurements").get(0).get("value").asDouble();
    }

    private long unsent() {
        return count("select count(*) from outbox_pending");
    }

    private long sent() {
        return count("select count(*) from outbox o"
                + " where not exists (select 1 from outbox_pending p where p.position = o.position)");
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
