package org.zoninghub.zoning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Environmental control unit codes: {@code ZH} + six-digit county-level division code (GB/T 2260) + category digit
 * (1/2/3) + four-digit serial, 13 characters, e.g. {@code ZH22040210001}.
 *
 * <p>{@link #validate} reports every defect it can see at once, so a rejected record can be fixed in one pass. The
 * parts of a code are only checked against the jurisdiction and category when the code has the right length and starts
 * with {@code ZH}, because otherwise nobody can tell which character is missing or extra.
 */
public final class UnitCodes {

    /** The shape of a unit code. */
    public static final Pattern PATTERN = Pattern.compile("^ZH\\d{6}[123]\\d{4}$");

    /** Number of characters in a unit code. */
    public static final int LENGTH = 13;

    private static final String SHAPE = "ZH + 6-digit division + category digit 1/2/3 + 4-digit serial";

    private UnitCodes() {}

    /** Whether a code has the shape of a unit code (it may still name a foreign division). */
    public static boolean isWellFormed(String code) {
        return code != null && PATTERN.matcher(code).matches();
    }

    /**
     * Every defect of a code for a unit of the given category in the given jurisdiction; empty when the code is valid.
     *
     * @param category the unit's category, or {@code null} to skip the category check
     */
    public static List<CodeDefect> validate(String code, Category category, Jurisdiction jurisdiction) {
        List<CodeDefect> defects = new ArrayList<>(formatDefects(code));
        if (code == null || code.length() != LENGTH || !code.startsWith("ZH")) {
            return List.copyOf(defects);
        }
        String division = code.substring(2, 8);
        if (isAllAsciiDigits(division) && !jurisdiction.hasDivision(division)) {
            defects.add(new CodeDefect(
                    CodeDefect.Kind.DIVISION_OUTSIDE_JURISDICTION,
                    code,
                    code + ": division " + division + " is not a county-level division of " + jurisdiction.label()
                            + "; expected one of "
                            + String.join(", ", jurisdiction.divisions().keySet())));
        }
        char digit = code.charAt(8);
        if (category != null && digit >= '1' && digit <= '3' && digit - '0' != category.digit()) {
            defects.add(new CodeDefect(
                    CodeDefect.Kind.CATEGORY_MISMATCH,
                    code,
                    code + ": category digit " + digit + " means " + Category.ofDigit(digit - '0') + " but the unit is "
                            + category));
        }
        return List.copyOf(defects);
    }

    /** The shape defects of a code alone: length, prefix, non-digits, category digit. */
    public static List<CodeDefect> formatDefects(String code) {
        if (code == null || code.isEmpty()) {
            return List.of(format(code, "unit code is missing (expected " + SHAPE + ")"));
        }
        List<CodeDefect> defects = new ArrayList<>();
        if (!code.equals(code.strip())) {
            defects.add(format(code, "has leading or trailing whitespace"));
        }
        if (code.length() != LENGTH) {
            defects.add(format(code, "length " + code.length() + " instead of " + LENGTH + " (" + SHAPE + ")"));
        }
        if (!code.startsWith("ZH")) {
            defects.add(format(
                    code, "must start with ZH, starts with '" + code.substring(0, Math.min(2, code.length())) + "'"));
        }
        List<String> nonDigits = new ArrayList<>();
        for (int i = 2; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                nonDigits.add("'" + c + "' at position " + (i + 1));
            }
        }
        if (!nonDigits.isEmpty()) {
            defects.add(format(
                    code,
                    (nonDigits.size() == 1 ? "non-digit " : "non-digits ") + String.join(", ", nonDigits)
                            + " (positions 3–13 must be digits)"));
        }
        if (code.length() == LENGTH) {
            char digit = code.charAt(8);
            if (digit >= '0' && digit <= '9' && (digit < '1' || digit > '3')) {
                defects.add(format(
                        code,
                        "category digit " + digit + " (position 9) not in 1/2/3 ("
                                + Arrays.stream(Category.values())
                                        .map(c -> c.digit() + " " + c)
                                        .collect(Collectors.joining(", "))
                                + ")"));
            }
        }
        return List.copyOf(defects);
    }

    /** The six-digit division code of a well-formed unit code. */
    public static String divisionOf(String code) {
        requireWellFormed(code);
        return code.substring(2, 8);
    }

    /** The category named by the digit of a well-formed unit code. */
    public static Category categoryOf(String code) {
        requireWellFormed(code);
        return Category.ofDigit(code.charAt(8) - '0');
    }

    /** The four-digit serial of a well-formed unit code, as a number. */
    public static int serialOf(String code) {
        requireWellFormed(code);
        return Integer.parseInt(code.substring(9));
    }

    /** A unit code from its parts, e.g. {@code (220402, KEY_CONTROL, 1)} → {@code ZH22040220001}. */
    public static String of(String divisionCode, Category category, int serial) {
        if (divisionCode == null || divisionCode.length() != 6 || !isAllAsciiDigits(divisionCode)) {
            throw new IllegalArgumentException("division code must have six digits, got '" + divisionCode + "'");
        }
        if (serial < 0 || serial > 9999) {
            throw new IllegalArgumentException("serial must be 0–9999, got " + serial);
        }
        return "ZH" + divisionCode + category.digit() + String.format("%04d", serial);
    }

    private static void requireWellFormed(String code) {
        if (!isWellFormed(code)) {
            throw new IllegalArgumentException(
                    formatDefects(code).stream().map(CodeDefect::message).collect(Collectors.joining("; ")));
        }
    }

    private static CodeDefect format(String code, String problem) {
        return new CodeDefect(
                CodeDefect.Kind.FORMAT,
                code,
                (code == null || code.isEmpty() ? "<empty code>" : code) + ": " + problem);
    }

    private static boolean isAllAsciiDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
