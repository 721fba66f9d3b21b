package org.zoninghub.sync;

import java.time.Duration;

/**
 * A request to the provincial platform failed, or what it served cannot be used; {@link #transientFailure()} says
 * whether retrying the same request may help, {@link #retryAfter()} how long the platform asked to wait (429).
 */
public class ProvincialException extends RuntimeException {

    private final int status;
    private final boolean transientFailure;
    private final Duration retryAfter;

    public ProvincialException(String message, int status, boolean transientFailure, Throwable cause) {
        this(message, status, transientFailure, null, cause);
    }

    public ProvincialException(
            String message, int status, boolean transientFailure, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    public boolean transientFailure() {
        return transientFailure;
    }

    /** The wait a 429's {@code Retry-After} asked for, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
