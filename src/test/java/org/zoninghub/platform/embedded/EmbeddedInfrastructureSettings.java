package org.zoninghub.platform.embedded;

import java.nio.file.Path;
import org.springframework.core.env.Environment;

/**
 * The settings of the embedded infrastructure, read from the Spring {@link Environment} (so {@code application.yaml},
 * profiles, {@code --args}, environment variables such as {@code ZONING_EMBEDDED_KAFKA_PORT} and a test's
 * {@code @SpringBootTest(properties = …)} all apply), each with a default that works on a laptop with nothing
 * installed.
 *
 * @param dataDir {@code zoning.embedded.data-dir} (default {@code var}): PostgreSQL data in {@code {data-dir}/postgres}
 *     (server log in {@code {data-dir}/postgres.log}), Kafka logs in {@code {data-dir}/kafka}; kept across restarts,
 *     deleting it starts afresh
 * @param temporaryDataDir {@code zoning.embedded.temporary-data-dir} (default false): for tests; ignore
 *     {@code data-dir} and use a fresh temporary directory that is deleted when the JVM exits
 * @param postgresPort {@code zoning.embedded.postgres.port} (default 15432; 0 picks a free port)
 * @param postgresDatabase {@code zoning.embedded.postgres.database} (default {@code zoning}); created when missing
 * @param databasePerContext {@code zoning.embedded.database-per-context} (default false): each Spring context gets its
 *     own freshly created database {@code zoning_ctx_N} on the shared server instead of {@code postgres.database}
 * @param kafkaPort {@code zoning.embedded.kafka.port} (default 9092; 0 picks a free port)
 * @param kafkaPartitions {@code zoning.embedded.kafka.partitions} (default 3): partitions of auto-created topics
 */
public record EmbeddedInfrastructureSettings(
        Path dataDir,
        boolean temporaryDataDir,
        int postgresPort,
        String postgresDatabase,
        boolean databasePerContext,
        int kafkaPort,
        int kafkaPartitions) {

    public static final String PREFIX = "zoning.embedded.";
    public static final String ENABLED = PREFIX + "enabled";
    public static final String DATA_DIR = PREFIX + "data-dir";
    public static final String TEMPORARY_DATA_DIR = PREFIX + "temporary-data-dir";
    public static final String POSTGRES_PORT = PREFIX + "postgres.port";
    public static final String POSTGRES_DATABASE = PREFIX + "postgres.database";
    public static final String DATABASE_PER_CONTEXT = PREFIX + "database-per-context";
    public static final String KAFKA_PORT = PREFIX + "kafka.port";
    /**
     * {@code zoning.embedded.kafka.enabled} (default true): false leaves {@code spring.kafka.bootstrap-servers} and
     * {@code camel.component.kafka.brokers} to the context's own configuration (the shared broker still runs for the
     * other contexts of the JVM).
     */
    public static final String KAFKA_ENABLED = PREFIX + "kafka.enabled";

    public static final String KAFKA_PARTITIONS = PREFIX + "kafka.partitions";

    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final int DEFAULT_KAFKA_PORT = 9092;

    public EmbeddedInfrastructureSettings {
        checkPort(postgresPort, POSTGRES_PORT);
        checkPort(kafkaPort, KAFKA_PORT);
        if (kafkaPartitions < 1) {
            throw new IllegalArgumentException(KAFKA_PARTITIONS + " must be at least 1, was " + kafkaPartitions);
        }
        if (!postgresDatabase.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException(
                    POSTGRES_DATABASE + " must be a lower-case SQL identifier, was '" + postgresDatabase + "'");
        }
    }

    /** Reads the settings; absent keys take their defaults. */
    public static EmbeddedInfrastructureSettings from(Environment environment) {
        return new EmbeddedInfrastructureSettings(
                Path.of(environment.getProperty(DATA_DIR, "var")),
                environment.getProperty(TEMPORARY_DATA_DIR, Boolean.class, false),
                environment.getProperty(POSTGRES_PORT, Integer.class, DEFAULT_POSTGRES_PORT),
                environment.getProperty(POSTGRES_DATABASE, "zoning"),
                environment.getProperty(DATABASE_PER_CONTEXT, Boolean.class, false),
                environment.getProperty(KAFKA_PORT, Integer.class, DEFAULT_KAFKA_PORT),
                environment.getProperty(KAFKA_PARTITIONS, Integer.class, 3));
    }

    /** Defaults everywhere, for code that starts the infrastructure without Spring. */
    public static EmbeddedInfrastructureSettings defaults() {
        return new EmbeddedInfrastructureSettings(
                Path.of("var"), false, DEFAULT_POSTGRES_PORT, "zoning", false, DEFAULT_KAFKA_PORT, 3);
    }

    public EmbeddedInfrastructureSettings withDataDir(Path dir) {
        return new EmbeddedInfrastructureSettings(
                dir, false, postgresPort, postgresDatabase, databasePerContext, kafkaPort, kafkaPartitions);
    }

    public EmbeddedInfrastructureSettings withPorts(int postgres, int kafka) {
        return new EmbeddedInfrastructureSettings(
                dataDir, temporaryDataDir, postgres, postgresDatabase, databasePerContext, kafka, kafkaPartitions);
    }

    /** The environment variable that sets a property by relaxed binding, for messages. */
    static String envVar(String property) {
        return property.toUpperCase().replace('.', '_').replace("-", "");
    }

    private static void checkPort(int port, String property) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(property + " must be between 0 and 65535, was " + port);
        }
    }
}
