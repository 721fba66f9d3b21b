package org.zoninghub.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;
import org.zoninghub.platform.EmbeddedInfrastructureFailureAnalyzer.EmbeddedInfrastructureException;

/**
 * Stops a start at once when {@code zoning.embedded.enabled} is true but the embedded PostgreSQL and Kafka are not on
 * the classpath, which is the case in the production jar: they live in test scope and reach the zero-setup run
 * ({@code ./mvnw spring-boot:run}) only through the test classpath. Without this guard the hub would start and then
 * fail to connect to a database that nobody started, with a much less helpful message.
 *
 * <p>It looks for the embedded infrastructure's post-processor by class name, so main code keeps no compile-time
 * dependency on test code. It runs right after Boot's config data processing (so {@code application.yaml}, profiles
 * and environment variables are visible) and before the embedded post-processor, which does the actual starting when
 * it is present; when it is present this guard does nothing, so the two never conflict. An absent property counts as
 * false.
 */
public class EmbeddedInfrastructureGuard implements EnvironmentPostProcessor, Ordered {

    /** The switch of the zero-setup run; the main {@code application.yaml} sets it, the {@code prod} profile clears it. */
    public static final String ENABLED_PROPERTY = "zoning.embedded.enabled";

    /** The post-processor that starts the embedded servers; present only on the test classpath. */
    static final String EMBEDDED_POST_PROCESSOR =
            "org.zoninghub.platform.embedded.EmbeddedInfrastructureEnvironmentPostProcessor";

    /** After config data ({@code application*.yaml}, profiles), before the embedded post-processor. */
    public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 50;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean enabled = environment.getProperty(ENABLED_PROPERTY, Boolean.class, false);
        if (enabled && !ClassUtils.isPresent(EMBEDDED_POST_PROCESSOR, application.getClassLoader())) {
            throw new EmbeddedInfrastructureException(
                    "zoning.embedded.enabled is true, but the embedded PostgreSQL and Kafka are not part of this"
                            + " build (they exist only for ./mvnw spring-boot:run and the tests)",
                    "run with --spring.profiles.active=prod (or ZONING_EMBEDDED_ENABLED=false) and point the hub at"
                            + " your servers with SPRING_DATASOURCE_URL (plus SPRING_DATASOURCE_USERNAME and"
                            + " SPRING_DATASOURCE_PASSWORD) and SPRING_KAFKA_BOOTSTRAP_SERVERS");
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
