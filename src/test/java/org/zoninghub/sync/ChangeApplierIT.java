package org.zoninghub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoninghub.store.Announcements;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Trigger;

/**
 * The store and the outbox are written in one transaction: a failure after the store write, or in the outbox
 * write itself, leaves neither a version nor an event (real PostgreSQL).
 */
@SpringBootTest(properties = "zoning.publish.relay-interval=1h")
@ActiveProfiles("test")
class ChangeApplierIT {

    @Autowired
    ChangeApplier applier;

    @Autowired
    ProvincialMapper mapper;

    @Autowired
    SyncRuns runs;

    @Autowired
    Announcements announcements;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    Delivery delivery;
    UUID runId;

    @BeforeEach
    void threeUnitsOfTheDataset() throws IOException {
        JsonNode fc = json.readTree(Path.of("data/liaoyuan/units.geojson").toFile());
        List<JsonNode> features = new ArrayList<>();
        fc.get("features").forEach(features::add);
        delivery = mapper.map(features.subList(0, 3), List.of(), false);
        assertThat(delivery.rejected()).isEmpty();
        runId = runs.start(Trigger.FILE, "test").id();
    }

    @AfterEach
    void clean() {
        jdbc.execute("drop trigger if exists fail_outbox on outbox");
        jdbc.execute("truncate unit_version, rule_version, outbox, event_sequence, edition cascade");
    }

    @Test
    void aFailureAfterTheStoreWriteLeavesNeitherVersionsNorEvents() {
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                    applier.apply(delivery, runId, Set.of(), "PROVINCE");
                    assertThat(count("unit_version")).isEqualTo(3);
                    assertThat(count("outbox")).isPositive();
                    throw new IllegalStateException("failure after the store write");
                }))
                .hasMessage("failure after the store write");

        assertThat(count("unit_version")).isZero();
        assertThat(count("rule_version")).isZero();
        assertThat(count("outbox")).isZero();
        assertThat(count("event_sequence")).isZero();
    }

    @Test
    void aFailingOutboxWriteRollsBackTheVersions() {
        jdbc.execute("create or replace function fail_outbox() returns trigger language plpgsql as $$"
                + " begin if new.type = 'zoning.rule.created' then raise exception 'outbox is failing'; end if;"
                + " return new; end $$");
        jdbc.execute("create trigger fail_outbox before insert on outbox for each row execute function fail_outbox()");

        assertThatThrownBy(() -> applier.apply(delivery, runId, Set.of(), "PROVINCE"))
                .hasMessageContaining("outbox is failing");

        assertThat(count("unit_version")).isZero();
        assertThat(count("rule_version")).isZero();
        assertThat(count("outbox")).isZero();
    }

    @Test
    void anAppliedDeliveryCommitsEachVersionWithItsEvent() {
        ChangePlan plan = applier.apply(delivery, runId, Set.of(), "PROVINCE");

        assertThat(count("unit_version")).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from outbox where type = 'zoning.unit.created'", Integer.class))
                .isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from outbox where type = 'zoning.rule.created'", Integer.class))
                .isEqualTo(plan.rules().size())
                .isEqualTo(count("rule_version"));
        assertThat(jdbc.queryForObject("select count(*) from outbox where type = 'zoning.unit.state'", Integer.class))
                .isEqualTo(3);
    }

    @Test
    void announcementsRefuseToWriteOutsideATransaction() {
        assertThatThrownBy(() -> announcements.unitState(null, List.of(), "2025", null))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }
}
