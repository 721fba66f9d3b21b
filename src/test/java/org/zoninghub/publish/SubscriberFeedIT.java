package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.reference.InMemoryEventLedger;
import org.zoninghub.reference.SequenceMode;
import org.zoninghub.reference.ZoningEventConsumer;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.sync.SyncTrigger;
import org.zoninghub.testing.KafkaProbe;
import org.zoninghub.testing.KafkaProbe.Received;

/**
 * Issue 4's acceptance, end to end against real PostgreSQL and Kafka: a subscriber for the key-control units of
 * 东丰县 (220421) and emission-control rules receives exactly the matching events of a sync of the Liaoyuan dataset,
 * and a second subscriber with the same filter, registered after the sync and bootstrapped, receives the current
 * state of exactly the matching units. The expected sets are computed from the store, not written down.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            "zoning.publish.topics.unit-changes=it-feed.units.changes",
            "zoning.publish.topics.rule-changes=it-feed.rules.changes",
            "zoning.publish.topics.unit-state=it-feed.units.state"
        })
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubscriberFeedIT {

    static final String EIA = "it-eia-220421";
    static final String LATE = "it-eia-220421-late";
    static final String LONGSHAN = "it-longshan";
    static final String GROUP = "it-eia-220421-group";
    static final String FILTER = "{\"categories\": [\"KEY_CONTROL\"], \"divisionCodes\": [\"220421\"],"
            + " \"dimensions\": [\"EMISSION_CONTROL\"]}";
    static final EventSchemas SCHEMAS = EventSchemas.fromClasspath();
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Autowired
    SyncTrigger trigger;

    @Autowired
    SyncRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate http;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    TestRestTemplate admin() {
        return http.withBasicAuth("admin", "test-admin-secret");
    }

    ResponseEntity<JsonNode> send(HttpMethod method, String path, String body) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return admin().exchange(
                        "/api/v1/admin/subscribers" + path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    ResponseEntity<JsonNode> create(String id, String filter, String group) {
        return send(
                HttpMethod.POST,
                "",
                "{\"id\": \"" + id + "\", \"name\": \"东丰县环评审批\", \"department\": \"东丰县生态环境分局\", \"filter\": " + filter
                        + (group == null ? "" : ", \"consumerGroup\": \"" + group + "\"") + "}");
    }

    /** The key-control units of 220421 in force. */
    Set<String> selectedUnits() {
        return new HashSet<>(jdbc.queryForList(
                "select code from unit_version where valid_to is null and status = 'ACTIVE'"
                        + " and category = 'KEY_CONTROL' and division_code = '220421'",
                String.class));
    }

    /** The emission-control rules that bind a selected unit: its own, the city's, those of its basins. */
    Set<String> selectedRules(String unitWhere) {
        return new HashSet<>(jdbc.queryForList(
                "select rule_id from rule_version r where valid_to is null and dimension = 'EMISSION_CONTROL' and ("
                        + " scope_code = '220400' or scope_code in (select code from unit_version u where"
                        + " valid_to is null and " + unitWhere + ") or scope_code in (select unnest(basins) from"
                        + " unit_version u where valid_to is null and status = 'ACTIVE' and " + unitWhere + "))",
                String.class));
    }

    /** Reads a feed until the outbox is drained and {@code expected} records arrived, then a while longer. */
    List<Received> readFeed(String subscriber, int expected) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject("select count(*) from outbox_pending", Integer.class) == 0);
        try (KafkaProbe probe = new KafkaProbe(kafka, "zoning.feed." + subscriber + ".v1")) {
            await().atMost(Duration.ofSeconds(60)).until(probe::poll, r -> r.size() >= expected);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> probe.poll().size() == expected);
            return probe.received();
        }
    }

    static Set<String> keysOf(List<Received> events, String type) {
        return events.stream()
                .filter(e -> e.value().get("type").asText().equals(type))
                .map(Received::key)
                .collect(Collectors.toSet());
    }

    /** Every feed event validates, and a department's consumer reads the feed without a gap. */
    void assertWellFormed(String subscriber, List<Received> feed) {
        assertThat(feed).allSatisfy(e -> {
            assertThat(SCHEMAS.violations(e.value()))
                    .as(e.value().get("id").asText())
                    .isEmpty();
            assertThat(e.key()).isEqualTo(e.value().get("subject").asText());
            assertThat(e.headers()).containsEntry("content-type", "application/cloudevents+json");
        });
        ZoningEventConsumer consumer =
                new ZoningEventConsumer(new InMemoryEventLedger(), event -> {}, topic -> SequenceMode.STRICT);
        feed.forEach(e -> consumer.handle(new ConsumerRecord<>(
                "zoning.feed." + subscriber + ".v1",
                e.partition(),
                e.offset(),
                e.key(),
                e.value().toString())));
        assertThat(consumer.gaps()).isEmpty();
    }

    SyncRun syncAndWait() {
        SyncRun started = trigger.trigger(Trigger.ADMIN);
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> runs.find(started.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
    }

    @Test
    @Order(1)
    void registersSubscribersAndNamesEachDefect() {
        ResponseEntity<JsonNode> created = create(EIA, FILTER, GROUP);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/admin/subscribers/" + EIA);
        assertThat(created.getBody().get("topic").asText()).isEqualTo("zoning.feed." + EIA + ".v1");
        assertThat(created.getBody().get("enabled").asBoolean()).isTrue();
        assertThat(create(LONGSHAN, "{\"divisionCodes\": [\"220402\"], \"dimensions\": [\"EMISSION_CONTROL\"]}", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        ResponseEntity<JsonNode> duplicate = create(EIA, FILTER, GROUP);
        assertThat(duplicate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(duplicate.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        ResponseEntity<JsonNode> unknown = create("it-bad", "{\"categories\": [\"KEY\"]}", null);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unknown.getBody().get("field").asText()).isEqualTo("filter.categories[0]");
        assertThat(unknown.getBody().get("detail").asText()).contains("\"KEY\"", "KEY_CONTROL");

        assertThat(http.getForEntity("/api/v1/admin/subscribers", JsonNode.class)
                        .getStatusCode())
                .as("administrators only")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(send(HttpMethod.GET, "/nobody", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    @Order(2)
    void aSubscriberReceivesExactlyTheMatchingEventsOfASync() {
        SyncRun run = syncAndWait();
        assertThat(run.outcome()).as("run %s: %s", run.id(), run.error()).isEqualTo(Outcome.SUCCEEDED);

        Set<String> units = selectedUnits();
        Set<String> rules = selectedRules("category = 'KEY_CONTROL' and division_code = '220421'");
        assertThat(units).isNotEmpty();
        assertThat(rules).anyMatch(r -> r.startsWith("220400-")).anyMatch(r -> r.startsWith("ZH"));

        List<Received> feed = readFeed(EIA, units.size() * 2 + rules.size());

        assertThat(keysOf(feed, "zoning.unit.created")).isEqualTo(units);
        assertThat(keysOf(feed, "zoning.unit.state")).isEqualTo(units);
        Set<String> ruleIds = feed.stream()
                .filter(e -> e.value().get("type").asText().equals("zoning.rule.created"))
                .map(e -> e.value().at("/data/rule/id").asText())
                .collect(Collectors.toSet());
        assertThat(ruleIds).isEqualTo(rules);
        assertThat(feed).hasSize(units.size() * 2 + rules.size());
        assertWellFormed(EIA, feed);
        List<Long> citySequences = feed.stream()
                .filter(e -> e.key().equals("220400"))
                .map(e -> e.value().get("sequence").asLong())
                .sorted()
                .toList();
        assertThat(citySequences)
                .as("the feed counts its own sequence: 1..n over the city's emission-control rules alone")
                .isEqualTo(java.util.stream.LongStream.rangeClosed(
                                1,
                                rules.stream()
                                        .filter(r -> r.startsWith("220400-"))
                                        .count())
                        .boxed()
                        .toList());
        assertThat(feed).allSatisfy(e -> {
            assertThat(jdbc.queryForObject(
                            "select count(*) from outbox where id = cast(? as uuid) and aggregatetype in"
                                    + " ('unit', 'rule', 'unit-state')",
                            Integer.class,
                            e.value().get("sourceid").asText()))
                    .as("sourceid names the event on the hub's own topic")
                    .isEqualTo(1);
        });
    }

    @Test
    @Order(3)
    void aBasinRuleReachesOnlySubscribersWithAUnitInTheBasin() {
        String longshan = "division_code = '220402'";
        Set<String> rules = selectedRules(longshan);
        Set<String> units = new HashSet<>(jdbc.queryForList(
                "select code from unit_version where valid_to is null and " + longshan, String.class));

        List<Received> feed = readFeed(LONGSHAN, units.size() * 2 + rules.size());

        Set<String> ruleScopes = feed.stream()
                .filter(e -> e.value().get("type").asText().startsWith("zoning.rule."))
                .map(Received::key)
                .collect(Collectors.toSet());
        assertThat(ruleScopes).contains("220400", "LIAOHE").doesNotContain("SONGHUA");
        assertThat(keysOf(feed, "zoning.unit.created")).isEqualTo(units);
        assertWellFormed(LONGSHAN, feed);
    }

    @Test
    @Order(4)
    void aSubscriberRegisteredLaterIsBootstrappedWithTheStateOfExactlyTheMatchingUnits() {
        assertThat(create(LATE, FILTER, null).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<JsonNode> bootstrap = send(HttpMethod.POST, "/" + LATE + "/bootstrap", null);

        Set<String> units = selectedUnits();
        assertThat(bootstrap.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(bootstrap.getBody().get("units").asInt()).isEqualTo(units.size());
        List<Received> feed = readFeed(LATE, units.size());
        assertThat(feed).allSatisfy(e -> {
            assertThat(e.value().get("type").asText()).isEqualTo("zoning.unit.state");
            assertThat(e.value().has("sourceid"))
                    .as("a bootstrap copies no event")
                    .isFalse();
            assertThat(e.value().at("/data/unit/category").asText()).isEqualTo("KEY_CONTROL");
            assertThat(e.value().at("/data/unit/divisionCode").asText()).isEqualTo("220421");
            assertThat(e.value().at("/data/unit/rules/EMISSION_CONTROL")).isNotEmpty();
        });
        assertThat(keysOf(feed, "zoning.unit.state")).isEqualTo(units).hasSize(feed.size());
        assertWellFormed(LATE, feed);
        assertThat(send(HttpMethod.GET, "/" + LATE, null)
                        .getBody()
                        .get("bootstrappedAt")
                        .isNull())
                .isFalse();
    }

    @Test
    @Order(5)
    void aDeletedSubscriberIsDisabledAndCannotBeBootstrappedUntilEnabledAgain() {
        ResponseEntity<JsonNode> deleted = send(HttpMethod.DELETE, "/" + LATE, null);
        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(deleted.getBody().get("enabled").asBoolean()).isFalse();
        assertThat(send(HttpMethod.POST, "/" + LATE + "/bootstrap", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);

        ResponseEntity<JsonNode> enabled = send(
                HttpMethod.PUT, "/" + LATE, "{\"name\": \"东丰县环评审批\", \"filter\": " + FILTER + ", \"enabled\": true}");
        assertThat(enabled.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(enabled.getBody().get("enabled").asBoolean()).isTrue();
        assertThat(enabled.getBody().get("department").isNull())
                .as("PUT replaces the whole definition")
                .isTrue();
        assertThat(send(HttpMethod.POST, "/" + LATE + "/bootstrap", null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);

        JsonNode list = send(HttpMethod.GET, "", null).getBody();
        assertThat(list.findValuesAsText("id")).contains(EIA, LATE, LONGSHAN);
    }

    @Test
    @Order(6)
    void reportsTheLagOfTheDeclaredConsumerGroup() {
        JsonNode before = send(HttpMethod.GET, "/" + EIA, null).getBody().get("lag");
        assertThat(before.get("total").isNull()).isTrue();
        assertThat(before.get("reason").asText()).contains(GROUP, "committed no offset");

        int feedSize = readFeed(
                        EIA,
                        selectedUnits().size() * 2
                                + selectedRules("category = 'KEY_CONTROL' and division_code = '220421'")
                                        .size())
                .size();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, feedSize - 5);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("zoning.feed." + EIA + ".v1"));
            int[] read = {0};
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                read[0] += consumer.poll(Duration.ofMillis(300)).count();
                return read[0] > 0;
            });
            consumer.commitSync();
            long expectedLag = feedSize - read[0];

            JsonNode lag = send(HttpMethod.GET, "/" + EIA, null).getBody().get("lag");

            assertThat(lag.get("reason").isNull()).as(lag.toString()).isTrue();
            assertThat(lag.get("consumerGroup").asText()).isEqualTo(GROUP);
            assertThat(lag.get("total").asLong()).isEqualTo(expectedLag);
            assertThat(lag.get("partitions")).hasSize(3);
            long ends = 0;
            for (JsonNode partition : lag.get("partitions")) {
                ends += partition.get("end").asLong();
            }
            assertThat(ends).isEqualTo(feedSize);
        }
    }
}
