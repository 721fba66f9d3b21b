package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.publish.subscribers.SubscriberDefinition;
import org.zoninghub.publish.subscribers.SubscriberFilter;
import org.zoninghub.publish.subscribers.Subscribers;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.sync.ChangeApplier;
import org.zoninghub.sync.ProvincialMapper;
import org.zoninghub.zoning.Category;

/**
 * What an apply writes to the outbox, in order, against real PostgreSQL: two deliveries of the Liaoyuan dataset (the
 * second renames every other unit and rewrites a clause of the city's list, so that one key gets many events in one
 * apply and every unit a new state), with two subscribers. Per stream and key the sequences count 1, 2, 3 … without a
 * gap in the order the relay reads the rows; every event is followed at once by its feed copies, one per selecting
 * subscriber in the order of their ids, each carrying the event's id and everything else of it; within an apply the
 * unit changes come first, then the rule changes, then the states. The expectations are read from the rows and the
 * delivered data, not from the code that writes them.
 */
@SpringBootTest(properties = {"zoning.publish.relay-enabled=false", "zoning.publish.relay-listen=false"})
@ActiveProfiles("test")
class ApplyOutboxOrderIT {

    static final String ALL = "it-order-all";
    static final String KEY_CONTROL = "it-order-key-control";
    static final Set<String> SOURCE_STREAMS = Set.of("unit", "rule", "unit-state");

    @Autowired
    ChangeApplier applier;

    @Autowired
    ProvincialMapper mapper;

    @Autowired
    SyncRuns runs;

    @Autowired
    Subscribers subscribers;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    List<JsonNode> features;
    List<JsonNode> lists;

    record Row(UUID id, String stream, String key, String type, long sequence, long position, ObjectNode payload) {

        /** The row without its payload (which holds a whole geometry), for failure messages. */
        String label() {
            return "#" + position + " " + stream + " " + key + " " + type + " " + sequence + " " + id;
        }
    }

    @BeforeEach
    void emptyStoreAndTwoSubscribers() throws IOException {
        jdbc.execute("truncate unit_version, rule_version, outbox, event_sequence, edition, subscriber cascade");
        subscribers.create(new SubscriberDefinition(ALL, "全部", "测试", SubscriberFilter.EVERYTHING, null, true));
        subscribers.create(new SubscriberDefinition(
                KEY_CONTROL,
                "重点管控",
                "测试",
                new SubscriberFilter(List.of(Category.KEY_CONTROL), List.of(), List.of(), List.of(), List.of()),
                null,
                true));
        features = new ArrayList<>();
        json.readTree(Path.of("data/liaoyuan/units.geojson").toFile())
                .get("features")
                .forEach(features::add);
        lists = new ArrayList<>();
        json.readTree(Path.of("data/liaoyuan/lists.json").toFile()).get("items").forEach(lists::add);
    }

    @Test
    void sequencesCountWithoutGapsAndCopiesFollowTheirEvent() {
        apply(features, lists);
        long firstApplyEnd = jdbc.queryForObject("select max(position) from outbox", Long.class);
        // more events than Announcements writes at once (500): the apply's batch is written in parts
        assertThat(rows().stream().filter(r -> SOURCE_STREAMS.contains(r.stream())))
                .hasSizeGreaterThan(500);

        List<JsonNode> renamed = new ArrayList<>();
        int renamedCount = 0;
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i).deepCopy();
            if (i % 2 == 0) {
                ObjectNode p = (ObjectNode) f.get("properties");
                p.put("HJGKDYMC", p.get("HJGKDYMC").asText() + "（调整）");
                renamedCount++;
            }
            renamed.add(f);
        }
        List<JsonNode> rewritten = new ArrayList<>();
        for (JsonNode item : lists) {
            JsonNode copy = item.deepCopy();
            if (copy.path("SYDXBM").asText().equals("220400")) {
                String text = copy.get("KJBJYS").asText();
                assertThat(text).contains("严格落实");
                ((ObjectNode) copy).put("KJBJYS", text.replaceFirst("严格落实", "全面落实"));
            }
            rewritten.add(copy);
        }
        apply(renamed, rewritten);

        List<Row> rows = rows();
        assertSequencesCountWithoutGaps(rows);
        assertCopiesFollowTheirEvent(rows);

        List<Row> second = rows.stream()
                .filter(r -> r.position() > firstApplyEnd && SOURCE_STREAMS.contains(r.stream()))
                .toList();
        int activeUnits = jdbc.queryForObject(
                "select count(*) from unit_version where valid_to is null and status = 'ACTIVE'", Integer.class);
        assertThat(second.stream().filter(r -> r.stream().equals("unit")))
                .hasSize(renamedCount)
                .allSatisfy(r -> {
                    assertThat(r.type()).isEqualTo("zoning.unit.updated");
                    assertThat(r.sequence()).isEqualTo(2);
                });
        assertThat(second.stream().filter(r -> r.stream().equals("rule")))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.key()).isEqualTo("220400"));
        assertThat(second.stream().filter(r -> r.stream().equals("unit-state"))).hasSize(activeUnits);
        List<String> streamOrder = second.stream().map(Row::stream).toList();
        assertThat(streamOrder.lastIndexOf("unit")).isLessThan(streamOrder.indexOf("rule"));
        assertThat(streamOrder.lastIndexOf("rule")).isLessThan(streamOrder.indexOf("unit-state"));
    }

    void apply(List<JsonNode> units, List<JsonNode> items) {
        var delivery = mapper.map(units, items, true);
        assertThat(delivery.rejected()).isEmpty();
        applier.apply(delivery, runs.start(Trigger.FILE, "test").id(), Set.of(), "PROVINCE");
    }

    List<Row> rows() {
        return jdbc.query(
                "select id, aggregatetype, aggregateid, type, sequence, position, payload::text from outbox"
                        + " order by position",
                (rs, n) -> {
                    try {
                        return new Row(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getLong(5),
                                rs.getLong(6),
                                (ObjectNode) json.readTree(rs.getString(7)));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    void assertSequencesCountWithoutGaps(List<Row> rows) {
        Map<String, Long> last = new HashMap<>();
        for (Row r : rows) {
            long expected = last.merge(r.stream() + "|" + r.key(), 1L, Long::sum);
            assertThat(r.sequence()).as("sequence of %s", r.label()).isEqualTo(expected);
            assertThat(r.payload().get("sequence").asLong()).isEqualTo(expected);
            assertThat(r.payload().get("id").asText()).isEqualTo(r.id().toString());
            assertThat(r.payload().get("subject").asText()).isEqualTo(r.key());
            assertThat(r.payload().get("type").asText()).isEqualTo(r.type());
        }
        Map<String, Long> stored = new HashMap<>();
        jdbc.query("select aggregatetype, aggregateid, last_sequence from event_sequence", rs -> {
            stored.put(rs.getString(1) + "|" + rs.getString(2), rs.getLong(3));
        });
        assertThat(stored).isEqualTo(last);
    }

    void assertCopiesFollowTheirEvent(List<Row> rows) {
        int i = 0;
        int sources = 0;
        while (i < rows.size()) {
            Row source = rows.get(i);
            assertThat(SOURCE_STREAMS)
                    .as("row %s follows no event", source.label())
                    .contains(source.stream());
            sources++;
            List<Row> copies = new ArrayList<>();
            for (i++; i < rows.size() && !SOURCE_STREAMS.contains(rows.get(i).stream()); i++) {
                copies.add(rows.get(i));
            }
            boolean keyControl = source.stream().equals("rule")
                    ? copies.size() == 2
                    : isKeyControl(source.payload().path("data").path("unit"))
                            || isKeyControl(source.payload().path("data").path("previous"));
            List<String> expectedStreams = new ArrayList<>();
            expectedStreams.add("feed:" + ALL + ":" + source.stream());
            if (keyControl) {
                expectedStreams.add("feed:" + KEY_CONTROL + ":" + source.stream());
            }
            assertThat(copies.stream().map(Row::stream).toList())
                    .as("copies of %s", source.label())
                    .isEqualTo(expectedStreams);
            for (Row copy : copies) {
                assertThat(copy.key()).isEqualTo(source.key());
                assertThat(copy.type()).isEqualTo(source.type());
                assertThat(copy.payload().get("sourceid").asText())
                        .isEqualTo(source.id().toString());
                assertThat(withoutIdentity(copy.payload())).isEqualTo(withoutIdentity(source.payload()));
            }
        }
        assertThat(sources).isGreaterThan(features.size() * 3);
    }

    static boolean isKeyControl(JsonNode unit) {
        return unit.path("category").asText().equals("KEY_CONTROL");
    }

    static ObjectNode withoutIdentity(ObjectNode event) {
        ObjectNode e = event.deepCopy();
        e.remove(List.of("id", "sourceid", "sequence"));
        return e;
    }
}
