package org.zoninghub.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.zoninghub.store.ApiKeyLookup;
import org.zoninghub.store.Credentials;
import org.zoninghub.store.Credentials.Active;
import org.zoninghub.store.Credentials.Credential;

/**
 * The active department credentials in memory, so that a request with {@code X-Api-Key} (or a department's HTTP
 * Basic) costs a SHA-256 and a map look-up instead of a database read (README "Access").
 *
 * <ul>
 *   <li>A creation, rotation or revocation made by this instance ({@link Credentials#changes()}) drops the copy: the
 *       next request reads the table again, so a revoked or rotated key is refused from the next request on, as
 *       when every request read the table.
 *   <li>A change made by another instance on the same database is seen within
 *       {@code zoning.security.credential-refresh}: a background thread reads the table twice per period, and a
 *       request that finds the copy older than the period (read started longer ago) reads the table itself before
 *       answering. So a key revoked anywhere is refused at most that long after the revocation committed.
 *   <li>The time a credential was last used is written in the background, at most once a minute per credential
 *       and instance ({@link Credentials#touch}, which also keeps once a minute in the database).
 * </ul>
 */
@Component
class DepartmentKeys implements SmartLifecycle, ApiKeyLookup {

    private static final Logger log = LoggerFactory.getLogger(DepartmentKeys.class);
    private static final long TOUCH_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** One reading of the table: the change count it was current for, and when the read began. */
    private record Copy(
            long changes, long readAtNanos, Map<String, List<Active>> byPrefix, Map<String, List<Active>> byUsername) {}

    private final Credentials credentials;
    private final long maxAgeNanos;
    private final Duration refresh;
    private final Map<UUID, Long> touched = new ConcurrentHashMap<>();
    private volatile Copy copy;
    private volatile ScheduledExecutorService background;

    DepartmentKeys(Credentials credentials, SecurityProperties properties) {
        this.credentials = credentials;
        this.refresh = properties.credentialRefresh();
        this.maxAgeNanos = refresh.toNanos();
    }

    /** The active credential whose key this is, or empty. */
    @Override
    public Optional<Credential> byKey(String key) {
        return Credentials.matchKey(current().byPrefix(), key);
    }

    /** The active credential with this username whose key is the given password (HTTP Basic), or empty. */
    Optional<Credential> byPassword(String username, String password) {
        if (username == null) {
            return Optional.empty();
        }
        return Credentials.matchPassword(current().byUsername().getOrDefault(username, List.of()), password);
    }

    /** Notes that a credential was used; written in the background, at most once a minute from this instance. */
    @Override
    public void used(UUID id) {
        long now = System.nanoTime();
        Long last = touched.get(id);
        if (last != null && now - last < TOUCH_EVERY_NANOS) {
            return;
        }
        touched.put(id, now);
        ScheduledExecutorService executor = background;
        if (executor == null) {
            touch(id);
            return;
        }
        try {
            executor.execute(() -> touch(id));
        } catch (RejectedExecutionException e) {
            touch(id);
        }
    }

    private void touch(UUID id) {
        try {
            credentials.touch(id);
        } catch (RuntimeException e) {
            touched.remove(id);
            log.warn("department credentials: the last use of {} could not be recorded: {}", id, e.toString());
        }
    }

    private Copy current() {
        Copy c = copy;
        if (c != null && c.changes() == credentials.changes() && System.nanoTime() - c.readAtNanos() < maxAgeNanos) {
            return c;
        }
        return read();
    }

    /**
     * Reads the table. The change count and the time are taken before the read, so a copy is never counted newer
     * than it is; a copy is kept only if no newer one was kept meanwhile.
     */
    private Copy read() {
        long changes = credentials.changes();
        long at = System.nanoTime();
        Map<String, List<Active>> byPrefix = new HashMap<>();
        Map<String, List<Active>> byUsername = new HashMap<>();
        for (Active a : credentials.active()) {
            byPrefix.computeIfAbsent(a.credential().keyPrefix(), k -> new ArrayList<>(1))
                    .add(a);
            byUsername
                    .computeIfAbsent(a.credential().username(), k -> new ArrayList<>(1))
                    .add(a);
        }
        Copy fresh = new Copy(changes, at, Map.copyOf(byPrefix), Map.copyOf(byUsername));
        synchronized (this) {
            Copy kept = copy;
            if (kept == null
                    || kept.changes() < fresh.changes()
                    || (kept.changes() == fresh.changes() && kept.readAtNanos() - fresh.readAtNanos() < 0)) {
                copy = fresh;
            }
        }
        return fresh;
    }

    private void refresh() {
        try {
            read();
        } catch (RuntimeException e) {
            log.warn("department credentials: the table could not be read: {}", e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "department-keys");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, refresh.toMillis() / 2);
        executor.scheduleWithFixedDelay(this::refresh, 0, period, TimeUnit.MILLISECONDS);
        background = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = background;
        background = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return background != null;
    }
}
