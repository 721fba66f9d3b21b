package org.zoninghub.platform.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.zoninghub.platform.simulator.national.NationalDataset;

/** Starts the simulator when {@code zoning.simulator.enabled} (the zero-setup run) and loads its dataset. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "zoning.simulator.enabled", havingValue = "true")
class SimulatorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SimulatorConfiguration.class);

    @Bean
    ProvincialSimulator provincialSimulator(ObjectMapper mapper, SimulatorProperties properties, Environment env) {
        if (properties.servesNational()) {
            ProvincialSimulator simulator = new ProvincialSimulator(mapper);
            simulator.loadGenerated(new NationalDataset(
                    properties.national().seed(), properties.national().units()));
            log.info(
                    "Provincial platform simulator at http://localhost:{}/simulator/province serving the generated"
                            + " national set: {} units (seed {}) and {} lists",
                    env.getProperty("local.server.port", env.getProperty("server.port", "8080")),
                    simulator.unitCount(),
                    properties.national().seed(),
                    simulator.lists().size());
            return simulator;
        }
        Path dataset = Path.of(properties.datasetDirectory());
        if (!Files.isRegularFile(dataset.resolve("units.geojson"))) {
            throw new IllegalStateException(
                    "the provincial simulator's dataset is missing: no units.geojson in "
                            + dataset.toAbsolutePath()
                            + "; run the hub from the repository root or set zoning.simulator.dataset (ZONING_SIMULATOR_DATASET)");
        }
        ProvincialSimulator simulator = new ProvincialSimulator(mapper);
        simulator.load(dataset);
        log.info(
                "Provincial platform simulator at http://localhost:{}/simulator/province serving {} units and {} lists"
                        + " from {}",
                env.getProperty("local.server.port", env.getProperty("server.port", "8080")),
                simulator.unitCount(),
                simulator.lists().size(),
                dataset);
        return simulator;
    }

    @Bean
    SimulatorFilings simulatorFilings() {
        return new SimulatorFilings();
    }
}
