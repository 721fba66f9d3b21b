package org.zoninghub.publish;

import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Makes the outbox relay run on one hub instance at a time: a session-level PostgreSQL advisory lock, taken on a
 * connection of its own (outside the pool) and kept for as long as that connection lives.
 *
 * <p>Why a lock rather than per-key claiming with {@code FOR UPDATE SKIP LOCKED}: with skip-locked claiming two
 * instances would send different rows of the same key in parallel, and a later row could reach the broker before an
 * earlier one that the other instance is still sending; keeping per-key order would then need key-partitioned
 * claiming and a wait on the predecessor. One active relay sending in {@code position} order keeps order trivially,
 * and one relay already sends far more events than the hub produces (see {@code bench/README.md}).
 *
 * <p>Failover needs no timeout: PostgreSQL releases a session lock the moment the session ends, whether the holder
 * shut down, was killed ({@code kill -9} closes its sockets) or lost its connection (detected by TCP keepalive on the
 * server). The relay calls {@link #holdOrAcquire} before every batch; it checks that the connection is still alive
 * and otherwise reconnects and competes for the lock again, so a holder whose session was cut stops sending at its
 * next batch.
 */
@Component
public class RelayLock {

    /** The lock's key: "zoning" in ASCII followed by 0001, the relay. Other hub locks would use other suffixes. */
    public static final long KEY = 0x7A6F6E696E670001L;

    private static final Logger log = LoggerFactory.getLogger(RelayLock.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private final DataSourceProperties dataSource;
    private Connection connection;
    private boolean held;
    private boolean unreachableLogged;

    public RelayLock(DataSourceProperties dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Whether this instance holds the lock now, taking it when free. Cheap while held (one round trip to confirm
     * the session is alive); never blocks on another holder.
     */
    public synchronized boolean holdOrAcquire() {
        try {
            if (connection != null && !connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                lost("its database session ended");
            }
            if (connection == null) {
                connection = connect(dataSource, "zoning-hub outbox relay lock");
            }
            if (!held) {
                held = tryLock();
                if (held) {
                    log.info("This instance now runs the outbox relay (PostgreSQL advisory lock {} taken)", KEY);
                }
            }
            unreachableLogged = false;
            return held;
        } catch (SQLException e) {
            if (!unreachableLogged) {
                log.warn("Outbox relay lock: database unreachable ({}); retrying every round", e.getMessage());
                unreachableLogged = true;
            }
            lost("the database is unreachable");
            return false;
        }
    }

    /** Whether this instance held the lock at its last check. */
    public synchronized boolean isHeld() {
        return held;
    }

    /**
     * Releases the lock, so that another instance takes over at once: unlocked explicitly first (closing the session
     * alone frees it only when the server's backend has exited, a moment after the close returns), then the session
     * is closed.
     */
    @PreDestroy
    public synchronized void release() {
        if (connection != null) {
            if (held) {
                try (PreparedStatement s = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                    s.setLong(1, KEY);
                    s.execute();
                } catch (SQLException e) {
                    // the session is broken: closing it below frees the lock on the server
                }
            }
            closeQuietly();
            if (held) {
                log.info("Outbox relay lock released");
            }
            held = false;
        }
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            s.setLong(1, KEY);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** A session of its own, outside the pool, named in {@code pg_stat_activity}; TCP keepalive finds a dead peer. */
    static Connection connect(DataSourceProperties dataSource, String applicationName) throws SQLException {
        Properties p = new Properties();
        String user = dataSource.determineUsername();
        String password = dataSource.determinePassword();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(dataSource.determineUrl(), p);
    }

    private void lost(String reason) {
        if (held) {
            log.warn("This instance stopped running the outbox relay: {}", reason);
        }
        held = false;
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the session is gone either way, and with it the lock
            }
            connection = null;
        }
    }
}
