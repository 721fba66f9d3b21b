package org.zoninghub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.platform.simulator.ProvincialSimulator;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;

/**
 * A well-formed but empty or truncated full delivery never retires the city: the run ends HELD with the units it
 * would retire, nothing is applied or published, and an administrator confirms it (applied exactly as held) or
 * discards it (real PostgreSQL and Kafka, the built-in simulator).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "zoning.simulator.enabled=true",
            "zoning.publish.topics.unit-changes=it-held.units.changes",
            "zoning.publish.topics.rule-changes=it-held.rules.changes",
            "zoning.publish.topics.unit-state=it-held.units.state"
        })
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MassRetirementIT {

    @Autowired
    SyncTrigger trigger;

    @Autowired
    SyncRuns runs;

    @Autowired
    ProvincialSimulator province;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate http;

    static List<ObjectNode> dataset;

    @Test
    @Order(1)
    void anEmptyFullDeliveryIsHeldWithNothingRetiredAndConfirmAppliesIt() {
        assertThat(sync(Mode.FULL).outcome()).isEqualTo(Outcome.SUCCEEDED);
        dataset = province.units().stream().map(ObjectNode::deepCopy).toList();
        assertThat(inForce()).isEqualTo(dataset.size()).isEqualTo(61);
        long outbox = outboxHead();

        dataset.forEach(f -> province.removeUnit(f.at("/properties/HJGKDYBM").asText()));
        assertThat(province.units()).isEmpty();
        SyncRun held = sync(Mode.FULL);

        assertThat(held.outcome()).as(held.error()).isEqualTo(Outcome.HELD);
        assertThat(held.error()).contains("61 of the 61 units in force").contains("all of them");
        assertThat(new TreeSet<>(held.retiring())).isEqualTo(codes(dataset));
        assertThat(held.counts().retired()).isEqualTo(61);
        assertThat(inForce()).as("nothing retired while held").isEqualTo(61);
        assertThat(outboxHead()).as("nothing published while held").isEqualTo(outbox);
        assertThat(runs.held()).extracting(SyncRun::id).containsExactly(held.id());

        TestRestTemplate admin = http.withBasicAuth("admin", "test-admin-secret");
        JsonNode shown = admin.getForObject("/api/v1/admin/sync-runs/" + held.id(), JsonNode.class);
        assertThat(shown.path("outcome").asText()).isEqualTo("HELD");
        assertThat(shown.path("retiring")).hasSize(61);
        JsonNode health = admin.getForEntity("/actuator/health", JsonNode.class).getBody();
        assertThat(health.at("/components/sync/status").asText())
                .as("health shows the held run")
                .isEqualTo("OUT_OF_SERVICE");
        assertThat(health.at("/components/sync/details/reason").asText()).contains("HELD", "confirm");
        assertThat(http.postForEntity("/api/v1/admin/sync-runs/" + held.id() + "/confirm", null, JsonNode.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<JsonNode> confirmed =
                admin.postForEntity("/api/v1/admin/sync-runs/" + held.id() + "/confirm", null, JsonNode.class);

        assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(confirmed.getBody().path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(confirmed.getBody().at("/counts/retired").asInt()).isEqualTo(61);
        assertThat(inForce()).isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox where position > ? and type = 'zoning.unit.retired'",
                        Long.class,
                        outbox))
                .isEqualTo(61);
        assertThat(runs.held()).isEmpty();
        assertThat(admin.getForEntity("/actuator/health", JsonNode.class)
                        .getBody()
                        .at("/components/sync/status")
                        .asText())
                .isEqualTo("UP");

        ResponseEntity<JsonNode> again =
                admin.postForEntity("/api/v1/admin/sync-runs/" + held.id() + "/confirm", null, JsonNode.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType().toString()).contains("problem+json");
    }

    @Test
    @Order(2)
    void aTruncatedDeliveryOverTheShareIsHeldAndDiscardedWhileOneWithinItIsApplied() {
        dataset.forEach(f -> province.putUnit(f.deepCopy()));
        SyncRun restored = sync(Mode.FULL);
        assertThat(restored.outcome()).as(restored.error()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(inForce()).isEqualTo(61);

        // 7 of 61 is more than 10 %
        List<String> seven = dataset.stream()
                .limit(7)
                .map(f -> f.at("/properties/HJGKDYBM").asText())
                .toList();
        seven.forEach(province::removeUnit);
        long outbox = outboxHead();
        SyncRun held = sync(Mode.FULL);
        assertThat(held.outcome()).as(held.error()).isEqualTo(Outcome.HELD);
        assertThat(held.error()).contains("7 of the 61 units in force").contains("10 %");
        assertThat(held.retiring()).containsExactlyInAnyOrderElementsOf(seven);

        TestRestTemplate admin = http.withBasicAuth("admin", "test-admin-secret");
        ResponseEntity<JsonNode> discarded =
                admin.postForEntity("/api/v1/admin/sync-runs/" + held.id() + "/discard", null, JsonNode.class);
        assertThat(discarded.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(discarded.getBody().path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(inForce()).isEqualTo(61);
        assertThat(outboxHead()).isEqualTo(outbox);
        assertThat(runs.held()).isEmpty();

        // 6 of 61 is within 10 %: applied
        province.putUnit(dataset.stream()
                .filter(f -> f.at("/properties/HJGKDYBM").asText().equals(seven.get(0)))
                .findFirst()
                .orElseThrow()
                .deepCopy());
        SyncRun within = sync(Mode.FULL);
        assertThat(within.outcome()).as(within.error()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(within.counts().retired()).isEqualTo(6);
        assertThat(inForce()).isEqualTo(55);
    }

    private long inForce() {
        return jdbc.queryForObject(
                "select count(*) from unit_version where valid_to is null and status = 'ACTIVE'", Long.class);
    }

    private long outboxHead() {
        return jdbc.queryForObject("select coalesce(max(position), 0) from outbox", Long.class);
    }

    private static TreeSet<String> codes(List<ObjectNode> features) {
        TreeSet<String> codes = new TreeSet<>();
        features.forEach(f -> codes.add(f.at("/properties/HJGKDYBM").asText()));
        return codes;
    }

    private SyncRun sync(Mode mode) {
        SyncRun started = trigger.trigger(Trigger.ADMIN, mode);
        return await().atMost(Duration.ofSeconds(90))
                .until(() -> runs.find(started.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
    }
}
