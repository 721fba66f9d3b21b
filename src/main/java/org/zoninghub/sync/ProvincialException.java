package org.zoninghub.sync;

/** A request to the provincial platform failed; {@link #transientFailure()} says whether retrying may help. */
public class ProvincialException extends RuntimeException {

    private final int status;
    private final boolean transientFailure;

    public ProvincialException(String message, int status, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.transientFailure = transientFailure;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
