package org.zoninghub.zoning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One list of the "1+2+61" access lists (生态环境准入清单): the original text of each of its four dimensions, as the
 * source wrote it. {@link #rules()} splits the texts into the rules the hub tracks.
 *
 * @param level city, basin or unit
 * @param scopeCode a city-level scope ({@code 220400}), a basin code ({@code LIAOHE}) or a unit code; whether the
 *     jurisdiction knows the city or basin is checked where lists come in
 * @param scopeName what the scope is called, e.g. {@code 辽河流域}
 * @param texts original text per dimension, in dimension order; a missing dimension has no rules
 */
public record AccessList(RuleLevel level, String scopeCode, String scopeName, Map<Dimension, String> texts) {

    public AccessList {
        Objects.requireNonNull(level, "level");
        RuleIds.requireScopeCode(scopeCode);
        if (level == RuleLevel.BASIN && !Basin.CODE.matcher(scopeCode).matches()) {
            throw new IllegalArgumentException("basin list scope '" + scopeCode
                    + "' is not a basin code (upper-case letters, e.g. LIAOHE, SONGHUA)");
        }
        EnumMap<Dimension, String> copy = new EnumMap<>(Dimension.class);
        if (texts != null) {
            texts.forEach((d, t) -> {
                if (t != null) {
                    copy.put(Objects.requireNonNull(d, "dimension"), t);
                }
            });
        }
        texts = Collections.unmodifiableMap(copy);
    }

    /** The original text of a dimension, or {@code ""} when the list has none. */
    public String text(Dimension dimension) {
        return texts.getOrDefault(dimension, "");
    }

    /** The rules of the list: every clause of every dimension, in dimension order, numbered from 1 per dimension. */
    public List<AccessRule> rules() {
        List<AccessRule> rules = new ArrayList<>();
        texts.forEach((dimension, text) -> {
            for (Clause clause : ClauseSplitter.split(text)) {
                rules.add(new AccessRule(
                        RuleIds.build(scopeCode, dimension, clause.seq()),
                        level,
                        scopeCode,
                        dimension,
                        clause.seq(),
                        clause.text(),
                        text));
            }
        });
        return List.copyOf(rules);
    }
}
