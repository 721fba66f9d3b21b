package org.zoninghub.publish;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Wakes the outbox relay when a commit appends events, instead of leaving them until the next poll: while this
 * instance holds the {@link RelayLock}, a thread of its own LISTENs on PostgreSQL channel {@value #CHANNEL} (notified
 * by the outbox's insert trigger, V16, once per committing transaction) on a connection of its own, outside the pool,
 * and each notification lets the relay's next {@link #await} return at once.
 *
 * <p>A notification only wakes: it carries nothing, and the round reads the outbox as a poll would. Nothing depends on
 * it arriving: {@link #await} returns after the poll interval anyway, so a lost notification, a listening session
 * that was cut (it is opened again, and the relay woken once to catch up on what it missed) or a database that
 * refuses LISTEN delays events by at most one interval. Only the relay's own thread runs rounds, so waking keeps "one
 * relay at a time" and the order per key.
 */
@Component
public class RelayWakeup {

    /** The PostgreSQL notification channel of the outbox (V16). */
    public static final String CHANNEL = "zoning_outbox";

    /** The {@code application_name} of the listening session, as {@code pg_stat_activity} shows it. */
    public static final String APPLICATION_NAME = "zoning-hub outbox relay wakeup";

    private static final Logger log = LoggerFactory.getLogger(RelayWakeup.class);
    /** How long one wait for notifications lasts before the thread checks the lock and shutdown again. */
    private static final int LISTEN_SLICE_MILLIS = 250;
    /** How long the thread waits before it listens again after a failure. */
    private static final int RETRY_MILLIS = 1000;

    private final DataSourceProperties dataSource;
    private final PublishProperties properties;
    private final RelayLock lock;
    private final Object monitor = new Object();
    private boolean pending;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;
    private Connection connection;
    private boolean failureLogged;

    public RelayWakeup(DataSourceProperties dataSource, PublishProperties properties, RelayLock lock) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.lock = lock;
    }

    @PostConstruct
    void start() {
        if (!properties.relayListen()) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, "outbox-relay-wakeup");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(5).toMillis());
        }
        wake();
    }

    /**
     * Waits until events were committed since the last call, at most {@code max}; returns whether it was woken (false
     * when the time ran out).
     */
    public boolean await(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (monitor) {
            while (!pending) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                monitor.wait(Math.max(1, left / 1_000_000), 0);
            }
            pending = false;
            return true;
        }
    }

    /** Lets the relay's next (or current) {@link #await} return at once. */
    public void wake() {
        synchronized (monitor) {
            pending = true;
            monitor.notifyAll();
        }
    }

    /** Whether this instance listens on the channel now (it does only while it holds the relay lock). */
    public boolean isListening() {
        return listening;
    }

    private void listen() {
        while (running) {
            try {
                if (!lock.isHeld()) {
                    closeQuietly();
                    Thread.sleep(Math.min(properties.relayInterval().toMillis(), LISTEN_SLICE_MILLIS));
                    continue;
                }
                if (connection == null) {
                    connection = RelayLock.connect(dataSource, APPLICATION_NAME);
                    try (Statement s = connection.createStatement()) {
                        s.execute("listen " + CHANNEL);
                    }
                    listening = true;
                    failureLogged = false;
                    log.info("The outbox relay wakes on commit (LISTEN {})", CHANNEL);
                    // events committed before the LISTEN took effect notified no one
                    wake();
                }
                PGNotification[] notifications =
                        connection.unwrap(PGConnection.class).getNotifications(LISTEN_SLICE_MILLIS);
                if (notifications != null && notifications.length > 0) {
                    wake();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (SQLException | RuntimeException e) {
                if (!failureLogged) {
                    log.warn(
                            "Outbox relay wakeup: listening on {} failed ({}); the relay polls every {} meanwhile,"
                                    + " and listening is tried again",
                            CHANNEL,
                            e.getMessage(),
                            properties.relayInterval());
                    failureLogged = true;
                }
                closeQuietly();
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        listening = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the session is gone either way
            }
            connection = null;
        }
    }
}
