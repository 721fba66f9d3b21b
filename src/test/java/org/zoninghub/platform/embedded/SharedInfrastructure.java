package org.zoninghub.platform.embedded;

import java.sql.SQLException;

/**
 * The PostgreSQL server and Kafka broker that every Spring context of a JVM shares: the embedded ones
 * ({@link EmbeddedInfrastructure}), or, under the Maven profile {@code containers}, the production images started by
 * Testcontainers ({@code org.zoninghub.platform.containers.ContainerInfrastructure}).
 */
public interface SharedInfrastructure {

    /**
     * System property that switches the integration tests to the containers: {@code -Dzoning.test.containers=true}
     * (set by {@code -Pcontainers}).
     */
    String CONTAINERS = "zoning.test.containers";

    /** Whether this JVM runs its integration tests against containers. */
    static boolean containers() {
        return Boolean.getBoolean(CONTAINERS);
    }

    EmbeddedInfrastructureSettings settings();

    /** The JDBC URL of a database on the server. */
    String jdbcUrl(String database);

    String username();

    String password();

    /** E.g. {@code localhost:9092}. */
    String bootstrapServers();

    /** Drops the database if it exists and creates it empty. */
    void recreateDatabase(String database) throws SQLException;
}
