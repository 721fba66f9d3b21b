package org.zoninghub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every environment variable that {@code docker/compose.yaml} sets on a hub service (a service built from
 * {@code docker/Dockerfile}) binds to a real property of the hub by Spring Boot's relaxed binding: a key of the hub's
 * {@code @ConfigurationProperties} records, of {@code application*.yaml}, or a property Spring Boot, Spring Kafka or
 * Camel declares in its configuration metadata ({@code spring.kafka.properties.*} and other maps take any key below
 * them). A misspelt variable would be silently ignored by the hub; here it fails, and a fixture with misspelt variables
 * shows that the check catches them.
 */
class ComposeFileTest {

    private static final Path COMPOSE_FILE = Path.of("docker/compose.yaml");
    private static final String FIXTURE = "/org/zoninghub/platform/compose-misspelt.yaml";

    private static KnownProperties known;

    @BeforeAll
    static void knownProperties() throws IOException {
        known = KnownProperties.load();
    }

    @Test
    void everyVariableOfEveryHubServiceBindsToAProperty() throws IOException {
        Map<String, Map<String, String>> hubs;
        try (Reader reader = Files.newBufferedReader(COMPOSE_FILE, StandardCharsets.UTF_8)) {
            hubs = hubServiceEnvironments(reader);
        }
        // the two instances and the simulator's stand-in province run the hub's image
        assertThat(hubs).containsKeys("hub-1", "hub-2", "province");
        Map<String, List<String>> unbound = new TreeMap<>();
        hubs.forEach((service, environment) -> {
            assertThat(environment).as(service).isNotEmpty();
            List<String> names = environment.keySet().stream()
                    .filter(name -> !known.binds(name))
                    .toList();
            if (!names.isEmpty()) {
                unbound.put(service, names);
            }
        });
        assertThat(unbound).as("variables that bind to no property of the hub").isEmpty();
    }

    @Test
    void theHubsRunTheProdProfileOnKafkaOverSaslSsl() throws IOException {
        Map<String, Map<String, String>> hubs;
        try (Reader reader = Files.newBufferedReader(COMPOSE_FILE, StandardCharsets.UTF_8)) {
            hubs = hubServiceEnvironments(reader);
        }
        hubs.forEach((service, environment) -> {
            assertThat(environment).as(service).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
            assertThat(environment).as(service).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
            assertThat(environment)
                    .as(service)
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
            assertThat(environment.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
                    .as(service)
                    .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required")
                    .contains("username=\"hub\"");
        });
    }

    @Test
    void aMisspeltVariableFailsTheCheck() throws IOException {
        Map<String, Map<String, String>> hubs;
        try (InputStream in = ComposeFileTest.class.getResourceAsStream(FIXTURE)) {
            assertThat(in).as(FIXTURE).isNotNull();
            hubs = hubServiceEnvironments(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        // the fixture's service `not-a-hub` runs another image: its variables are not the hub's business
        assertThat(hubs).containsOnlyKeys("hub");
        List<String> unbound = hubs.get("hub").keySet().stream()
                .filter(name -> !known.binds(name))
                .toList();
        assertThat(unbound)
                .containsExactlyInAnyOrder(
                        "ZONING_PROVINCE_BASE_URLL",
                        "SPRING_KAFKA_SECURITY_PROTOKOL",
                        "ZONING_PUBLISH_RELAYENABLE",
                        "ZONING_COMPLIANCE_MAXVERTICES_LIMIT",
                        "SPRING_KAFKA_PROPERTIES");
    }

    @Test
    void relaxedBindingOfKnownShapes() {
        assertThat(known.binds("ZONING_PROVINCE_BASEURL")).isTrue(); // a record component, kebab-case
        assertThat(known.binds("ZONING_PROVINCE_RETRY_MAXATTEMPTS")).isTrue(); // a nested record
        assertThat(known.binds("ZONING_JURISDICTION_DIVISIONS_220402")).isTrue(); // a map's key
        assertThat(known.binds("ZONING_JURISDICTION_ALIASES_0")).isTrue(); // a list's index
        assertThat(known.binds("ZONING_EMBEDDED_ENABLED")).isTrue(); // application.yaml only
        assertThat(known.binds("SPRING_DATASOURCE_URL")).isTrue(); // Spring Boot's metadata
        assertThat(known.binds("SPRING_KAFKA_SSL_TRUSTSTORELOCATION")).isTrue();
        assertThat(known.binds("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).isTrue(); // any key of a map
        assertThat(known.binds("ZONING_PROVINCE")).isFalse(); // a group, not a property
        assertThat(known.binds("ZONING_PROVINCE_RETRY")).isFalse();
        assertThat(known.binds("SPRING_DATASOURCE_URLS")).isFalse();
        assertThat(known.binds("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isTrue(); // legacy form
        assertThat(known.binds("ZONING_PROVINCE_BASE_URL")).isTrue();
        assertThat(known.binds("ZONING_PROVINCE_BASE_URL_X")).isFalse();
    }

    /** Service → its environment, for every service that runs the hub's image; merge keys and anchors resolved. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, String>> hubServiceEnvironments(Reader compose) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(compose);
        Map<String, Object> services = (Map<String, Object>) root.get("services");
        Map<String, Map<String, String>> hubs = new TreeMap<>();
        services.forEach((name, definition) -> {
            Map<String, Object> service = (Map<String, Object>) definition;
            if (runsTheHub(service)) {
                hubs.put(name, environment(service.get("environment")));
            }
        });
        return hubs;
    }

    @SuppressWarnings("unchecked")
    private static boolean runsTheHub(Map<String, Object> service) {
        return service.get("build") instanceof Map<?, ?> build
                && String.valueOf(((Map<String, Object>) build).get("dockerfile"))
                        .endsWith("docker/Dockerfile");
    }

    /** Both forms compose accepts: a mapping, or a list of {@code NAME=value}. */
    private static Map<String, String> environment(Object environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach(
                    (name, value) -> variables.put(String.valueOf(name), value == null ? "" : String.valueOf(value)));
        } else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String text = String.valueOf(entry);
                int eq = text.indexOf('=');
                variables.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
            }
        }
        return variables;
    }

    /**
     * The properties of the hub, each in Spring's uniform form (lower case, no dashes, elements joined by dots):
     * exact names, and prefixes under which any key binds (maps) or an index does (lists).
     */
    record KnownProperties(Set<String> exact, Set<String> legacy, Set<String> mapPrefixes, Set<String> listPrefixes) {

        static KnownProperties load() throws IOException {
            KnownProperties known =
                    new KnownProperties(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
            known.addHubRecords();
            known.addApplicationYaml("application.yaml");
            known.addApplicationYaml("application-prod.yaml");
            known.addMetadata("META-INF/spring-configuration-metadata.json");
            known.addMetadata("META-INF/additional-spring-configuration-metadata.json");
            return known;
        }

        /**
         * Whether Spring binds the variable to a property: {@code ZONING_PROVINCE_BASEURL} is
         * {@code zoning.province.baseurl}, the uniform form of {@code zoning.province.base-url}; Spring also accepts the
         * legacy form with the dash as an underscore ({@code ZONING_PROVINCE_BASE_URL}) for a plain property.
         */
        boolean binds(String variable) {
            if (!variable.matches("[A-Z0-9_]+") || variable.contains("__")) {
                return false;
            }
            String name = variable.toLowerCase(Locale.ROOT).replace('_', '.');
            if (exact.contains(name) || legacy.contains(name)) {
                return true;
            }
            for (String prefix : mapPrefixes) {
                if (name.startsWith(prefix + ".")) {
                    return true;
                }
            }
            for (String prefix : listPrefixes) {
                if (name.startsWith(prefix + ".")
                        && name.substring(prefix.length() + 1).matches("\\d+")) {
                    return true;
                }
            }
            return false;
        }

        private void addHubRecords() {
            ClassPathScanningCandidateComponentProvider scanner =
                    new ClassPathScanningCandidateComponentProvider(false);
            scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
            Set<BeanDefinition> candidates = scanner.findCandidateComponents("org.zoninghub");
            assertThat(candidates)
                    .as("@ConfigurationProperties records of the hub")
                    .hasSizeGreaterThan(5);
            for (BeanDefinition candidate : candidates) {
                Class<?> type;
                try {
                    type = Class.forName(candidate.getBeanClassName());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
                ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
                String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
                addRecord(uniform(prefix), type);
            }
        }

        private void addRecord(String prefix, Class<?> type) {
            assertThat(type.isRecord()).as(type + " is a record").isTrue();
            for (RecordComponent component : type.getRecordComponents()) {
                String name = prefix + "." + component.getName().toLowerCase(Locale.ROOT);
                add(name, component.getType(), component.getGenericType());
                if (!component.getType().isRecord() && !Map.class.isAssignableFrom(component.getType())) {
                    legacy.add(prefix + "." + kebab(component.getName()).replace('-', '.'));
                }
            }
        }

        private void add(String name, Class<?> type, Type generic) {
            if (type.isRecord() && type.getName().startsWith("org.zoninghub.")) {
                addRecord(name, type);
            } else if (Map.class.isAssignableFrom(type)) {
                mapPrefixes.add(name);
            } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
                exact.add(name);
                listPrefixes.add(name);
                if (generic instanceof ParameterizedType parameterized
                        && parameterized.getActualTypeArguments()[0] instanceof Class<?> element
                        && element.isRecord()) {
                    mapPrefixes.add(name); // list of records: NAME_0_FIELD
                }
            } else {
                exact.add(name);
            }
        }

        @SuppressWarnings("unchecked")
        private void addApplicationYaml(String resource) throws IOException {
            try (InputStream in = ComposeFileTest.class.getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
                flatten("", root);
            }
        }

        @SuppressWarnings("unchecked")
        private void flatten(String prefix, Map<String, Object> map) {
            map.forEach((key, value) -> {
                String name = prefix.isEmpty() ? uniform(key) : prefix + "." + uniform(key);
                if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                    flatten(name, (Map<String, Object>) nested);
                } else {
                    exact.add(name);
                    legacy.add(legacyForm(prefix.isEmpty() ? key : prefix + "." + key));
                    if (value instanceof List<?>) {
                        listPrefixes.add(name);
                    }
                }
            });
        }

        private void addMetadata(String resource) throws IOException {
            ObjectMapper json = new ObjectMapper();
            Enumeration<URL> files = ComposeFileTest.class.getClassLoader().getResources(resource);
            List<URL> all = new ArrayList<>();
            files.asIterator().forEachRemaining(all::add);
            for (URL file : all) {
                JsonNode root;
                try (InputStream in = file.openStream()) {
                    root = json.readTree(in);
                }
                for (JsonNode property : root.path("properties")) {
                    String name = uniform(property.path("name").asText());
                    String type = property.path("type").asText("");
                    if (type.startsWith("java.util.Map")) {
                        mapPrefixes.add(name);
                    } else {
                        exact.add(name);
                        legacy.add(legacyForm(property.path("name").asText()));
                        if (type.startsWith("java.util.List")
                                || type.startsWith("java.util.Set")
                                || type.endsWith("[]")) {
                            listPrefixes.add(name);
                        }
                    }
                }
            }
            if (resource.endsWith("/spring-configuration-metadata.json")) {
                assertThat(exact)
                        .as("Spring Boot's own metadata is on the class path")
                        .contains("spring.datasource.url");
            }
        }

        /** The name an environment variable in legacy form maps to: lower case, dashes as dots. */
        private static String legacyForm(String name) {
            return name.toLowerCase(Locale.ROOT).replace('-', '.');
        }

        private static String kebab(String camel) {
            return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        }

        /** Spring's uniform form of a property name: lower case, dashes dropped. */
        private static String uniform(String name) {
            return name.toLowerCase(Locale.ROOT).replace("-", "");
        }
    }
}
