package org.zoninghub.reference;

/** How strictly a topic's sequences are checked. */
public enum SequenceMode {

    /**
     * Change topics read from the beginning: every key starts at 1 and continues without gaps. An event ahead of
     * its turn is held back until the missing ones arrive.
     */
    STRICT,

    /**
     * Change topics joined late (their retention has dropped the oldest events, or a consumer is bootstrapped from
     * a given point): a key seen for the first time may start at any sequence, and is strict from there on.
     */
    RESUME,

    /**
     * Compacted state topics ({@code zoning.units.state.v1}, a subscriber's bootstrap): each event is the full state
     * of its key and supersedes every earlier one, and compaction removes the superseded ones. Any sequence after
     * the last applied one is applied; older ones are skipped; a jump is not a gap.
     */
    SNAPSHOT
}
