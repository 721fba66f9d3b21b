package org.zoninghub.zoning;

import java.util.Collections;
import java.util.HashSet;
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
 * code may name, other names that are not divisions (management areas such as 辽源高新区 have no code), the padded
 * lon/lat envelope geometries must lie in (EPSG:4490), and the river basins its units may lie in.
 *
 * <p>Levels: a city (prefecture, code {@code PPCC00}) such as 辽源市 has one city-level ("1") list, scope its own code.
 * A province ({@code PP0000}) or the nation ({@code 100000}) holds the units of many cities: each prefecture has its own
 * city-level list, scope {@code PPCC00}, which binds the units of the divisions {@code PPCCxx} (see {@link
 * #cityScopeOf}).
 *
 * @param code six-digit division code of the jurisdiction, e.g. {@code 220400}
 * @param name Chinese name, e.g. {@code 辽源市}
 * @param divisions county-level division code → name, in the order they are listed to people
 * @param aliases names used in source data that are not divisions and carry no code
 * @param bbox padded envelope, longitude as x and latitude as y; the accessor returns a copy
 * @param basins the basins units may lie in, in the order they are listed to people
 */
public record Jurisdiction(
        String code,
        String name,
        Map<String, String> divisions,
        Set<String> aliases,
        Envelope bbox,
        List<Basin> basins) {

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
        basins = List.copyOf(basins);
        Set<String> basinCodes = new HashSet<>();
        Set<String> basinNames = new HashSet<>();
        for (Basin b : basins) {
            if (!basinCodes.add(b.code()) || !basinNames.add(b.chineseName())) {
                throw new IllegalArgumentException("basin " + b.code() + " (" + b.chineseName() + ") is listed twice");
            }
        }
    }

    /** A jurisdiction whose units lie in 辽源市's basins (辽河流域, 松花江流域). */
    public Jurisdiction(String code, String name, Map<String, String> divisions, Set<String> aliases, Envelope bbox) {
        this(code, name, divisions, aliases, bbox, Basin.LIAOYUAN);
    }

    /** Whether the jurisdiction is one city (prefecture level, {@code PPCC00}), as 辽源市 is. */
    public boolean isCity() {
        return code.endsWith("00") && !code.endsWith("0000");
    }

    /**
     * The scope of the city-level list that binds the units of a division: the jurisdiction's code when it is a
     * city, else the division's prefecture ({@code PPCC00}).
     */
    public String cityScopeOf(String divisionCode) {
        if (isCity() || divisionCode == null || divisionCode.length() != 6) {
            return code;
        }
        return divisionCode.substring(0, 4) + "00";
    }

    /** {@link #cityScopeOf} the division of a unit code (the jurisdiction's code for a malformed one). */
    public String cityScopeOfUnit(String unitCode) {
        return isCity() || !UnitCodes.isWellFormed(unitCode) ? code : cityScopeOf(UnitCodes.divisionOf(unitCode));
    }

    /**
     * Whether a scope is that of a city-level list here: the jurisdiction's own code when it is a city, else a
     * prefecture ({@code PPCC00}) one of the divisions lies in.
     */
    public boolean isCityScope(String scope) {
        if (scope == null) {
            return false;
        }
        if (isCity()) {
            return scope.equals(code);
        }
        if (!scope.matches("\\d{4}00")) {
            return false;
        }
        String prefix = scope.substring(0, 4);
        return divisions.keySet().stream().anyMatch(d -> d.startsWith(prefix));
    }

    /** The basin with this code, or with this Chinese name (surrounding whitespace ignored). */
    public Optional<Basin> basin(String codeOrName) {
        if (codeOrName == null) {
            return Optional.empty();
        }
        String key = codeOrName.strip();
        return basins.stream()
                .filter(b -> b.code().equals(key) || b.chineseName().equals(key))
                .findFirst();
    }

    /**
     * The basin of a code read back from the store: the configured one, or, for a code the configuration no longer
     * lists, a basin named by its code (so that history stays readable after a basin is dropped).
     */
    public Basin storedBasin(String code) {
        return basins.stream().filter(b -> b.code().equals(code)).findFirst().orElseGet(() -> new Basin(code, code));
    }

    /** The basin codes, for messages: {@code LIAOHE, SONGHUA}. */
    public String basinCodes() {
        return String.join(", ", basins.stream().map(Basin::code).toList());
    }

    /** The basin names, for messages: {@code 辽河流域, 松花江流域}. */
    public String basinNames() {
        return String.join(", ", basins.stream().map(Basin::chineseName).toList());
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
