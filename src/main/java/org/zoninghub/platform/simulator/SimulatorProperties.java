package org.zoninghub.platform.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in provincial platform simulator of the zero-setup run ({@code zoning.simulator.*}).
 *
 * @param enabled serve the simulated platform under {@code /simulator/province}
 * @param dataset directory holding {@code units.geojson} and {@code lists.json} in the shapes of docs/provincial-api.md
 *     ({@code liaoyuan} is short for {@code data/liaoyuan}), or {@code national}: the generated national set
 * @param apiKey the {@code X-Api-Key} the simulator accepts; blank accepts any request
 * @param maxPageSize the largest page it serves
 * @param national the size and seed of the generated national set ({@code dataset: national})
 */
@ConfigurationProperties("zoning.simulator")
public record SimulatorProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("data/liaoyuan") String dataset,
        String apiKey,
        @DefaultValue("1000") int maxPageSize,
        @DefaultValue National national) {

    /** The value of {@code dataset} that serves the generated national set. */
    public static final String NATIONAL = "national";

    /**
     * The generated national set the simulator serves with {@code dataset: national}
     * ({@code zoning.simulator.national.*}).
     *
     * @param units how many units (1 to 45,488; the national count is 44,604)
     * @param seed the seed every unit derives from
     */
    public record National(
            @DefaultValue("44604") int units,
            @DefaultValue("1") long seed) {}

    /** Whether the simulator serves the generated national set. */
    public boolean servesNational() {
        return NATIONAL.equals(dataset);
    }

    /** The directory of a dataset read from files. */
    public String datasetDirectory() {
        return "liaoyuan".equals(dataset) ? "data/liaoyuan" : dataset;
    }
}
