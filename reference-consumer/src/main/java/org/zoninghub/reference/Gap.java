package org.zoninghub.reference;

/**
 * A hole in a key's sequence: the consumer expected {@code expected} and received {@code got} (greater). Until the
 * missing events arrive, the later ones are held back.
 *
 * @param streamKey where the gap is
 * @param expected the first missing sequence
 * @param got the sequence that arrived instead
 */
public record Gap(StreamKey streamKey, long expected, long got) {

    /** How many events are missing. */
    public long missing() {
        return got - expected;
    }

    @Override
    public String toString() {
        return streamKey + ": expected " + expected + ", got " + got;
    }
}
