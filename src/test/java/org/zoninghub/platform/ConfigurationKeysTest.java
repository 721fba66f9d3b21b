package org.zoninghub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Every {@code zoning.*} key that a {@code @ConfigurationProperties} record binds is documented in the README's
 * configuration table, and no key has two defaults (one in its record, another in {@code application.yaml}).
 */
class ConfigurationKeysTest {

    /** A key a record binds, with the default its record declares (null when none). */
    record BoundKey(String key, String recordDefault, String record) {}

    static List<BoundKey> bound;

    @BeforeAll
    static void scan() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        bound = new ArrayList<>();
        for (BeanDefinition d : scanner.findCandidateComponents("org.zoninghub")) {
            Class<?> type = Class.forName(d.getBeanClassName());
            ConfigurationProperties cp = type.getAnnotation(ConfigurationProperties.class);
            String prefix = cp.value().isEmpty() ? cp.prefix() : cp.value();
            if (type.isRecord()) {
                keys(prefix, type, type.getSimpleName(), bound);
            }
        }
    }

    private static void keys(String prefix, Class<?> record, String owner, List<BoundKey> into) {
        for (RecordComponent c : record.getRecordComponents()) {
            String key = prefix + "." + kebab(c.getName());
            Class<?> t = c.getType();
            if (t.isRecord() && t.getName().startsWith("org.zoninghub")) {
                keys(key, t, owner, into);
                continue;
            }
            DefaultValue dv = c.getAccessor().getAnnotation(DefaultValue.class);
            if (dv == null) {
                // @DefaultValue is a parameter annotation: it sits on the canonical constructor's parameter
                dv = canonicalParameterDefault(record, c);
            }
            String recordDefault = dv == null || dv.value().length == 0 ? null : String.join(",", dv.value());
            into.add(new BoundKey(key, recordDefault, owner));
        }
    }

    private static DefaultValue canonicalParameterDefault(Class<?> record, RecordComponent c) {
        try {
            Class<?>[] types = java.util.Arrays.stream(record.getRecordComponents())
                    .map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            var ctor = record.getDeclaredConstructor(types);
            RecordComponent[] all = record.getRecordComponents();
            int i = 0;
            while (!all[i].getName().equals(c.getName())) {
                i++;
            }
            return ctor.getParameters()[i].getAnnotation(DefaultValue.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void theScanFindsTheRecordsItShould() {
        assertThat(bound)
                .extracting(BoundKey::key)
                .contains("zoning.province.page-size", "zoning.sync.on-invalid", "zoning.publish.source");
    }

    @Test
    void everyBoundKeyIsInTheReadmeTable() throws IOException {
        Set<String> documented = documentedKeys();
        Set<String> missing = new TreeSet<>();
        for (BoundKey k : bound) {
            if (!isDocumented(k.key(), documented)) {
                missing.add(k.key() + " (" + k.record() + ")");
            }
        }
        assertThat(missing)
                .as("keys bound by @ConfigurationProperties records but missing from the README's configuration table")
                .isEmpty();
    }

    @Test
    void noKeyHasTwoDefaults() throws IOException {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        Properties applicationYaml = yaml.getObject();
        Map<String, String> twice = new TreeMap<>();
        for (BoundKey k : bound) {
            String inYaml = applicationYaml.getProperty(k.key());
            // a placeholder (${other.key}) is a reference to another setting, not a second default
            if (k.recordDefault() != null
                    && inYaml != null
                    && !inYaml.contains("${")
                    && !inYaml.equals(k.recordDefault())) {
                twice.put(k.key(), k.record() + " says " + k.recordDefault() + ", application.yaml says " + inYaml);
            }
        }
        assertThat(twice)
                .as("keys whose record default and application.yaml value differ")
                .isEmpty();
    }

    static boolean isDocumented(String key, Set<String> documented) {
        for (String d : documented) {
            if (d.equals(key)
                    || d.startsWith(key + ".")
                    || (d.endsWith(".*") && key.startsWith(d.substring(0, d.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The keys of the first column of the README's configuration table. A cell may name several keys separated by
     * {@code /}: the first is absolute, the others replace as many trailing segments of it as they have
     * ({@code `zoning.a.b.c` / `.d`} names {@code zoning.a.b.d}).
     */
    static Set<String> documentedKeys() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("## Configuration");
        assertThat(start).as("README has a section \"## Configuration\"").isNotNegative();
        Set<String> keys = new TreeSet<>();
        Pattern row = Pattern.compile("^\\| ([^|]+) \\|");
        for (String line : readme.substring(start).lines().toList()) {
            Matcher m = row.matcher(line);
            if (!m.find() || line.startsWith("| key") || line.startsWith("|---")) {
                continue;
            }
            String[] parts = m.group(1).split(" / ");
            String first = parts[0].replace("`", "").strip();
            keys.add(first);
            for (int i = 1; i < parts.length; i++) {
                String rel = parts[i].replace("`", "").strip();
                if (rel.startsWith("zoning.") || rel.startsWith("spring.")) {
                    keys.add(rel);
                    continue;
                }
                String suffix = rel.startsWith(".") ? rel.substring(1) : rel;
                int n = suffix.split("\\.").length;
                List<String> segments = new ArrayList<>(List.of(first.split("\\.")));
                if (segments.size() <= n) {
                    continue;
                }
                segments = new ArrayList<>(segments.subList(0, segments.size() - n));
                keys.add(String.join(".", segments) + "." + suffix);
            }
        }
        return keys;
    }

    @Test
    void relativeKeysInACellReplaceTrailingSegments() {
        assertThat(isDocumented("zoning.embedded.kafka.port", Set.of("zoning.embedded.kafka.port")))
                .isTrue();
        assertThat(isDocumented("zoning.publish.topics.unit-state", Set.of("zoning.publish.topics.*")))
                .isTrue();
        assertThat(isDocumented("zoning.jurisdiction.divisions", Set.of("zoning.jurisdiction.divisions.{code}")))
                .isTrue();
        assertThat(isDocumented("zoning.sync.cron", Set.of("zoning.sync.cron-x")))
                .isFalse();
    }
}
