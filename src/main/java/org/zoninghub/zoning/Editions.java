package org.zoninghub.zoning;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edition codes: the plan's year ({@code 2025}) for a published plan, then {@code 2025.1}, {@code 2025.2}, … for the
 * dynamic updates made under it. Editions are ordered by year and then by update number as numbers, so
 * {@code 2025.10} comes after {@code 2025.9} (a string comparison would say otherwise).
 */
public final class Editions {

    private static final Pattern EDITION = Pattern.compile("^(\\d{4})(?:\\.([1-9]\\d{0,8}))?$");

    /** Orders edition codes from oldest to newest. */
    public static final Comparator<String> ORDER = Editions::compare;

    private Editions() {}

    /** Whether a string is an edition code ({@code 2025}, {@code 2025.1}, …). */
    public static boolean isValid(String edition) {
        return edition != null && EDITION.matcher(edition).matches();
    }

    /** The edition a dynamic update creates after the given one: {@code 2025} → {@code 2025.1} → {@code 2025.2}. */
    public static String next(String edition) {
        Matcher m = match(edition);
        int update = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return m.group(1) + "." + (update + 1);
    }

    /** The plan year of an edition, e.g. 2025 for {@code 2025.3}. */
    public static int yearOf(String edition) {
        return Integer.parseInt(match(edition).group(1));
    }

    /** The update number of an edition, 0 for the plan itself. */
    public static int updateOf(String edition) {
        Matcher m = match(edition);
        return m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    }

    /** Negative, zero or positive as {@code a} is older than, the same as or newer than {@code b}. */
    public static int compare(String a, String b) {
        int byYear = Integer.compare(yearOf(a), yearOf(b));
        return byYear != 0 ? byYear : Integer.compare(updateOf(a), updateOf(b));
    }

    private static Matcher match(String edition) {
        Matcher m = edition == null ? null : EDITION.matcher(edition);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "edition '" + edition + "' is not an edition code (a year such as 2025, or 2025.1, 2025.2, …)");
        }
        return m;
    }
}
