package org.zoninghub.publish.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zoninghub.publish.EventSchemas;
import org.zoninghub.publish.subscribers.SubscriberFilter.Candidate;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.RuleLevel;

/** A feed copy of every valid example event validates, and keeps all but id and sequence; the filter reads it. */
class FeedCopyTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final EventSchemas SCHEMAS = EventSchemas.fromClasspath();

    static Stream<Path> validExamples() throws IOException {
        return Files.walk(Path.of("schemas"))
                .filter(p -> p.getFileName().toString().startsWith("valid-"))
                .sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void theCopyOfAValidEventValidates(Path example) throws IOException {
        ObjectNode source = (ObjectNode) MAPPER.readTree(example.toFile());
        source.remove("sourceid"); // the feed examples are copies already
        UUID id = UUID.randomUUID();

        ObjectNode copy = SubscriberFeeds.feedCopy(MAPPER, source, id, 7);

        assertThat(SCHEMAS.violations(copy)).isEmpty();
        assertThat(copy.get("id").asText()).isEqualTo(id.toString());
        assertThat(copy.get("sourceid")).isEqualTo(source.get("id"));
        assertThat(copy.get("sequence").asLong()).isEqualTo(7);
        ObjectNode rest = copy.deepCopy();
        rest.remove(List.of("id", "sourceid", "sequence"));
        ObjectNode sourceRest = source.deepCopy();
        sourceRest.remove(List.of("id", "sequence"));
        assertThat(rest).isEqualTo(sourceRest);
        assertThat(List.copyOf(iterable(copy))).startsWith("specversion", "id", "sourceid");
    }

    @Test
    void theFilterReadsUnitAndRuleEvents() throws IOException {
        Candidate updated =
                Candidate.of(read("zoning.units.changes.v1/examples/valid-updated.json"), Jurisdiction.liaoyuan());
        Candidate rule =
                Candidate.of(read("zoning.rules.changes.v1/examples/valid-created.json"), Jurisdiction.liaoyuan());

        assertThat(updated.type()).isEqualTo("zoning.unit.updated");
        assertThat(updated.units()).hasSize(2).allSatisfy(u -> {
            assertThat(u.category()).isEqualTo(Category.PRIORITY_PROTECTION);
            assertThat(u.divisionCode()).isEqualTo("220402");
        });
        assertThat(updated.rule()).isNull();
        assertThat(rule.units()).isEmpty();
        assertThat(rule.rule())
                .isEqualTo(new SubscriberFilter.RuleFacts(RuleLevel.UNIT, "ZH22040210001", Dimension.SPATIAL_LAYOUT));
    }

    static JsonNode read(String example) throws IOException {
        return MAPPER.readTree(Path.of("schemas", example).toFile());
    }

    static List<String> iterable(ObjectNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
