package org.zoninghub.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hub's Camel routes as administrators see and steer them (a port; Camel lives in {@code admin.camel}).
 */
public interface RouteControl {

    /** What an administrator may ask of a route. */
    enum Action {
        START,
        STOP,
        SUSPEND,
        RESUME
    }

    /**
     * A route with the figures of Camel's own management.
     *
     * @param id the route id ({@code sync.inbox})
     * @param status Camel's status: {@code Started}, {@code Suspended}, {@code Stopped}, {@code Starting} …
     * @param uptimeMillis how long it has been started (0 when not)
     * @param exchangesTotal exchanges completed or failed since start
     * @param exchangesFailed exchanges that failed, handled by the shared error handler or not
     * @param exchangesInflight exchanges in progress now
     * @param meanProcessingMillis mean processing time of an exchange
     * @param maxProcessingMillis longest processing time of an exchange
     * @param lastFailure the latest failure (an exchange's or the route's own start/stop error), or null
     * @param holdsSyncLock whether the route is doing work that holds the sync lock now (it may then be neither
     *     stopped nor suspended)
     * @param supervising the supervising route controller's restarts of this route, or null when it is not
     *     restarting it
     * @param description the route's description, or null
     */
    record RouteView(
            String id,
            String status,
            long uptimeMillis,
            long exchangesTotal,
            long exchangesFailed,
            long exchangesInflight,
            long meanProcessingMillis,
            long maxProcessingMillis,
            Failure lastFailure,
            boolean holdsSyncLock,
            Supervising supervising,
            String description) {}

    /** A failure: when, and its message (shortened). */
    record Failure(Instant at, String message) {}

    /**
     * A route the supervising route controller restarts with back-off.
     *
     * @param status {@code Active} while it keeps trying, {@code Exhausted} when it gave up
     * @param attempts restarts attempted so far
     * @param lastError why the last start failed, or null
     * @param nextAttemptAt when it tries again, or null
     */
    record Supervising(String status, long attempts, String lastError, Instant nextAttemptAt) {}

    List<RouteView> routes();

    Optional<RouteView> route(String id);

    /**
     * Carries out the action and returns the route afterwards.
     *
     * @throws java.util.NoSuchElementException when there is no such route
     * @throws IllegalStateException when the action is refused (the route holds the sync lock), with the reason
     */
    RouteView apply(String id, Action action);
}
