package org.zoninghub.publish.subscribers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.zoninghub.publish.EventSchemas;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.Jurisdiction;

/**
 * What an administrator says about a subscriber (the body of {@code POST} and {@code PUT
 * /api/v1/admin/subscribers}), read strictly: an unknown property or value is an error naming the field, never
 * silently ignored, since a misspelt filter key would otherwise widen the filter to everything.
 *
 * @param id the slug that names the subscriber and its feed topic
 * @param name what people call it, e.g. 东丰县环评审批系统
 * @param department the department that runs it; may be null
 * @param filter the events it wants
 * @param consumerGroup the Kafka consumer group it reads its feed with (for lag); may be null
 * @param enabled whether its feed receives events
 */
public record SubscriberDefinition(
        String id, String name, String department, SubscriberFilter filter, String consumerGroup, boolean enabled) {

    /** A subscriber id: a lower-case slug that fits a Kafka topic name. */
    public static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    private static final Pattern CONSUMER_GROUP = Pattern.compile("^[A-Za-z0-9._-]{1,249}$");
    private static final Set<String> PROPERTIES =
            Set.of("id", "name", "department", "filter", "consumerGroup", "enabled");
    private static final Set<String> FILTER_PROPERTIES =
            Set.of("categories", "divisionCodes", "basins", "dimensions", "eventTypes");

    /**
     * Reads a definition.
     *
     * @param body the JSON body
     * @param pathId the id of the URL ({@code PUT}), or null when the body names it ({@code POST})
     * @param jurisdiction the divisions a filter may name
     * @throws InvalidSubscriberException naming the first defect
     */
    public static SubscriberDefinition read(JsonNode body, String pathId, Jurisdiction jurisdiction) {
        if (body == null || !body.isObject()) {
            throw new InvalidSubscriberException("$", "the body must be a JSON object");
        }
        checkProperties(body, "", PROPERTIES);
        String id = text(body, "id", pathId == null);
        if (pathId != null) {
            if (id != null && !id.equals(pathId)) {
                throw new InvalidSubscriberException(
                        "id", "\"" + id + "\" differs from the subscriber in the URL, \"" + pathId + "\"");
            }
            id = pathId;
        }
        if (!ID.matcher(id).matches()) {
            throw new InvalidSubscriberException(
                    "id",
                    "\"" + id + "\" is not a subscriber id: 2 to 63 characters of a-z, 0-9 and '-', not starting"
                            + " with '-'");
        }
        String name = text(body, "name", true);
        if (name.isBlank()) {
            throw new InvalidSubscriberException("name", "must not be blank");
        }
        String department = text(body, "department", false);
        String consumerGroup = text(body, "consumerGroup", false);
        if (consumerGroup != null && !CONSUMER_GROUP.matcher(consumerGroup).matches()) {
            throw new InvalidSubscriberException(
                    "consumerGroup",
                    "\"" + consumerGroup + "\" is not a consumer group id: 1 to 249 characters of A-Z, a-z, 0-9, '.',"
                            + " '_' and '-'");
        }
        JsonNode enabledNode = body.get("enabled");
        boolean enabled;
        if (enabledNode == null || enabledNode.isNull()) {
            if (pathId != null) {
                throw new InvalidSubscriberException(
                        "enabled", "is required: a PUT replaces the whole definition (true or false)");
            }
            enabled = true;
        } else if (enabledNode.isBoolean()) {
            enabled = enabledNode.booleanValue();
        } else {
            throw new InvalidSubscriberException("enabled", "must be true or false, not " + enabledNode);
        }
        JsonNode filterNode = body.get("filter");
        if (filterNode == null || filterNode.isNull()) {
            throw new InvalidSubscriberException(
                    "filter", "is required; {} selects every event, see the README for the criteria");
        }
        return new SubscriberDefinition(
                id, name.strip(), department, filter(filterNode, jurisdiction), consumerGroup, enabled);
    }

    /** Reads a filter ({@code {"categories": [...], "divisionCodes": [...], ...}}), naming any unknown value. */
    public static SubscriberFilter filter(JsonNode node, Jurisdiction jurisdiction) {
        if (!node.isObject()) {
            throw new InvalidSubscriberException("filter", "must be a JSON object");
        }
        checkProperties(node, "filter.", FILTER_PROPERTIES);
        List<Category> categories =
                list(node, "categories", v -> enumValue(Category.class, v), Arrays.toString(Category.values()));
        List<String> divisions = list(
                node,
                "divisionCodes",
                v -> jurisdiction.hasDivision(v) ? v : null,
                "the divisions of " + jurisdiction.label() + " " + jurisdiction.divisions());
        List<String> basins = list(
                node,
                "basins",
                v -> jurisdiction
                        .basin(v)
                        .filter(b -> b.code().equals(v))
                        .map(Basin::code)
                        .orElse(null),
                "[" + jurisdiction.basinCodes() + "]");
        List<Dimension> dimensions =
                list(node, "dimensions", v -> enumValue(Dimension.class, v), Arrays.toString(Dimension.values()));
        List<String> eventTypes = list(
                node,
                "eventTypes",
                v -> isTypePattern(v) ? v : null,
                EventSchemas.types() + " or a prefix of them ending in .* (zoning.unit.*)");
        return new SubscriberFilter(categories, divisions, basins, dimensions, eventTypes);
    }

    /** An exact event type, or a prefix ending in {@code .*} that at least one event type starts with. */
    static boolean isTypePattern(String pattern) {
        if (pattern.endsWith(".*")) {
            return EventSchemas.types().stream().anyMatch(t -> SubscriberFilter.typeMatches(pattern, t));
        }
        return EventSchemas.types().contains(pattern);
    }

    private static <T> List<T> list(JsonNode filter, String field, Function<String, T> parse, String known) {
        JsonNode values = filter.get(field);
        if (values == null || values.isNull()) {
            return List.of();
        }
        if (!values.isArray()) {
            throw new InvalidSubscriberException("filter." + field, "must be a list (an empty list does not restrict)");
        }
        List<T> parsed = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            T value = v.isTextual() ? parse.apply(v.asText()) : null;
            if (value == null) {
                throw new InvalidSubscriberException("filter." + field + "[" + i + "]", v + " is not one of " + known);
            }
            parsed.add(value);
        }
        return parsed;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidSubscriberException(field, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidSubscriberException(field, "must be a string, not " + v);
        }
        return v.asText();
    }

    private static void checkProperties(JsonNode object, String prefix, Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidSubscriberException(
                        prefix + name,
                        "is not a property of a subscriber" + (prefix.isEmpty() ? "" : " filter") + "; known: "
                                + known.stream().sorted().toList());
            }
        }
    }
}
