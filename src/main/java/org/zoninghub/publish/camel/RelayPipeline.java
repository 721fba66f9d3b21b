package org.zoninghub.publish.camel;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.zoninghub.publish.RelayLock;
import org.zoninghub.store.Outbox;

/**
 * The relay's database side, on a thread of its own so that it overlaps the broker's side: while the route sends
 * batch n, this thread marks batch n-1 sent (the broker acknowledged it) and reads batch n+1. The route itself stays
 * one batch at a time: batch n+1 is sent only once every message of batch n is acknowledged, so a failed batch is
 * still sent again before anything after it, as it always was.
 *
 * <p>The one thread does everything in the order asked, so a batch is read only after the marks asked before it: a
 * read ahead sees every batch before batch n marked and batch n unmarked, and {@link Outbox#unsentAfter} returns rows
 * only when that is exactly what lies at or below batch n's last position. A row that appeared there meanwhile (a
 * transaction that committed after later ones, a replayed dead letter, a mark that failed) empties the read ahead,
 * and the next batch is read from the oldest unsent row, after batch n's mark: per key, nothing is sent before an
 * earlier event.
 *
 * <p>Used by the route's thread only ({@link OutboxRelay}); the database thread runs the tasks it is given.
 */
@Component
class RelayPipeline implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RelayPipeline.class);

    private final Outbox outbox;
    private final RelayLock lock;
    private final ExecutorService database = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "outbox-relay-database");
        thread.setDaemon(true);
        return thread;
    });
    /** The batch read ahead of the one being sent, or null. */
    private Future<List<Outbox.Entry>> ahead;

    RelayPipeline(Outbox outbox, RelayLock lock) {
        this.outbox = outbox;
        this.lock = lock;
    }

    /**
     * The next batch of at most {@code limit} rows: the one read ahead if it holds any (read with the same limit, by
     * {@link #readAhead}), otherwise the oldest unsent rows, read after every mark asked for so far. Empty when there
     * is nothing to send or another instance relays.
     */
    List<Outbox.Entry> next(int limit) throws InterruptedException {
        Future<List<Outbox.Entry>> read = ahead;
        ahead = null;
        if (read != null) {
            try {
                List<Outbox.Entry> rows = read.get();
                if (!rows.isEmpty()) {
                    return rows;
                }
            } catch (ExecutionException e) {
                // read again below, where a failure reaches the route's error handler
                log.debug("relay: reading ahead failed, reading again", e.getCause());
            }
        }
        return await(database.submit(() -> lock.holdOrAcquire() ? outbox.unsent(limit) : List.of()));
    }

    /** Starts reading the batch that follows {@code sending}, while it is sent. */
    void readAhead(List<Outbox.Entry> sending, int limit) {
        long first = sending.get(0).position();
        long after = sending.get(sending.size() - 1).position();
        int inFlight = sending.size();
        ahead = database.submit(
                () -> lock.holdOrAcquire() ? outbox.unsentAfter(first, after, inFlight, limit) : List.of());
    }

    /** Forgets the batch read ahead: after a failed batch the next one is read from the oldest unsent row. */
    void discardAhead() {
        ahead = null;
    }

    /**
     * Marks the rows sent on the database thread and reports how many it marked. A mark that fails leaves the rows
     * unsent: they are sent again (delivery is at least once, consumers dedupe on the event id).
     */
    void markSent(List<Long> positions, IntConsumer marked) {
        database.execute(() -> {
            try {
                marked.accept(outbox.markSent(positions));
            } catch (RuntimeException e) {
                log.warn(
                        "relay: {} acknowledged event(s) could not be marked sent ({}); they are sent again",
                        positions.size(),
                        e.getClass().getSimpleName());
            }
        });
    }

    private static <T> T await(Future<T> task) throws InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Lets the marks asked for finish (for up to 10 s) before the relay lock goes with the context. */
    @Override
    public void destroy() throws InterruptedException {
        database.shutdown();
        if (!database.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("relay: marks still pending at shutdown; their events are sent again by the next relay");
            database.shutdownNow();
        }
    }
}
