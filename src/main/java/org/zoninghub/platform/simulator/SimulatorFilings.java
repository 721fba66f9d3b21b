package org.zoninghub.platform.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated province's review of filings (备案). A filing is RECEIVED when submitted, UNDER_REVIEW at the next
 * status request, and decided at the one after: FILED, unless a decision was queued for it (e.g. RETURNED with the
 * reviewer's comment), which is how tests and demos play a returned filing.
 */
public class SimulatorFilings {

    public enum Status {
        RECEIVED,
        UNDER_REVIEW,
        FILED,
        RETURNED
    }

    /** A decision the reviewer will take: the final status and the comment given with it. */
    public record Decision(Status status, String comment) {}

    /** A filing as the province keeps it. */
    public record Filing(String filingId, JsonNode submission, Status status, String comment) {}

    private final Map<String, Filing> filings = new LinkedHashMap<>();
    private final Deque<Decision> queued = new ArrayDeque<>();
    private final Map<String, Decision> decisions = new LinkedHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();

    /** The decision for the next submitted filing (FIFO); without one a filing is FILED. */
    public synchronized void decideNext(Status status, String comment) {
        queued.addLast(new Decision(status, comment));
    }

    public synchronized Filing submit(JsonNode submission) {
        String id = "BA-" + submission.path("jurisdictionCode").asText("000000") + "-"
                + String.format("%05d", counter.incrementAndGet());
        Filing filing = new Filing(id, submission.deepCopy(), Status.RECEIVED, null);
        filings.put(id, filing);
        decisions.put(id, queued.isEmpty() ? new Decision(Status.FILED, "准予备案") : queued.removeFirst());
        return filing;
    }

    /** The filing's state, advancing the review one step per request. */
    public synchronized Optional<Filing> poll(String id) {
        Filing f = filings.get(id);
        if (f == null) {
            return Optional.empty();
        }
        Filing next = switch (f.status()) {
            case RECEIVED -> new Filing(id, f.submission(), Status.UNDER_REVIEW, null);
            case UNDER_REVIEW -> {
                Decision d = decisions.get(id);
                yield new Filing(id, f.submission(), d.status(), d.comment());
            }
            default -> f;
        };
        filings.put(id, next);
        return Optional.of(next);
    }

    public synchronized List<Filing> all() {
        return List.copyOf(filings.values());
    }
}
