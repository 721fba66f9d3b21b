package org.zoninghub.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;
import org.zoninghub.platform.EmbeddedInfrastructureFailureAnalyzer;
import org.zoninghub.platform.EmbeddedInfrastructureFailureAnalyzer.EmbeddedInfrastructureException;
import org.zoninghub.platform.EmbeddedInfrastructureGuard;

/** The production guard, with the embedded post-processor hidden from the class loader as in the production jar. */
class EmbeddedInfrastructureGuardTest {

    private final EmbeddedInfrastructureGuard guard = new EmbeddedInfrastructureGuard();

    @Test
    void failsWhenEnabledButTheEmbeddedClassesAreMissing() {
        MockEnvironment environment = new MockEnvironment().withProperty("zoning.embedded.enabled", "true");

        assertThatThrownBy(() -> guard.postProcessEnvironment(environment, productionJar()))
                .isInstanceOf(EmbeddedInfrastructureException.class)
                .hasMessageContaining("--spring.profiles.active=prod")
                .hasMessageContaining("ZONING_EMBEDDED_ENABLED=false")
                .hasMessageContaining("SPRING_DATASOURCE_URL")
                .hasMessageContaining("SPRING_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void staysQuietWhenDisabledOrAbsentOrTheEmbeddedClassesArePresent() {
        assertThatNoException()
                .isThrownBy(() -> guard.postProcessEnvironment(
                        new MockEnvironment().withProperty("zoning.embedded.enabled", "false"), productionJar()));
        assertThatNoException().isThrownBy(() -> guard.postProcessEnvironment(new MockEnvironment(), productionJar()));
        assertThatNoException()
                .isThrownBy(() -> guard.postProcessEnvironment(
                        new MockEnvironment().withProperty("zoning.embedded.enabled", "true"),
                        new SpringApplication()));
    }

    @Test
    void theFailureAnalysisSeparatesWhatFromWhatToDo() {
        EmbeddedInfrastructureException failure = new EmbeddedInfrastructureException(
                "Port 9092 for the embedded Kafka broker is already in use",
                "set zoning.embedded.kafka.port (env ZONING_EMBEDDED_KAFKA_PORT) to a free port, or 0 for a random one");

        FailureAnalysis analysis =
                new EmbeddedInfrastructureFailureAnalyzer().analyze(new IllegalStateException(failure));

        assertThat(failure.getMessage())
                .isEqualTo("Port 9092 for the embedded Kafka broker is already in use; set zoning.embedded.kafka.port"
                        + " (env ZONING_EMBEDDED_KAFKA_PORT) to a free port, or 0 for a random one");
        assertThat(analysis.getDescription()).isEqualTo("Port 9092 for the embedded Kafka broker is already in use.");
        assertThat(analysis.getAction())
                .startsWith("Set zoning.embedded.kafka.port")
                .endsWith("random one.");
    }

    private static SpringApplication productionJar() {
        SpringApplication application = new SpringApplication();
        application.setResourceLoader(new DefaultResourceLoader(
                new FilteredClassLoader(EmbeddedInfrastructureEnvironmentPostProcessor.class)));
        return application;
    }
}
