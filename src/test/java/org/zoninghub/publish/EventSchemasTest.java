package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zoninghub.publish.EventSchemas.InvalidEventException;
import org.zoninghub.publish.SchemaExamples.Example;

/** Every schema example: the valid ones validate, each invalid one fails for the reason its name gives. */
class EventSchemasTest {

    static final EventSchemas SCHEMAS = EventSchemas.fromClasspath();

    static Stream<Example> validExamples() {
        return SchemaExamples.valid().stream();
    }

    static Stream<Example> invalidExamples() {
        return SchemaExamples.invalid().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void validExamplesValidate(Example example) {
        assertThat(SCHEMAS.violations(example.event())).isEmpty();
        assertThat(example.event().path("type").asText())
                .as("a valid example lies in the folder of its type's schema")
                .satisfies(type -> assertThat(EventSchemas.schemaId(type)).contains("/" + example.folder() + "/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidExamples")
    void invalidExamplesFailForTheReasonTheyName(Example example) {
        List<EventSchemas.Violation> violations = SCHEMAS.violations(example.event());

        assertThat(violations).as("violations of " + example).isNotEmpty();
        Reason reason = Reason.of(example);
        assertThat(violations)
                .as("%s breaks %s; violations: %s", example, reason, violations)
                .anySatisfy(v -> {
                    assertThat(v.keyword()).isEqualTo(reason.keyword());
                    assertThat(v.location()).startsWith(reason.location());
                });
    }

    @Test
    void everyEventTypeHasAValidExample() {
        assertThat(SchemaExamples.valid())
                .extracting(e -> e.event().path("type").asText())
                .containsAll(EventSchemas.types());
    }

    @Test
    void schemasResolveFromADirectoryAsFromTheClasspath() {
        EventSchemas fromFiles = EventSchemas.fromDirectory(SchemaExamples.SCHEMAS);

        SchemaExamples.all()
                .forEach(e -> assertThat(fromFiles.isValid(e.event()))
                        .as(e.toString())
                        .isEqualTo(SCHEMAS.isValid(e.event())));
    }

    @Test
    void checkNamesEveryViolation() {
        Example badCode = SchemaExamples.invalid().stream()
                .filter(e -> e.name().equals("invalid-bad-code"))
                .findFirst()
                .orElseThrow();

        assertThatThrownBy(() -> SCHEMAS.check(badCode.event()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(badCode.event().path("id").asText())
                .hasMessageContaining("$.data.unit.code");
    }

    /** The schema keyword an invalid example must trip, and where. */
    record Reason(String keyword, String location) {

        static Reason of(Example e) {
            String r = e.reason();
            return switch (r) {
                case "extra-property" ->
                    switch (e.folder()) {
                        case "zoning.units.changes.v1" -> new Reason("additionalProperties", "$");
                        case "zoning.rules.changes.v1" -> new Reason("additionalProperties", "$.data.rule");
                        default -> new Reason("unevaluatedProperties", "$.data.unit");
                    };
                case "extra-unit-property" -> new Reason("unevaluatedProperties", "$.data.unit");
                case "extra-geometry-property" -> new Reason("additionalProperties", "$.data.unit.geometry");
                case "extra-data-property" -> new Reason("additionalProperties", "$.data");
                case "extra-dimension" -> new Reason("additionalProperties", "$.data.unit.rules");
                case "extra-rule-property" -> new Reason("additionalProperties", "$.data.unit.rules.SPATIAL_LAYOUT[0]");
                case "missing-sequence" -> new Reason("required", "$");
                case "missing-changed-fields", "missing-previous" -> new Reason("required", "$.data");
                case "missing-rules", "missing-dimension" -> new Reason("required", "$.data.unit");
                case "bad-code", "category-digit" -> new Reason("pattern", "$.data.unit.code");
                case "bad-id" -> new Reason("format", "$.id");
                case "bad-sourceid" -> new Reason("format", "$.sourceid");
                case "bad-time" -> new Reason("format", "$.time");
                case "bad-valid-from" -> new Reason("format", "$.data.unit.validFrom");
                case "bad-source" -> new Reason("pattern", "$.source");
                case "bad-edition" -> new Reason("pattern", "$.edition");
                case "bad-subject", "bad-scope-subject" -> new Reason("pattern", "$.subject");
                case "bad-datacontenttype", "bad-specversion" -> new Reason("const", "$.");
                case "sequence-zero" -> new Reason("minimum", "$.sequence");
                case "sequence-string" -> new Reason("type", "$.sequence");
                case "bad-basin" -> new Reason("enum", "$.data.unit.basins[0]");
                case "bad-changed-field" -> new Reason("enum", "$.data.changedFields[1]");
                case "bad-geometry-type" -> new Reason("oneOf", "$.data.unit.geometry");
                case "short-ring" -> new Reason("minItems", "$.data.unit.geometry.coordinates[1][0]");
                case "active-without-geometry" -> new Reason("type", "$.data.unit.geometry");
                case "created-version-2-without-previous" -> new Reason("oneOf", "$.data");
                case "created-with-active-previous" -> new Reason("const", "$.data.previous.status");
                case "updated-without-previous", "retired-without-previous" -> new Reason("type", "$.data.previous");
                case "retired-status-active" -> new Reason("const", "$.data.unit.status");
                case "unknown-type" -> new Reason("type", "$.type");
                case "bad-rule-id" -> new Reason("pattern", "$.data.rule.id");
                case "dimension-field-code-mismatch" -> new Reason("pattern", "$.data.rule.id");
                case "level-scope-mismatch" -> new Reason("enum", "$.data.rule.scopeCode");
                case "empty-text" -> new Reason("minLength", "$.data.rule.text");
                case "seq-zero" -> new Reason("minimum", "$.data.rule.seq");
                case "updated-version-1" -> new Reason("minimum", "$.data.rule.version");
                case "rule-in-wrong-dimension" ->
                    new Reason("const", "$.data.unit.rules.EMISSION_CONTROL[1].dimension");
                default ->
                    throw new AssertionError(e + ": name the rule this example breaks in EventSchemasTest.Reason");
            };
        }
    }
}
