package org.zoninghub.platform;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Jurisdiction;

/**
 * The jurisdiction this hub serves ({@code zoning.jurisdiction.*}). For 辽源市 (220400) the divisions, aliases,
 * envelope and basins are known and need not be set; another jurisdiction must list its divisions (inline or in a
 * file) and its envelope. A province ({@code PP0000}) or the nation ({@code 100000}) takes city-level lists per
 * prefecture ({@code PPCC00}).
 *
 * @param code the GB/T 2260 division code of the city, province or nation ({@code 100000}) (6 digits)
 * @param name its name
 * @param divisions county-level division code → name; a unit code must name one of them
 * @param divisionsFile a UTF-8 CSV file of more divisions, one {@code code,name} a line (a first line
 *     {@code code,name} is a header; at most 20,000 lines, 2 MiB), added after {@code divisions}
 * @param aliases names in source data that are not divisions (management areas without a code)
 * @param envelope {@code [minLon, minLat, maxLon, maxLat]} in EPSG:4490; geometry outside it is rejected
 * @param basins the river basins units may lie in, each {@code code} (upper-case, the scope of its list) and
 *     {@code name} (as LYMC carries it); default 辽河流域 (LIAOHE), 松花江流域 (SONGHUA)
 */
@Validated
@ConfigurationProperties("zoning.jurisdiction")
public record JurisdictionProperties(
        @DefaultValue("220400") @NotBlank @Pattern(regexp = "\\d{6}")
        String code,

        @DefaultValue("辽源市") @NotBlank String name,
        Map<String, String> divisions,
        String divisionsFile,
        Set<String> aliases,
        List<Double> envelope,
        List<BasinEntry> basins) {

    /** Most lines of a divisions file. */
    static final int MAX_DIVISION_LINES = 20_000;

    /** Most bytes of a divisions file. */
    static final long MAX_DIVISION_BYTES = 2L * 1024 * 1024;

    /**
     * A basin of the jurisdiction ({@code zoning.jurisdiction.basins[n].code}, {@code .name}).
     *
     * @param code e.g. {@code LIAOHE}
     * @param name e.g. {@code 辽河流域}
     */
    public record BasinEntry(
            @NotBlank String code, @NotBlank String name) {}

    public Jurisdiction toJurisdiction() {
        Jurisdiction liaoyuan = Jurisdiction.liaoyuan();
        boolean known = code.equals(liaoyuan.code());
        Map<String, String> all = new LinkedHashMap<>();
        if (divisions != null) {
            all.putAll(divisions);
        }
        if (divisionsFile != null && !divisionsFile.isBlank()) {
            all.putAll(readDivisions(Path.of(divisionsFile.strip())));
        }
        Map<String, String> d = all.isEmpty() ? null : all;
        if (d == null && !known) {
            throw new IllegalStateException("zoning.jurisdiction.divisions must list the county-level divisions of "
                    + code + " (code: name), e.g. zoning.jurisdiction.divisions.220402=龙山区");
        }
        Envelope bbox;
        if (envelope != null && !envelope.isEmpty()) {
            if (envelope.size() != 4) {
                throw new IllegalStateException(
                        "zoning.jurisdiction.envelope must be [minLon, minLat, maxLon, maxLat], got " + envelope);
            }
            bbox = new Envelope(envelope.get(0), envelope.get(2), envelope.get(1), envelope.get(3));
        } else if (known) {
            bbox = liaoyuan.bbox();
        } else {
            throw new IllegalStateException(
                    "zoning.jurisdiction.envelope must be set for " + code + ": [minLon, minLat, maxLon, maxLat]");
        }
        List<Basin> b = basins == null || basins.isEmpty()
                ? Basin.LIAOYUAN
                : basins.stream()
                        .map(e -> new Basin(e.code().strip(), e.name().strip()))
                        .toList();
        return new Jurisdiction(
                code,
                name,
                d == null ? liaoyuan.divisions() : d,
                aliases == null ? (known ? liaoyuan.aliases() : Set.of()) : aliases,
                bbox,
                b);
    }

    /** The divisions of a {@code code,name} CSV file, in file order. */
    static Map<String, String> readDivisions(Path file) {
        try {
            if (Files.size(file) > MAX_DIVISION_BYTES) {
                throw new IllegalStateException("zoning.jurisdiction.divisions-file " + file + " is larger than "
                        + MAX_DIVISION_BYTES + " bytes");
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() > MAX_DIVISION_LINES) {
                throw new IllegalStateException("zoning.jurisdiction.divisions-file " + file + " has more than "
                        + MAX_DIVISION_LINES + " lines");
            }
            Map<String, String> divisions = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = i == 0 ? lines.get(i).replace("\uFEFF", "") : lines.get(i);
                if (line.isBlank() || (i == 0 && line.strip().equals("code,name"))) {
                    continue;
                }
                int comma = line.indexOf(',');
                String c = comma < 0 ? "" : line.substring(0, comma).strip();
                String n = comma < 0 ? "" : line.substring(comma + 1).strip();
                if (!c.matches("\\d{6}") || n.isEmpty() || divisions.putIfAbsent(c, n) != null) {
                    throw new IllegalStateException("zoning.jurisdiction.divisions-file " + file + " line " + (i + 1)
                            + ": expected code,name with a six-digit code given once");
                }
            }
            return divisions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read zoning.jurisdiction.divisions-file " + file, e);
        }
    }
}
