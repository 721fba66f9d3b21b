package org.zoninghub.zoning;

import java.util.Objects;

/**
 * One clause of an access list, the unit of change the hub tracks and publishes.
 *
 * @param id {@code {scopeCode}-{fieldCode}-{seq}}, see {@link RuleIds}
 * @param level city, basin or unit
 * @param scopeCode {@code 220400}, a basin code or a unit code
 * @param dimension the dimension the clause belongs to
 * @param seq 1-based position of the clause within its dimension
 * @param text the clause, without numbering
 * @param sourceText the whole original text of the dimension the clause was split from
 */
public record AccessRule(
        String id, RuleLevel level, String scopeCode, Dimension dimension, int seq, String text, String sourceText) {

    public AccessRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(scopeCode, "scopeCode");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceText, "sourceText");
        String expected = RuleIds.build(scopeCode, dimension, seq);
        if (!expected.equals(id)) {
            throw new IllegalArgumentException(
                    "rule id '" + id + "' does not match its parts (expected " + expected + ")");
        }
    }
}
