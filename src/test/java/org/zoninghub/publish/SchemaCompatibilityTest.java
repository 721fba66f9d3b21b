package org.zoninghub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoninghub.publish.SchemaCompatibility.Report;
import org.zoninghub.publish.SchemaExamples.Example;

/**
 * The evolution rule of {@code schemas/README.md}, shown on edited copies of the schemas: an added optional property
 * keeps every event of the previous version valid, an added required property does not.
 */
class SchemaCompatibilityTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final EventSchemas CURRENT = EventSchemas.fromClasspath();

    @TempDir
    Path copy;

    @Test
    void unchangedSchemasAreCompatible() throws IOException {
        copySchemas();

        Report report = SchemaCompatibility.backward(CURRENT, EventSchemas.fromDirectory(copy), SchemaExamples.all());

        assertThat(report.checked()).isEqualTo(SchemaExamples.valid().size());
        assertThat(report.backwardCompatible()).isTrue();
    }

    @Test
    void anAddedOptionalPropertyIsBackwardCompatible() throws IOException {
        copySchemas();
        addUnitProperty("governingBody", false);
        EventSchemas next = EventSchemas.fromDirectory(copy);

        Report report = SchemaCompatibility.backward(CURRENT, next, SchemaExamples.all());

        assertThat(report.backwardCompatible()).as("%s", report.breaks()).isTrue();
        assertThat(report.checked()).isEqualTo(SchemaExamples.valid().size());

        Example created = example("zoning.units.changes.v1", "valid-created");
        ObjectNode withField = created.event().deepCopy();
        ((ObjectNode) withField.at("/data/unit")).put("governingBody", "辽源市生态环境局龙山区分局");
        assertThat(next.violations(withField))
                .as("the new version accepts the new field")
                .isEmpty();
        assertThat(CURRENT.violations(withField))
                .as("a consumer still validating with the closed previous version rejects it")
                .singleElement()
                .satisfies(v -> assertThat(v.keyword()).isEqualTo("unevaluatedProperties"));
    }

    @Test
    void anAddedRequiredPropertyIsDetectedAsIncompatible() throws IOException {
        copySchemas();
        addUnitProperty("governingBody", true);

        Report report = SchemaCompatibility.backward(CURRENT, EventSchemas.fromDirectory(copy), SchemaExamples.all());

        assertThat(report.backwardCompatible()).isFalse();
        List<String> unitExamples = SchemaExamples.valid().stream()
                .filter(e -> !e.folder().equals("zoning.rules.changes.v1"))
                .map(Example::toString)
                .toList();
        assertThat(report.breaks())
                .extracting(b -> b.example().toString())
                .containsExactlyInAnyOrderElementsOf(unitExamples);
        assertThat(report.breaks())
                .allSatisfy(b -> assertThat(b.violations()).anySatisfy(v -> {
                    assertThat(v.keyword()).isEqualTo("required");
                    assertThat(v.message()).contains("governingBody");
                }));
    }

    /** Adds a property to the unit object of the copy, optional or required. */
    private void addUnitProperty(String name, boolean required) throws IOException {
        Path file = copy.resolve("common/unit.schema.json");
        ObjectNode schema = (ObjectNode) MAPPER.readTree(file.toFile());
        ObjectNode fields = (ObjectNode) schema.at("/$defs/fields");
        ((ObjectNode) fields.get("properties")).putObject(name).put("type", "string");
        if (required) {
            ((ArrayNode) fields.get("required")).add(name);
        }
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), schema);
    }

    private void copySchemas() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SchemaExamples.SCHEMAS)) {
            files = new ArrayList<>(
                    walk.filter(p -> p.toString().endsWith(".schema.json")).toList());
        }
        for (Path file : files) {
            Path target = copy.resolve(SchemaExamples.SCHEMAS.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
    }

    private static Example example(String folder, String name) {
        return SchemaExamples.all().stream()
                .filter(e -> e.folder().equals(folder) && e.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
