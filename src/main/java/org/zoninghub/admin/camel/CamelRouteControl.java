package org.zoninghub.admin.camel;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.api.management.mbean.RouteError;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.RouteController;
import org.apache.camel.spi.SupervisingRouteController;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.util.backoff.BackOffTimer;
import org.springframework.stereotype.Component;
import org.zoninghub.admin.RouteControl;
import org.zoninghub.store.SyncLock;

/**
 * Routes from Camel's own management ({@link ManagedCamelContext}, {@link ManagedRouteMBean}) and its route controller
 * (the {@link SupervisingRouteController} when {@code camel.routecontroller.enabled}). Exchange failures, which the
 * shared error handler handles (so Camel counts them as "failures handled"), are remembered per route with their
 * message by an event notifier.
 *
 * <p>The routes that take the sync lock ({@link #SYNC_LOCK_ROUTES}) may be neither stopped nor suspended while this
 * instance holds the lock and the route has work in flight or queued (a begun provincial run waits in the seda
 * queue of {@code sync.pull-provincial} with the lock already taken: stopping the route would keep the lock until
 * the hub stops).
 */
@Component
class CamelRouteControl extends EventNotifierSupport implements RouteControl {

    static final Set<String> SYNC_LOCK_ROUTES =
            Set.of("sync.pull-provincial", "sync.inbox", "sync.inbox-upload", "sync.edition-activation");

    private static final int MESSAGE_LIMIT = 500;

    private final CamelContext camel;
    private final SyncLock lock;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    CamelRouteControl(CamelContext camel, SyncLock lock) {
        this.camel = camel;
        this.lock = lock;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeFailedEvent
                || event instanceof CamelEvent.ExchangeFailureHandledEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeEvent e) {
            Exchange exchange = e.getExchange();
            String routeId = exchange.getFromRouteId();
            if (routeId == null) {
                return;
            }
            Throwable cause = exchange.getException() != null
                    ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            failures.put(routeId, new Failure(Instant.now(), message(cause)));
        }
    }

    @Override
    public List<RouteView> routes() {
        return camel.getRoutes().stream()
                .map(Route::getRouteId)
                .sorted(Comparator.naturalOrder())
                .map(this::view)
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public Optional<RouteView> route(String id) {
        return view(id);
    }

    @Override
    public RouteView apply(String id, Action action) {
        RouteView before = view(id).orElseThrow(() -> new NoSuchElementException(id));
        if ((action == Action.STOP || action == Action.SUSPEND) && before.holdsSyncLock()) {
            throw new IllegalStateException("route " + id + " holds the sync lock (a sync run, import or activation is"
                    + " in progress or queued on it); " + action.name().toLowerCase()
                    + " it once that work has finished");
        }
        RouteController controller = camel.getRouteController();
        try {
            switch (action) {
                case START -> controller.startRoute(id);
                case STOP -> controller.stopRoute(id);
                case SUSPEND -> controller.suspendRoute(id);
                case RESUME -> {
                    if (controller.getRouteStatus(id) == ServiceStatus.Stopped) {
                        controller.startRoute(id);
                    } else {
                        controller.resumeRoute(id);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Camel could not " + action.name().toLowerCase() + " route " + id + ": " + message(e), e);
        }
        return view(id).orElseThrow(() -> new NoSuchElementException(id));
    }

    private Optional<RouteView> view(String id) {
        Route route = camel.getRoute(id);
        if (route == null) {
            return Optional.empty();
        }
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        ManagedRouteMBean m = managed == null ? null : managed.getManagedRoute(id);
        ServiceStatus status = camel.getRouteController().getRouteStatus(id);
        String statusName = status == null ? "Unknown" : status.name();
        long inflight = m != null
                ? m.getExchangesInflight()
                : camel.getInflightRepository().size(id);
        boolean holdsLock =
                SYNC_LOCK_ROUTES.contains(id) && lock.isHeldHere() && (inflight > 0 || queued(route.getEndpoint()) > 0);
        Failure failure = failures.get(id);
        if (m != null) {
            RouteError error = m.getLastError();
            if (error != null && error.getDate() != null) {
                Instant at = error.getDate().toInstant();
                if (failure == null || at.isAfter(failure.at())) {
                    failure = new Failure(at, error.getPhase() + ": " + message(error.getException()));
                }
            }
        }
        return Optional.of(new RouteView(
                id,
                statusName,
                m != null ? m.getUptimeMillis() : route.getUptimeMillis(),
                m != null ? m.getExchangesTotal() : 0,
                m != null ? m.getExchangesFailed() + m.getFailuresHandled() : 0,
                inflight,
                m != null ? m.getMeanProcessingTime() : 0,
                m != null ? m.getMaxProcessingTime() : 0,
                failure,
                holdsLock,
                supervising(id),
                route.getDescription()));
    }

    private Supervising supervising(String id) {
        if (!(camel.getRouteController() instanceof SupervisingRouteController src)) {
            return null;
        }
        BackOffTimer.Task task = src.getRestartingRouteState(id);
        Throwable error = src.getRestartException(id);
        if (task == null && error == null) {
            return null;
        }
        boolean exhausted =
                src.getExhaustedRoutes().stream().anyMatch(r -> r.getRouteId().equals(id));
        return new Supervising(
                exhausted ? "Exhausted" : "Active",
                task == null ? 0 : task.getCurrentAttempts(),
                error == null ? null : message(error),
                task == null || task.getNextAttemptTime() <= 0
                        ? null
                        : Instant.ofEpochMilli(task.getNextAttemptTime()));
    }

    private static int queued(Endpoint endpoint) {
        return endpoint instanceof SedaEndpoint seda ? seda.getCurrentQueueSize() : 0;
    }

    private static String message(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.length() <= MESSAGE_LIMIT ? m : m.substring(0, MESSAGE_LIMIT) + "…";
    }
}
