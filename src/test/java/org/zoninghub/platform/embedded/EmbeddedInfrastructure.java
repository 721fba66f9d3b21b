package org.zoninghub.platform.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.springframework.util.FileSystemUtils;
import org.zoninghub.platform.EmbeddedInfrastructureFailureAnalyzer.EmbeddedInfrastructureException;

/**
 * The real PostgreSQL server and Kafka broker of the zero-setup run and of the integration tests, started together and
 * stopped together: Kafka first, then PostgreSQL.
 *
 * <p>Usually started once per JVM by {@link EmbeddedInfrastructureEnvironmentPostProcessor}; tests that need to stop
 * and start it (restart, port conflicts) use {@link #start} and {@link #close} directly.
 *
 * <p>Start order: prepare the PostgreSQL data directory (it may still be served by a postmaster that a killed JVM left
 * behind, which holds the port), check that fixed ports are free (failing with a message that names the setting),
 * choose free ports for those set to 0, then start PostgreSQL and Kafka in parallel. A JVM shutdown hook stops both if
 * {@link #close} was not called; it first lets Spring Boot's own shutdown hook close the application contexts, so the
 * application never loses its database or broker while it is still shutting down.
 */
public final class EmbeddedInfrastructure implements SharedInfrastructure, AutoCloseable {

    /** Name of the thread Spring Boot runs its shutdown hook in (closes the contexts, then the shutdown handlers). */
    private static final String SPRING_SHUTDOWN_HOOK_THREAD = "SpringApplicationShutdownHook";

    private final EmbeddedInfrastructureSettings settings;
    private final Path dataDir;
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaServer kafka;
    private final Log log;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedInfrastructure(
            EmbeddedInfrastructureSettings settings,
            Path dataDir,
            EmbeddedPostgresServer postgres,
            EmbeddedKafkaServer kafka,
            Log log) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.log = log;
        this.shutdownHook = new Thread(this::stopAtJvmExit, "zoning-embedded-infrastructure-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts PostgreSQL and Kafka as the settings say and logs one line for each: where it listens.
     *
     * @param log where the start-up lines go (a deferred log while Spring Boot's logging is not initialised yet)
     * @throws EmbeddedInfrastructureException when a port is taken or a server cannot start; its message says what to
     *     do
     */
    public static EmbeddedInfrastructure start(EmbeddedInfrastructureSettings settings, Log log) {
        long started = System.nanoTime();
        Path dataDir;
        try {
            dataDir = settings.temporaryDataDir()
                    ? Files.createTempDirectory("zoning-embedded-")
                    : Files.createDirectories(settings.dataDir())
                            .toAbsolutePath()
                            .normalize();
            EmbeddedPostgresServer.prepareDataDirectory(dataDir.resolve("postgres"), log);
        } catch (IOException e) {
            throw new EmbeddedInfrastructureException(
                    "The embedded infrastructure cannot use its data directory " + settings.dataDir() + " ("
                            + e.getMessage() + ")",
                    "set " + EmbeddedInfrastructureSettings.DATA_DIR + " (env "
                            + EmbeddedInfrastructureSettings.envVar(EmbeddedInfrastructureSettings.DATA_DIR)
                            + ") to a writable directory",
                    e);
        }
        int postgresPort = resolvePort(
                settings.postgresPort(), "embedded PostgreSQL", EmbeddedInfrastructureSettings.POSTGRES_PORT);
        int kafkaPort =
                resolvePort(settings.kafkaPort(), "embedded Kafka broker", EmbeddedInfrastructureSettings.KAFKA_PORT);
        int controllerPort = freePort();

        CompletableFuture<EmbeddedPostgresServer> postgresStart = CompletableFuture.supplyAsync(() ->
                EmbeddedPostgresServer.start(dataDir.resolve("postgres"), postgresPort, !settings.temporaryDataDir()));
        EmbeddedKafkaServer kafka;
        try {
            kafka = EmbeddedKafkaServer.start(
                    dataDir.resolve("kafka"), kafkaPort, controllerPort, settings.kafkaPartitions());
        } catch (Exception e) {
            postgresStart.thenAccept(EmbeddedPostgresServer::close);
            throw new EmbeddedInfrastructureException(
                    "The embedded Kafka broker did not start on port " + kafkaPort + " with logs in "
                            + dataDir.resolve("kafka") + " (" + e + ")",
                    "to start afresh, stop the hub and delete " + dataDir,
                    e);
        }
        log.info(String.format(
                Locale.ROOT,
                "Kafka at %s (KRaft, cluster %s, %s %s)",
                kafka.bootstrapServers(),
                kafka.clusterId(),
                kafka.formatted() ? "new log directory" : "logs reused from",
                dataDir.resolve("kafka")));
        EmbeddedPostgresServer postgres;
        try {
            postgres = postgresStart.join();
            postgres.ensureDatabase(settings.postgresDatabase());
        } catch (CompletionException | SQLException e) {
            kafka.close();
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            if (cause instanceof EmbeddedInfrastructureException failure) {
                throw failure;
            }
            throw new IllegalStateException("The embedded PostgreSQL did not start", cause);
        }
        log.info(String.format(
                Locale.ROOT,
                "PostgreSQL %s at %s (user %s, data in %s)",
                postgres.version(),
                postgres.jdbcUrl(settings.postgresDatabase()),
                EmbeddedPostgresServer.USER,
                postgres.dataDir()));
        log.info(String.format(
                Locale.ROOT, "Embedded infrastructure ready in %.1f s", (System.nanoTime() - started) / 1e9));
        return new EmbeddedInfrastructure(settings, dataDir, postgres, kafka, log);
    }

    @Override
    public EmbeddedInfrastructureSettings settings() {
        return settings;
    }

    /** The directory that holds {@code postgres/} and {@code kafka/} (a temporary one if the settings ask for it). */
    public Path dataDir() {
        return dataDir;
    }

    public int postgresPort() {
        return postgres.port();
    }

    public int kafkaPort() {
        return kafka.port();
    }

    /** E.g. {@code localhost:9092}. */
    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The JDBC URL of a database on the server, e.g. {@code jdbc:postgresql://localhost:15432/zoning}. */
    @Override
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** The JDBC URL of the configured database ({@code zoning.embedded.postgres.database}). */
    public String jdbcUrl() {
        return jdbcUrl(settings.postgresDatabase());
    }

    @Override
    public String username() {
        return EmbeddedPostgresServer.USER;
    }

    /** Any password works (the server trusts local connections); Spring gets this one so the property is set. */
    @Override
    public String password() {
        return EmbeddedPostgresServer.PASSWORD;
    }

    public Connection connect(String database) throws SQLException {
        return postgres.connect(database);
    }

    /** Drops the database if it exists and creates it empty, e.g. for a Spring context that wants its own. */
    @Override
    public void recreateDatabase(String database) throws SQLException {
        postgres.recreateDatabase(database);
    }

    /** Stops Kafka, then PostgreSQL; deletes a temporary data directory. Idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }

    private void stop() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            kafka.close();
        } finally {
            postgres.close();
            if (settings.temporaryDataDir()) {
                try {
                    FileSystemUtils.deleteRecursively(dataDir);
                } catch (IOException e) {
                    log.warn("Could not delete the temporary data directory " + dataDir + ": " + e);
                }
            }
        }
    }

    /** The shutdown hook: waits (up to 2 minutes) until Spring Boot has closed the contexts, then stops. */
    private void stopAtJvmExit() {
        try {
            Thread springHook = findSpringShutdownHook();
            if (springHook != null) {
                springHook.join(TimeUnit.MINUTES.toMillis(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
    }

    /** JVM shutdown hooks start together; give Spring Boot's a moment to appear among the live threads. */
    private static Thread findSpringShutdownHook() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        do {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (SPRING_SHUTDOWN_HOOK_THREAD.equals(thread.getName())) {
                    return thread;
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return null;
    }

    /** The configured port if it is free, a free one for 0; otherwise fails naming the port and the setting. */
    private static int resolvePort(int port, String service, String property) {
        if (port == 0) {
            return freePort();
        }
        if (!isFree(port)) {
            throw new EmbeddedInfrastructureException(
                    "Port " + port + " for the " + service + " is already in use",
                    "set " + property + " (env " + EmbeddedInfrastructureSettings.envVar(property)
                            + ") to a free port, or 0 for a random one");
        }
        return port;
    }

    /**
     * Whether nothing listens on the port on any local address: binding the wildcard address fails if anything
     * listens on the port, whichever address it bound.
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free local port", e);
        }
    }
}
