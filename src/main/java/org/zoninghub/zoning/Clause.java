package org.zoninghub.zoning;

/**
 * One numbered requirement of an access-list dimension.
 *
 * @param seq 1-based position of the clause in its dimension's text (the n of the rule id)
 * @param text the clause without its numbering and trailing separator, trimmed
 */
public record Clause(int seq, String text) {

    public Clause {
        if (seq < 1) {
            throw new IllegalArgumentException("clause seq starts at 1, got " + seq);
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("clause text must not be blank");
        }
    }
}
