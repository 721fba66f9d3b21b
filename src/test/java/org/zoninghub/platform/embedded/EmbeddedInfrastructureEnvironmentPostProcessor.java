package org.zoninghub.platform.embedded;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.zoninghub.platform.EmbeddedInfrastructureGuard;
import org.zoninghub.platform.containers.ContainerInfrastructure;

/**
 * Starts the embedded PostgreSQL and Kafka of the zero-setup run ({@code ./mvnw spring-boot:run}) and of the
 * integration tests when {@code zoning.embedded.enabled} is true (absent counts as false here; the main
 * {@code application.yaml} sets it, the {@code prod} profile clears it), and points the application at them.
 *
 * <p>Registered in {@code src/test/resources/META-INF/spring.factories}, so it exists only on the test classpath,
 * which {@code spring-boot:run} uses ({@code useTestClasspath}); the production jar has
 * {@link EmbeddedInfrastructureGuard} instead. It runs after Boot's config data processing, so
 * {@code application*.yaml}, profiles, command-line arguments, environment variables and test properties are all
 * visible, and after the guard.
 *
 * <p>The servers start once per JVM and are shared by every Spring context of a test run; the settings of the first
 * context that starts them apply. Every context then gets a property source of highest priority with
 * {@code spring.datasource.url/username/password}, {@code spring.kafka.bootstrap-servers} and
 * {@code camel.component.kafka.brokers} (the last two not with {@code zoning.embedded.kafka.enabled=false}: such a
 * context keeps the embedded PostgreSQL but uses the broker its own {@code spring.kafka.bootstrap-servers} names, e.g.
 * a test's own broker that it stops and starts). With {@code zoning.embedded.database-per-context=true} each context gets its own
 * freshly created database {@code zoning_ctx_N}, so tests with different contexts do not see each other's data.
 * Topics are shared: tests that need isolation on Kafka use their own topic names or group ids. A context that must
 * share another's database (several hub instances on one database) names it in {@value #JOIN_DATABASE}.
 *
 * <p>With the system property {@value SharedInfrastructure#CONTAINERS} (the Maven profile {@code containers}) the
 * servers are the production images instead, {@code postgres:17} and {@code apache/kafka:3.9.1}, started by
 * Testcontainers ({@link ContainerInfrastructure}); the contexts see no difference.
 *
 * <p>It also quiets the broker's own INFO logging, as a lowest-priority default that {@code logging.level.*} in
 * {@code application.yaml} overrides.
 */
public class EmbeddedInfrastructureEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** After config data and after {@link EmbeddedInfrastructureGuard}. */
    public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 100;

    /** Name of the property source that points the application at the embedded servers. */
    public static final String PROPERTY_SOURCE = "zoningEmbeddedInfrastructure";

    /**
     * {@code zoning.embedded.join-database}: the name of an existing database on the embedded server for this context
     * to use as it is (neither created nor emptied), overriding {@code database-per-context}; for tests that run
     * several hub instances on one database.
     */
    public static final String JOIN_DATABASE = "zoning.embedded.join-database";

    private static final String LOG_LEVELS_PROPERTY_SOURCE = "zoningEmbeddedInfrastructureLogLevels";

    private static final Object LOCK = new Object();
    private static SharedInfrastructure infrastructure;
    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    private final Log log;

    /** Boot passes a deferred log factory: logging is not initialised yet, the lines appear once it is. */
    public EmbeddedInfrastructureEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedInfrastructureEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty(EmbeddedInfrastructureSettings.ENABLED, Boolean.class, false)) {
            return;
        }
        EmbeddedInfrastructureSettings settings = EmbeddedInfrastructureSettings.from(environment);
        SharedInfrastructure infra = startOnce(settings);
        String join = environment.getProperty(JOIN_DATABASE);
        String database = join != null && !join.isBlank()
                ? join.trim()
                : settings.databasePerContext()
                        ? freshDatabase(infra)
                        : infra.settings().postgresDatabase();

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", infra.jdbcUrl(database));
        properties.put("spring.datasource.username", infra.username());
        properties.put("spring.datasource.password", infra.password());
        if (environment.getProperty(EmbeddedInfrastructureSettings.KAFKA_ENABLED, Boolean.class, true)) {
            properties.put("spring.kafka.bootstrap-servers", infra.bootstrapServers());
            properties.put("camel.component.kafka.brokers", infra.bootstrapServers());
        }
        environment.getPropertySources().remove(PROPERTY_SOURCE);
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));

        if (!environment.getPropertySources().contains(LOG_LEVELS_PROPERTY_SOURCE)) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(LOG_LEVELS_PROPERTY_SOURCE, brokerLogLevels()));
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The embedded servers of this JVM, if started (null when the tests run against containers). */
    static EmbeddedInfrastructure running() {
        synchronized (LOCK) {
            return infrastructure instanceof EmbeddedInfrastructure embedded ? embedded : null;
        }
    }

    private SharedInfrastructure startOnce(EmbeddedInfrastructureSettings settings) {
        synchronized (LOCK) {
            if (infrastructure == null) {
                infrastructure = SharedInfrastructure.containers()
                        ? ContainerInfrastructure.start(settings, log)
                        : EmbeddedInfrastructure.start(settings, log);
            } else if (!infrastructure.settings().equals(settings)) {
                log.info("Embedded infrastructure already running for this JVM; settings of this context ignored: "
                        + settings);
            }
            return infrastructure;
        }
    }

    private String freshDatabase(SharedInfrastructure infra) {
        String database = "zoning_ctx_" + CONTEXTS.incrementAndGet();
        try {
            infra.recreateDatabase(database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " on the embedded PostgreSQL", e);
        }
        log.info("Database for this Spring context: " + infra.jdbcUrl(database));
        return database;
    }

    /** The in-process broker logs a great deal at INFO; its warnings and errors still show. */
    private static Map<String, Object> brokerLogLevels() {
        Map<String, Object> levels = new LinkedHashMap<>();
        for (String logger : new String[] {
            "kafka",
            "state.change.logger",
            "org.apache.kafka.server",
            "org.apache.kafka.controller",
            "org.apache.kafka.raft",
            "org.apache.kafka.metadata",
            "org.apache.kafka.image",
            "org.apache.kafka.storage",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.queue",
            "org.apache.kafka.snapshot",
            "io.zonky.test"
        }) {
            levels.put("logging.level." + logger, "WARN");
        }
        return levels;
    }
}
