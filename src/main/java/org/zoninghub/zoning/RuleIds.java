package org.zoninghub.zoning;

import java.util.Objects;

/**
 * Rule ids: {@code {scopeCode}-{fieldCode}-{n}}, e.g. {@code ZH22040210001-KJBJYS-1}, {@code 220400-PWWPFGK-3},
 * {@code LIAOHE-HJFXFK-2}. The scope code is the city's division code, a basin code or a unit code; n is the clause's
 * 1-based position in its dimension.
 */
public final class RuleIds {

    /** The three parts of a rule id. */
    public record Parts(String scopeCode, Dimension dimension, int seq) {
        public Parts {
            requireScopeCode(scopeCode);
            Objects.requireNonNull(dimension, "dimension");
            if (seq < 1) {
                throw new IllegalArgumentException("rule seq starts at 1, got " + seq);
            }
        }

        /** The rule id these parts form. */
        public String id() {
            return scopeCode + "-" + dimension.fieldCode() + "-" + seq;
        }
    }

    private RuleIds() {}

    /** The id of clause {@code seq} of a dimension of a scope's list. */
    public static String build(String scopeCode, Dimension dimension, int seq) {
        return new Parts(scopeCode, dimension, seq).id();
    }

    /** The parts of a rule id; the message of the exception says what is wrong with it. */
    public static Parts parse(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("rule id is missing (expected {scopeCode}-{fieldCode}-{n})");
        }
        int last = id.lastIndexOf('-');
        int middle = last > 0 ? id.lastIndexOf('-', last - 1) : -1;
        if (middle <= 0) {
            throw new IllegalArgumentException(
                    "rule id '" + id + "' does not have the form {scopeCode}-{fieldCode}-{n}, e.g. 220400-KJBJYS-1");
        }
        String scope = id.substring(0, middle);
        String field = id.substring(middle + 1, last);
        String n = id.substring(last + 1);
        Dimension dimension = Dimension.ofFieldCode(field)
                .orElseThrow(() -> new IllegalArgumentException("rule id '" + id + "': unknown field code '" + field
                        + "' (expected KJBJYS, PWWPFGK, HJFXFK or ZYKFXLYQ)"));
        if (!n.matches("[1-9]\\d{0,5}")) {
            throw new IllegalArgumentException(
                    "rule id '" + id + "': clause number '" + n + "' is not a positive integer");
        }
        return new Parts(scope, dimension, Integer.parseInt(n));
    }

    /** Checks that a scope code can stand in a rule id: non-blank, no '-' and no whitespace. */
    static void requireScopeCode(String scopeCode) {
        if (scopeCode == null || scopeCode.isEmpty() || !scopeCode.matches("[^-\\s]+")) {
            throw new IllegalArgumentException("scope code '" + scopeCode
                    + "' must be non-blank without '-' or whitespace (e.g. 220400, LIAOHE, " + "ZH22040210001)");
        }
    }
}
