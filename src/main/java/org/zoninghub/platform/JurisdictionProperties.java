package org.zoninghub.platform;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.zoninghub.zoning.Jurisdiction;

/**
 * The jurisdiction this hub serves ({@code zoning.jurisdiction.*}). For 辽源市 (220400) the divisions, aliases and
 * envelope are known and need not be set; another jurisdiction must list them.
 *
 * @param code the GB/T 2260 division code of the city (6 digits)
 * @param name its name
 * @param divisions county-level division code → name; a unit code must name one of them
 * @param aliases names in source data that are not divisions (management areas without a code)
 * @param envelope {@code [minLon, minLat, maxLon, maxLat]} in EPSG:4490; geometry outside it is rejected
 */
@Validated
@ConfigurationProperties("zoning.jurisdiction")
public record JurisdictionProperties(
        @DefaultValue("220400") @NotBlank @Pattern(regexp = "\\d{6}")
        String code,

        @DefaultValue("辽源市") @NotBlank String name,
        Map<String, String> divisions,
        Set<String> aliases,
        List<Double> envelope) {

    public Jurisdiction toJurisdiction() {
        Jurisdiction liaoyuan = Jurisdiction.liaoyuan();
        boolean known = code.equals(liaoyuan.code());
        Map<String, String> d = divisions == null || divisions.isEmpty() ? null : divisions;
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
        return new Jurisdiction(
                code,
                name,
                d == null ? liaoyuan.divisions() : d,
                aliases == null ? (known ? liaoyuan.aliases() : Set.of()) : aliases,
                bbox);
    }
}
