package org.zoninghub.sync;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import org.zoninghub.store.SyncRuns.Rejection;
import org.zoninghub.zoning.ControlUnit;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.RuleLevel;
import org.zoninghub.zoning.UnitStatus;

/**
 * What one source delivered in one run, already mapped and validated: the valid units and lists, and the rejected
 * records with their reasons. {@code full} says whether it is the complete state (so that absence means retirement).
 */
public record Delivery(List<ControlUnit> units, List<IncomingList> lists, List<Rejection> rejected, boolean full) {

    /**
     * A city-wide or basin list as delivered; or, with level UNIT, a list-only update of a unit that is not among the
     * delivery's units (a unit delivered with its list carries the texts itself, in {@link ControlUnit#listTexts()}).
     */
    public record IncomingList(
            RuleLevel level,
            String scopeCode,
            String scopeName,
            EnumMap<Dimension, String> texts,
            UnitStatus status,
            String edition,
            OffsetDateTime updatedAt) {}
}
