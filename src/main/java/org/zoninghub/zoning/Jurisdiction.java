package org.zoninghub.zoning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;

/**
 * The administrative area whose zoning the hub holds: its GB/T 2260 code and name, the county-level divisions a unit
 * code may name, other names that are not divisions (management areas such as 辽源高新区 have no code), and the padded
 * lon/lat envelope geometries must lie in (EPSG:4490).
 *
 * @param code six-digit division code of the jurisdiction, e.g. {@code 220400}
 * @param name Chinese name, e.g. {@code 辽源市}
 * @param divisions county-level division code → name, in the order they are listed to people
 * @param aliases names used in source data that are not divisions and carry no code
 * @param bbox padded envelope, longitude as x and latitude as y; the accessor returns a copy
 */
public record Jurisdiction(
        String code, String name, Map<String, String> divisions, Set<String> aliases, Envelope bbox) {

    /** A county-level division (区/县) of the jurisdiction. */
    public record Division(String code, String name) {}

    public Jurisdiction {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bbox, "bbox");
        if (!code.matches("\\d{6}")) {
            throw new IllegalArgumentException("jurisdiction code must have six digits, got '" + code + "'");
        }
        divisions.keySet().forEach(d -> {
            if (!d.matches("\\d{6}")) {
                throw new IllegalArgumentException("division code must have six digits, got '" + d + "'");
            }
        });
        divisions = Collections.unmodifiableMap(new LinkedHashMap<>(divisions));
        aliases = Collections.unmodifiableSet(new LinkedHashSet<>(aliases));
        bbox = new Envelope(bbox);
    }

    /** 辽源市 (220400): 龙山区, 西安区, 东丰县, 东辽县; 辽源高新区 as an alias; envelope 124.7–126.0°E, 42.2–43.4°N. */
    public static Jurisdiction liaoyuan() {
        Map<String, String> divisions = new LinkedHashMap<>();
        divisions.put("220402", "龙山区");
        divisions.put("220403", "西安区");
        divisions.put("220421", "东丰县");
        divisions.put("220422", "东辽县");
        return new Jurisdiction("220400", "辽源市", divisions, Set.of("辽源高新区"), new Envelope(124.7, 126.0, 42.2, 43.4));
    }

    @Override
    public Envelope bbox() {
        return new Envelope(bbox);
    }

    /** The division with this code or Chinese name (surrounding whitespace ignored); empty for aliases and strangers. */
    public Optional<Division> division(String codeOrName) {
        if (codeOrName == null) {
            return Optional.empty();
        }
        String key = codeOrName.strip();
        String byCode = divisions.get(key);
        if (byCode != null) {
            return Optional.of(new Division(key, byCode));
        }
        return divisions.entrySet().stream()
                .filter(e -> e.getValue().equals(key))
                .map(e -> new Division(e.getKey(), e.getValue()))
                .findFirst();
    }

    /** Whether a six-digit code is one of the county-level divisions. */
    public boolean hasDivision(String divisionCode) {
        return divisions.containsKey(divisionCode);
    }

    /** Whether a name is a known alias (a management area without division code). */
    public boolean isAlias(String name) {
        return name != null && aliases.contains(name.strip());
    }

    /** The divisions in their listed order. */
    public List<Division> divisionList() {
        return divisions.entrySet().stream()
                .map(e -> new Division(e.getKey(), e.getValue()))
                .toList();
    }

    /** How the jurisdiction is named in messages, e.g. {@code 辽源市 (220400)}. */
    public String label() {
        return name + " (" + code + ")";
    }
}
