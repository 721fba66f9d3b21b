package org.zoninghub.api.compliance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How strongly a clause speaks of an industry, for screening: a reviewer's aid, never a legal finding.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>A clause <em>names</em> an industry when its text contains the industry's Chinese name or one of its
 *       synonyms ({@link IndustryTable}), literally.
 *   <li>The clause is cut into segments at {@code ，,；;。：:} (the list items a verb governs are joined by {@code 、}
 *       and stay in one segment: "禁止新建化工、电镀、制革等重污染项目").
 *   <li>Each segment that holds a name is judged on its own: {@link Strength#PROHIBITED} when it contains 禁止 (also in
 *       严格禁止), 严禁 or 不得; else {@link Strength#RESTRICTED} when it contains 限制 (also 严格限制), 控制 (also
 *       严格控制, 总量控制), or 严控; else {@link Strength#OTHER} (e.g. "新建化工项目原则上进入化工园区").
 *   <li>The clause takes the strongest of its segments' strengths: PROHIBITED over RESTRICTED over OTHER.
 * </ol>
 *
 * A verb in another segment does not carry over ("禁止新设排污口，现有化工企业…" does not prohibit chemicals), and a
 * negation of the verb is not understood ("不禁止" still reads as prohibited): the reviewer reads the clause.
 */
final class ClauseStrength {

    /** The strength of a clause that names an industry. */
    enum Strength {
        PROHIBITED,
        RESTRICTED,
        OTHER
    }

    /**
     * A clause that names the industry.
     *
     * @param strength the strongest verb of a segment naming it
     * @param names the names and synonyms found in the clause
     */
    record Match(Strength strength, List<String> names) {}

    private static final Pattern SEGMENTS = Pattern.compile("[，,；;。：:]");
    private static final List<String> PROHIBITING = List.of("禁止", "严禁", "不得");
    private static final List<String> RESTRICTING = List.of("限制", "控制", "严控");

    private ClauseStrength() {}

    /** The match of a clause against an industry's names, or empty when the clause names none of them. */
    static Optional<Match> of(String clause, Collection<String> names) {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            if (clause.contains(name) && !found.contains(name)) {
                found.add(name);
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Strength strongest = null;
        for (String segment : SEGMENTS.split(clause)) {
            if (found.stream().noneMatch(segment::contains)) {
                continue;
            }
            Strength s = segmentStrength(segment);
            if (strongest == null || s.ordinal() < strongest.ordinal()) {
                strongest = s;
            }
        }
        // a name that spans a separator (never in practice) still names the industry
        return Optional.of(new Match(strongest == null ? Strength.OTHER : strongest, List.copyOf(found)));
    }

    private static Strength segmentStrength(String segment) {
        if (PROHIBITING.stream().anyMatch(segment::contains)) {
            return Strength.PROHIBITED;
        }
        if (RESTRICTING.stream().anyMatch(segment::contains)) {
            return Strength.RESTRICTED;
        }
        return Strength.OTHER;
    }
}
