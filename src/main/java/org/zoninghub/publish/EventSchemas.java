package org.zoninghub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schemas of the events of docs/events.md (the repository's {@code schemas/} folder), and validation of an
 * event against the schema of its {@code type}.
 *
 * <p>Every schema has an {@code $id} under {@value #ID_PREFIX} that mirrors its path below {@code schemas/}
 * ({@code https://zoning-hub.org/schemas/common/unit.schema.json} is {@code schemas/common/unit.schema.json}), and
 * refers to the others by relative {@code $ref}. Nothing is fetched from the network: the prefix is mapped to a base
 * location, the classpath copy that the build packages by default, or a directory (to check an edited copy of the
 * schemas against the examples, see {@code SchemaCompatibility} in the tests).
 *
 * <p>Formats ({@code uuid}, {@code date-time}) are asserted, not just annotated, because consumers rely on them.
 * Instances are immutable and thread-safe; build one and keep it.
 */
public final class EventSchemas {

    /** The {@code $id} prefix of every schema; the rest of an {@code $id} is the path below {@code schemas/}. */
    public static final String ID_PREFIX = "https://zoning-hub.org/schemas/";

    /** The schemas as the build packages them. */
    public static final String CLASSPATH_LOCATION = "classpath:schemas/";

    /** Each event type with the folder (the default topic name) that holds its schema. */
    private static final Map<String, String> FOLDER_OF_TYPE = folders();

    private final Map<String, JsonSchema> schemaOfType;

    private EventSchemas(String baseLocation) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(
                VersionFlag.V202012, builder -> builder.schemaMappers(m -> m.mapPrefix(ID_PREFIX, baseLocation)));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
        Map<String, JsonSchema> schemas = new LinkedHashMap<>();
        FOLDER_OF_TYPE.keySet().forEach(type -> {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(schemaId(type)), config);
            schema.initializeValidators(); // resolve every $ref now, so a broken schema fails here, not per event
            schemas.put(type, schema);
        });
        this.schemaOfType = Map.copyOf(schemas);
    }

    /** The schemas packaged on the classpath (the normal case). */
    public static EventSchemas fromClasspath() {
        return new EventSchemas(CLASSPATH_LOCATION);
    }

    /** The schemas of a directory laid out like {@code schemas/}. */
    public static EventSchemas fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("not a schema directory: " + directory.toAbsolutePath());
        }
        String uri = directory.toAbsolutePath().normalize().toUri().toString();
        return new EventSchemas(uri.endsWith("/") ? uri : uri + "/");
    }

    /** The event types that have a schema. */
    public static Set<String> types() {
        return FOLDER_OF_TYPE.keySet();
    }

    /** The {@code $id} of the schema of an event type. */
    public static String schemaId(String type) {
        String folder = FOLDER_OF_TYPE.get(type);
        if (folder == null) {
            throw new IllegalArgumentException("no schema for event type " + type + "; known: " + types());
        }
        return ID_PREFIX + folder + "/" + type + ".schema.json";
    }

    /**
     * What is wrong with an event: empty when it validates against the schema of its {@code type}. An event without
     * a known {@code type} has one violation saying so.
     */
    public List<Violation> violations(JsonNode event) {
        JsonNode type = event == null ? null : event.get("type");
        JsonSchema schema = type != null && type.isTextual() ? schemaOfType.get(type.asText()) : null;
        if (schema == null) {
            return List.of(new Violation(
                    "$.type", "type", "$.type: " + type + " is not an event type with a schema " + types()));
        }
        List<Violation> all = schema.validate(event).stream().map(Violation::of).toList();
        List<Violation> specific = all.stream()
                .filter(v -> !v.keyword().equals("unevaluatedProperties"))
                .toList();
        // A failing subschema drops its annotations, so unevaluatedProperties then also lists every property that
        // subschema does define. Those reports are noise beside the real violation; a genuinely unexpected property
        // is still reported once the other violations are fixed.
        return (specific.isEmpty() ? all : specific)
                .stream()
                        .sorted(Comparator.comparing(Violation::location).thenComparing(Violation::message))
                        .toList();
    }

    /** Whether the event validates against the schema of its type. */
    public boolean isValid(JsonNode event) {
        return violations(event).isEmpty();
    }

    /** Throws {@link InvalidEventException} naming every violation unless the event validates. */
    public void check(JsonNode event) {
        List<Violation> violations = violations(event);
        if (!violations.isEmpty()) {
            JsonNode id = event == null ? null : event.get("id");
            throw new InvalidEventException(id == null ? null : id.asText(), violations);
        }
    }

    private static Map<String, String> folders() {
        Map<String, String> folders = new LinkedHashMap<>();
        for (String verb : List.of("created", "updated", "retired")) {
            folders.put("zoning.unit." + verb, "zoning.units.changes.v1");
        }
        for (String verb : List.of("created", "updated", "retired")) {
            folders.put("zoning.rule." + verb, "zoning.rules.changes.v1");
        }
        folders.put("zoning.unit.state", "zoning.units.state.v1");
        return Collections.unmodifiableMap(folders);
    }

    /**
     * One reason an event does not validate.
     *
     * @param location JSON path of the offending value, e.g. {@code $.data.unit.code}
     * @param keyword the schema keyword that failed, e.g. {@code pattern}, {@code required}, {@code format}
     * @param message a sentence naming both
     */
    public record Violation(String location, String keyword, String message) {

        static Violation of(ValidationMessage m) {
            return new Violation(String.valueOf(m.getInstanceLocation()), m.getType(), m.getMessage());
        }
    }

    /** An event that does not validate against the schema of its type. */
    public static final class InvalidEventException extends IllegalArgumentException {

        private final transient List<Violation> violations;

        InvalidEventException(String eventId, List<Violation> violations) {
            super("event " + eventId + " does not match its schema: "
                    + violations.stream().map(Violation::message).toList());
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }
}
