package org.zoninghub.api.compliance;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.zoninghub.store.Announcements;
import org.zoninghub.store.ZoningInForce;

/**
 * The index of the units in force, kept current, and indexes of past instants on demand.
 *
 * <p><b>Current.</b> One immutable {@link ComplianceSnapshot} behind a volatile reference: a check reads the
 * reference once and works on that snapshot to the end, and a new snapshot replaces it whole, so a reader never
 * sees half a change. It is rebuilt, on one background thread, when
 *
 * <ul>
 *   <li>a change applied by this instance commits (this bean follows {@link Announcements}: every applied change
 *       announces its events in its transaction, and the rebuild is queued after that transaction commits);
 *   <li>the store's watermark (counts and latest recording time of unit and rule versions and editions, one cheap
 *       query every {@code zoning.compliance.refresh-interval}) differs from the snapshot's: a change applied by
 *       another hub instance on the same database;
 *   <li>the instant arrives at which a recorded version or edition takes effect (an edition published ahead of its
 *       date); a check at or after that instant does not wait for the poll but rebuilds first.
 * </ul>
 *
 * <p><b>As of a past instant.</b> The state in force at {@code t} is fixed by the watermark and by the last instant
 * not after {@code t} at which anything took or ended effect ({@link ZoningInForce#lastChange}); a check as of
 * {@code t} asks the store for both (two small queries), answers from the current snapshot when they match it, and
 * otherwise from an index of the versions in force at {@code t}, built from history and kept in a small LRU cache
 * ({@code zoning.compliance.as-of-cache-size}) under that pair, so that every instant between the same two changes
 * shares one index.
 */
@Component
class ComplianceIndex implements SmartLifecycle, Announcements.Follower {

    private static final Logger log = LoggerFactory.getLogger(ComplianceIndex.class);
    /** How long stopping the hub waits for a build in progress to end. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private record Key(ZoningInForce.Watermark watermark, OffsetDateTime lastChange) {}

    private final ZoningInForce store;
    private final ComplianceProperties properties;
    private final Object buildLock = new Object();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final Map<Key, ComplianceSnapshot> past;
    private volatile ComplianceSnapshot current;
    private volatile ScheduledExecutorService refresher;

    ComplianceIndex(ZoningInForce store, ComplianceProperties properties) {
        this.store = store;
        this.properties = properties;
        int size = properties.asOfCacheSize();
        this.past = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, ComplianceSnapshot> eldest) {
                return size() > size;
            }
        };
    }

    /** The snapshot in force now; built first if there is none yet or a recorded change has taken effect since. */
    ComplianceSnapshot current() {
        ComplianceSnapshot snapshot = current;
        if (snapshot != null && snapshot.holdsAt(now())) {
            return snapshot;
        }
        synchronized (buildLock) {
            snapshot = current;
            if (snapshot == null || !snapshot.holdsAt(now())) {
                snapshot = rebuild();
            }
            return snapshot;
        }
    }

    /** The snapshot of the zoning in force at {@code t}: the current one when nothing differs, else from history. */
    ComplianceSnapshot asOf(OffsetDateTime t) {
        ComplianceSnapshot now = current();
        ZoningInForce.Watermark watermark = store.watermark();
        OffsetDateTime last = store.lastChange(t).orElse(null);
        if (now.state().watermark().equals(watermark)
                && Objects.equals(now.state().lastChange(), last)) {
            return now;
        }
        Key key = new Key(watermark, last);
        synchronized (past) {
            ComplianceSnapshot cached = past.get(key);
            if (cached != null) {
                return cached;
            }
            ComplianceSnapshot built = ComplianceSnapshot.read(store, t);
            past.put(new Key(built.state().watermark(), built.state().lastChange()), built);
            return built;
        }
    }

    /** Queues a rebuild on the background thread (coalesced: one queued rebuild at most). */
    void refreshSoon() {
        ScheduledExecutorService executor = refresher;
        if (executor != null && refreshQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                refreshQueued.set(false);
                refreshIfChanged(true);
            });
        }
    }

    /** Every batch of announced events: rebuild once the transaction that applied the change has committed. */
    @Override
    public void announced(List<Announcements.Announced> events) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(ComplianceIndex.this);
                if (status == STATUS_COMMITTED) {
                    refreshSoon();
                }
            }
        });
    }

    private void refreshIfChanged(boolean force) {
        try {
            ComplianceSnapshot snapshot = current;
            if (!force
                    && snapshot != null
                    && snapshot.holdsAt(now())
                    && snapshot.state().watermark().equals(store.watermark())) {
                return;
            }
            synchronized (buildLock) {
                rebuild();
            }
        } catch (CancellationException e) {
            log.debug("compliance index: a build was stopped, the hub stops");
        } catch (RuntimeException e) {
            log.warn("compliance index: refresh failed, the previous index stays in use: {}", e.toString());
        }
    }

    private ComplianceSnapshot rebuild() {
        long started = System.nanoTime();
        ComplianceSnapshot snapshot = ComplianceSnapshot.read(store, now());
        current = snapshot;
        log.info(
                "compliance index: {} units, {} rules of edition {} in force, built in {} ms",
                snapshot.index().size(),
                snapshot.ruleCount(),
                snapshot.edition(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return snapshot;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "compliance-index");
            t.setDaemon(true);
            return t;
        });
        long interval = properties.refreshInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> refreshIfChanged(false), 0, interval, TimeUnit.MILLISECONDS);
        refresher = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = refresher;
        refresher = null;
        if (executor != null) {
            // a build in progress is interrupted and ends at its next row: it must not read on while the database's
            // connections are closed after this stop
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    log.warn("compliance index: a build did not stop within {}", STOP_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }
}
