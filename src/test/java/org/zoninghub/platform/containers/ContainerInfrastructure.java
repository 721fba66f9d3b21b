package org.zoninghub.platform.containers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.apache.commons.logging.Log;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.zoninghub.platform.embedded.EmbeddedInfrastructureSettings;
import org.zoninghub.platform.embedded.SharedInfrastructure;

/**
 * The servers of the integration tests under {@code -Pcontainers}: the images {@code docker/compose.yaml} runs in
 * production, {@code postgres:17} and {@code apache/kafka:3.9.1} (KRaft, plaintext here: {@link KafkaSaslIT} is the
 * test about SASL), started once per JVM by Testcontainers, configured as the embedded broker is (partitions of
 * auto-created topics, 16 MiB messages). Testcontainers removes them when the JVM exits.
 */
public final class ContainerInfrastructure implements SharedInfrastructure {

    public static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17");
    public static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:3.9.1");

    private static final String MAX_MESSAGE_BYTES = Integer.toString(16 * 1024 * 1024);

    private final EmbeddedInfrastructureSettings settings;
    private final PostgreSQLContainer postgres;
    private final KafkaContainer kafka;

    private ContainerInfrastructure(
            EmbeddedInfrastructureSettings settings, PostgreSQLContainer postgres, KafkaContainer kafka) {
        this.settings = settings;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /**
     * Starts both containers.
     *
     * @throws IllegalStateException without a Docker engine ({@link ContainersCondition} skips the tests before that)
     */
    public static ContainerInfrastructure start(EmbeddedInfrastructureSettings settings, Log log) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(ContainersCondition.NO_DOCKER);
        }
        long started = System.nanoTime();
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName(settings.postgresDatabase())
                .withUsername("zoning")
                .withPassword("zoning")
                // every Spring context of a test run has its own pool on this one server
                .withCommand("postgres", "-c", "max_connections=400", "-c", "fsync=off");
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(settings.kafkaPartitions()))
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", MAX_MESSAGE_BYTES)
                .withEnv("KAFKA_REPLICA_FETCH_MAX_BYTES", MAX_MESSAGE_BYTES)
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        Startables.deepStart(postgres, kafka).join();
        ContainerInfrastructure infrastructure = new ContainerInfrastructure(settings, postgres, kafka);
        log.info(String.format(
                Locale.ROOT,
                "Containers ready in %.1f s: %s at %s, %s at %s",
                (System.nanoTime() - started) / 1e9,
                POSTGRES_IMAGE,
                infrastructure.jdbcUrl(settings.postgresDatabase()),
                KAFKA_IMAGE,
                kafka.getBootstrapServers()));
        return infrastructure;
    }

    @Override
    public EmbeddedInfrastructureSettings settings() {
        return settings;
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgres.getHost() + ":"
                + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + database;
    }

    @Override
    public String username() {
        return postgres.getUsername();
    }

    @Override
    public String password() {
        return postgres.getPassword();
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public void recreateDatabase(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("create database " + database);
        }
    }
}
