package org.zoninghub.api.compliance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The GB/T 4754-2017 industry classes the hub recognises in access-list clauses, read from the resource
 * {@code industry/gbt4754-2017.csv} (code, Chinese name, usual synonyms separated by {@code |}). It covers the
 * classes the Liaoyuan lists name (chemicals, tanning, paper, dyeing, electroplating, steel, cement, coking,
 * non-ferrous smelting, livestock, mining, sand and gravel, power, heat, sewage, hazardous waste, logging); a row
 * added to the file extends it.
 */
@Component
class IndustryTable {

    static final String RESOURCE = "industry/gbt4754-2017.csv";

    /**
     * One class.
     *
     * @param code section letter and four digits, e.g. {@code C2614}
     * @param name the standard's Chinese name, e.g. {@code 有机化学原料制造}
     * @param synonyms words clauses use for it, e.g. {@code 化工}
     */
    record IndustryClass(String code, String name, List<String> synonyms) {

        /** The name and every synonym: the words by which a clause names this class. */
        List<String> names() {
            List<String> all = new ArrayList<>(synonyms.size() + 1);
            all.add(name);
            all.addAll(synonyms);
            return all;
        }
    }

    private final Map<String, IndustryClass> byCode;

    IndustryTable() {
        this(IndustryTable.class.getClassLoader().getResourceAsStream(RESOURCE));
    }

    IndustryTable(InputStream csv) {
        if (csv == null) {
            throw new IllegalStateException("industry table " + RESOURCE + " is missing from the classpath");
        }
        Map<String, IndustryClass> classes = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cols = l.split(",", -1);
                if (cols.length != 3 || !cols[0].strip().matches("[A-T]\\d{4}") || cols[1].isBlank()) {
                    throw new IllegalStateException(RESOURCE + " line " + n
                            + ": expected code (a letter and four digits),name,synonyms|…; got " + l);
                }
                Set<String> synonyms = new LinkedHashSet<>();
                Arrays.stream(cols[2].split("\\|"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .forEach(synonyms::add);
                String code = cols[0].strip();
                classes.put(code, new IndustryClass(code, cols[1].strip(), List.copyOf(synonyms)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.byCode = Map.copyOf(classes);
    }

    /**
     * The class of a code ({@code C2614}, case and surrounding spaces ignored, the section letter optional:
     * {@code 2614}) or of its Chinese name ({@code 有机化学原料制造}).
     */
    Optional<IndustryClass> find(String codeOrName) {
        if (codeOrName == null || codeOrName.isBlank()) {
            return Optional.empty();
        }
        String key = codeOrName.strip();
        IndustryClass byKey = byCode.get(key.toUpperCase(Locale.ROOT));
        if (byKey != null) {
            return Optional.of(byKey);
        }
        return byCode.values().stream()
                .filter(c -> c.name().equals(key)
                        || (key.matches("\\d{4}") && c.code().endsWith(key)))
                .findFirst();
    }

    int size() {
        return byCode.size();
    }
}
