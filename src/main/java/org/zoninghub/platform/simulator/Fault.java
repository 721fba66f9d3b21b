package org.zoninghub.platform.simulator;

/**
 * A fault the simulated platform injects into its answers, for tests and demonstrations of the hub's resilience.
 *
 * @param kind what goes wrong
 * @param path {@code units} or {@code lists}; null affects both
 * @param page the 1-based page it affects; null affects any page (a {@link Kind#REPEAT_PAGE} any page after the
 *     first)
 * @param times how many requests it affects before it is spent (at least 1)
 * @param latencyMs {@link Kind#LATENCY}: how long the answer is delayed
 * @param status {@link Kind#SERVER_ERROR}: the status answered (500..599, default 503)
 * @param retryAfterSeconds {@link Kind#TOO_MANY_REQUESTS}: the {@code Retry-After} sent (default 1)
 */
public record Fault(
        Kind kind, String path, Integer page, int times, long latencyMs, int status, long retryAfterSeconds) {

    public enum Kind {
        /** The answer comes late (then normally): within the hub's timeout it is only slow, beyond it a timeout. */
        LATENCY,
        /** A 5xx answer with a problem+json body. */
        SERVER_ERROR,
        /** 429 with {@code Retry-After}. */
        TOO_MANY_REQUESTS,
        /** A 200 whose body stops half-way. */
        TRUNCATED,
        /** A 200 whose body is not JSON. */
        INVALID_JSON,
        /** The previous page is served again in place of the one asked for (its records and its next token). */
        REPEAT_PAGE,
        /** The page is served normally, then one unit changes and the snapshot time moves on. */
        CHANGE_BETWEEN_PAGES
    }

    public Fault {
        if (kind == null) {
            throw new IllegalArgumentException("a fault needs a kind");
        }
        if (path != null && !path.equals("units") && !path.equals("lists")) {
            throw new IllegalArgumentException("path must be units or lists, was " + path);
        }
        if (page != null && page < 1) {
            throw new IllegalArgumentException("page is 1-based, was " + page);
        }
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        if (latencyMs < 0 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("latencyMs and retryAfterSeconds cannot be negative");
        }
        if (status == 0) {
            status = 503;
        }
        if (kind == Kind.SERVER_ERROR && (status < 500 || status > 599)) {
            throw new IllegalArgumentException("a SERVER_ERROR status is 500..599, was " + status);
        }
    }

    /** A fault of the kind on one page of one path, once, with default parameters. */
    public static Fault of(Kind kind, String path, Integer page) {
        return new Fault(kind, path, page, 1, 0, 0, kind == Kind.TOO_MANY_REQUESTS ? 1 : 0);
    }

    public Fault times(int n) {
        return new Fault(kind, path, page, n, latencyMs, status, retryAfterSeconds);
    }

    public Fault latencyMs(long ms) {
        return new Fault(kind, path, page, times, ms, status, retryAfterSeconds);
    }

    public Fault retryAfterSeconds(long seconds) {
        return new Fault(kind, path, page, times, latencyMs, status, seconds);
    }

    boolean matches(String requestPath, int requestPage) {
        if (path != null && !path.equals(requestPath)) {
            return false;
        }
        if (page != null) {
            return page == requestPage;
        }
        return kind != Kind.REPEAT_PAGE || requestPage > 1;
    }
}
