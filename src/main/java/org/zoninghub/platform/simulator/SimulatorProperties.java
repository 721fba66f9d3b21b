package org.zoninghub.platform.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in provincial platform simulator of the zero-setup run ({@code zoning.simulator.*}).
 *
 * @param enabled serve the simulated platform under {@code /simulator/province}
 * @param dataset directory holding {@code units.geojson} and {@code lists.json} in the shapes of docs/provincial-api.md
 * @param apiKey the {@code X-Api-Key} the simulator accepts; blank accepts any request
 * @param maxPageSize the largest page it serves
 */
@ConfigurationProperties("zoning.simulator")
public record SimulatorProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("data/liaoyuan") String dataset,
        String apiKey,
        @DefaultValue("1000") int maxPageSize) {}
