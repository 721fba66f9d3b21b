package org.zoninghub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The example events under {@code schemas/<folder>/examples/}: {@code valid-*.json} must validate,
 * {@code invalid-<reason>.json} must not, each breaking the one rule its name gives.
 */
final class SchemaExamples {

    /** The repository's schema folder (tests run in the project directory). */
    static final Path SCHEMAS = Path.of("schemas").toAbsolutePath();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One example file.
     *
     * @param folder the schema folder it belongs to, e.g. {@code zoning.units.changes.v1}
     * @param name the file name without {@code .json}, e.g. {@code invalid-bad-code}
     * @param event the parsed event
     */
    record Example(String folder, String name, JsonNode event) {

        boolean valid() {
            return name.startsWith("valid-");
        }

        /** The rule an invalid example breaks, from its name: {@code invalid-bad-code} → {@code bad-code}. */
        String reason() {
            return name.substring(name.indexOf('-') + 1);
        }

        @Override
        public String toString() {
            return folder + "/examples/" + name;
        }
    }

    private SchemaExamples() {}

    static List<Example> all() {
        return all(SCHEMAS);
    }

    static List<Example> all(Path schemas) {
        try (Stream<Path> files = Files.walk(schemas)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> p.getParent() != null
                            && p.getParent().getFileName().toString().equals("examples"))
                    .sorted()
                    .map(SchemaExamples::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Example> valid() {
        return all().stream().filter(Example::valid).toList();
    }

    static List<Example> invalid() {
        return all().stream().filter(e -> !e.valid()).toList();
    }

    private static Example read(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        String folder = file.getParent().getParent().getFileName().toString();
        try {
            return new Example(folder, name, MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read example " + file, e);
        }
    }
}
