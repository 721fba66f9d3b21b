package org.zoninghub.zoning;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the text of one access-list dimension into its numbered clauses.
 *
 * <p>The rule: <b>when the text is numbered, the numbering alone decides where clauses begin; when it is not, the
 * separators do.</b>
 *
 * <ul>
 *   <li>Numbering styles: {@code 1.} {@code 1．} (one family), {@code 1、}, {@code （1）} {@code (1)} (one family) and
 *       {@code ①…⑳}; ASCII or full-width digits.
 *   <li>A marker counts only if it continues the sequence: the first one is {@code 1} (or {@code ①}), every later
 *       one is the next number <em>in the same family</em>. So {@code 2.5倍}, {@code 1.5万吨}
 *       or {@code GB 3838-2002} are never numbering (a digit follows the dot), nested lists such as {@code 1.总体要求：
 *       （1）…（2）…2.…} stay inside their parent clause, and a stray {@code 2、3类} inside a {@code 1.}-list is text.
 *   <li>An Arabic or bracketed marker must also stand at a clause boundary: the start of the text, or after a line
 *       break, {@code ；} {@code ;} {@code 。} {@code ：} {@code :} (whitespace in between allowed). So does the first
 *       marker of any family; later circled numbers count anywhere, e.g. {@code ①…②…} written without separators.
 *   <li>Inside a numbered clause a {@code ；} is part of the clause: in Chinese regulatory text a semicolon often joins
 *       the parts of one requirement ({@code 1.禁止新建A；禁止新建B。2.限制C。} is two clauses, the first being
 *       {@code 禁止新建A；禁止新建B。}). Splitting there would renumber the rules against the printed plan, whose
 *       numbers people cite.
 *   <li>Text before the first marker (a lead-in such as {@code 执行以下要求：}) becomes a clause of its own. A text
 *       whose numbering does not start at 1 ({@code 3.禁止A；4.限制B}) is treated as unnumbered, which keeps every
 *       character rather than guessing. A text that opens with what reads as marker 1 ({@code 1、2号地块…}) is taken
 *       as numbered: the text alone cannot tell the two apart.
 *   <li>Unnumbered text is split at line breaks, {@code ；} and {@code ;}, the separators the contract names.
 *   <li>Each clause loses its marker and trailing separators ({@code ；} {@code ;} {@code ，} {@code ,} and
 *       whitespace) and is trimmed; the sentence-ending {@code 。} stays. Empty clauses are dropped, so {@code seq}
 *       counts the clauses that have text. Blank text gives no clause.
 * </ul>
 */
public final class ClauseSplitter {

    private static final String DIGIT = "[0-9０-９]";

    private static final Pattern MARKER = Pattern.compile("(?<dot>" + DIGIT + "{1,2})[.．](?!" + DIGIT + ")"
            + "|(?<comma>" + DIGIT + "{1,2})、"
            + "|[（(]\\s*(?<paren>" + DIGIT + "{1,2})\\s*[）)]"
            + "|(?<circled>[\\u2460-\\u2473])");

    private static final Pattern UNNUMBERED_SEPARATOR = Pattern.compile("[；;]|\\R");

    private static final String BOUNDARY = "；;。：:\n\r";

    private static final String TRAILING = "；;，,";

    private enum Family {
        DOT,
        COMMA,
        PAREN,
        CIRCLED
    }

    private record Marker(Family family, int number, int start, int end, boolean atBoundary) {}

    private ClauseSplitter() {}

    /** The clauses of a dimension's text, in order; empty for {@code null} or blank text. */
    public static List<Clause> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<Marker> markers = numbering(text);
        List<String> pieces = new ArrayList<>();
        if (markers.isEmpty()) {
            pieces.addAll(List.of(UNNUMBERED_SEPARATOR.split(text)));
        } else {
            pieces.add(text.substring(0, markers.get(0).start()));
            for (int i = 0; i < markers.size(); i++) {
                int end = i + 1 < markers.size() ? markers.get(i + 1).start() : text.length();
                pieces.add(text.substring(markers.get(i).end(), end));
            }
        }
        List<Clause> clauses = new ArrayList<>();
        for (String piece : pieces) {
            String clean = clean(piece);
            if (!clean.isEmpty()) {
                clauses.add(new Clause(clauses.size() + 1, clean));
            }
        }
        return List.copyOf(clauses);
    }

    /** The markers that form the text's numbering sequence; empty when the text is not numbered. */
    private static List<Marker> numbering(String text) {
        List<Marker> accepted = new ArrayList<>();
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            Marker candidate = marker(text, m);
            if (accepted.isEmpty()) {
                if (candidate.number() == 1 && candidate.atBoundary()) {
                    accepted.add(candidate);
                }
            } else {
                Marker last = accepted.get(accepted.size() - 1);
                if (candidate.family() == last.family()
                        && candidate.number() == last.number() + 1
                        && (candidate.atBoundary() || candidate.family() == Family.CIRCLED)) {
                    accepted.add(candidate);
                }
            }
        }
        return accepted;
    }

    private static Marker marker(String text, Matcher m) {
        Family family;
        int number;
        if (m.group("dot") != null) {
            family = Family.DOT;
            number = number(m.group("dot"));
        } else if (m.group("comma") != null) {
            family = Family.COMMA;
            number = number(m.group("comma"));
        } else if (m.group("paren") != null) {
            family = Family.PAREN;
            number = number(m.group("paren"));
        } else {
            family = Family.CIRCLED;
            number = m.group("circled").charAt(0) - '\u2460' + 1;
        }
        return new Marker(family, number, m.start(), m.end(), atBoundary(text, m.start()));
    }

    private static boolean atBoundary(String text, int start) {
        int i = start - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i--;
        }
        // a marker glued to preceding text (表12.、第3、) is part of that text
        return i < 0 || BOUNDARY.indexOf(text.charAt(i)) >= 0;
    }

    private static int number(String digits) {
        int n = 0;
        for (int i = 0; i < digits.length(); i++) {
            n = n * 10 + Character.digit(digits.charAt(i), 10);
        }
        return n;
    }

    private static String clean(String piece) {
        String s = piece.strip();
        int end = s.length();
        while (end > 0 && (TRAILING.indexOf(s.charAt(end - 1)) >= 0 || Character.isWhitespace(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(0, end).strip();
    }
}
