package org.zoninghub.zoning;

/**
 * What happened to a unit or a rule in a change: the vocabulary the planner decides in, the store records and the
 * events announce ({@code zoning.unit.created}, {@code zoning.rule.retired}, …).
 */
public enum ChangeKind {
    /** A unit or rule the hub did not hold (or held only as retired) is in force. */
    CREATED("created"),
    /** A unit or rule in force changed: a new version replaces the one in force. */
    UPDATED("updated"),
    /** A unit or rule is no longer in force (废止, or absent from a full delivery). */
    RETIRED("retired");

    private final String verb;

    ChangeKind(String verb) {
        this.verb = verb;
    }

    /** The past-tense verb of the event type: {@code created}, {@code updated}, {@code retired}. */
    public String verb() {
        return verb;
    }
}
