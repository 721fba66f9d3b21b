package org.zoninghub.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Repository;

/**
 * One provincial sync at a time across every hub instance that shares the database: a PostgreSQL session-level
 * advisory lock ({@code pg_try_advisory_lock}) held for the whole run on a connection of its own.
 *
 * <p>The connection is opened outside the pool on purpose: a pooled connection returned to the pool would keep its
 * session, and with it the lock. Closing this one ends the session, so the lock is released however the run ends,
 * and PostgreSQL releases it by itself when the process holding it dies (its connection drops). Only the holder
 * creates sync runs and fails runs that a dead process left RUNNING.
 */
@Repository
public class SyncLock {

    /** The advisory lock key of the provincial sync ("ZONING" followed by 1). */
    public static final long PROVINCIAL_SYNC = 0x5A4F4E494E470001L;

    private static final Logger log = LoggerFactory.getLogger(SyncLock.class);

    private final DataSourceProperties dataSource;
    private final java.util.concurrent.atomic.AtomicInteger heldHere = new java.util.concurrent.atomic.AtomicInteger();

    /** Whether this instance holds the lock now (a run, an import, a replay or an activation is in progress here). */
    public boolean isHeldHere() {
        return heldHere.get() > 0;
    }

    public SyncLock(DataSourceProperties dataSource) {
        this.dataSource = dataSource;
    }

    /** The lock when no one else holds it, else empty at once (never waits). */
    public Optional<Lease> tryAcquire() {
        Connection connection = null;
        try {
            Properties props = new Properties();
            if (dataSource.determineUsername() != null) {
                props.setProperty("user", dataSource.determineUsername());
            }
            if (dataSource.determinePassword() != null) {
                props.setProperty("password", dataSource.determinePassword());
            }
            props.setProperty("ApplicationName", "zoning-hub sync lock");
            props.setProperty("tcpKeepAlive", "true");
            connection = DriverManager.getConnection(dataSource.determineUrl(), props);
            try (PreparedStatement s = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                s.setLong(1, PROVINCIAL_SYNC);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        heldHere.incrementAndGet();
                        return Optional.of(new Lease(connection, heldHere));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot take the sync lock: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("closing the sync lock connection: {}", e.getMessage());
            }
        }
    }

    /** The held lock; {@link #close} releases it (and is safe to call twice, from any thread). */
    public static final class Lease implements AutoCloseable {

        private final Connection connection;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicInteger heldHere;

        private Lease(Connection connection, java.util.concurrent.atomic.AtomicInteger heldHere) {
            this.connection = connection;
            this.heldHere = heldHere;
        }

        /**
         * Fails when the lock's session is gone (the database restarted or the connection broke): then another
         * instance may already hold the lock, and the run must not apply anything.
         */
        public void verify() {
            boolean valid;
            try {
                valid = !closed.get() && connection.isValid(5);
            } catch (SQLException e) {
                valid = false;
            }
            if (!valid) {
                throw new IllegalStateException(
                        "the sync lock was lost (its database session ended); nothing was applied");
            }
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            heldHere.decrementAndGet();
            try (PreparedStatement s = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                s.setLong(1, PROVINCIAL_SYNC);
                s.execute();
            } catch (SQLException e) {
                log.debug("releasing the sync lock: {} (closing its session releases it)", e.getMessage());
            } finally {
                closeQuietly(connection);
            }
        }
    }
}
