package org.zoninghub.zoning;

import java.util.Arrays;

/** The three categories of environmental control unit; the digit is the 9th character of a unit code. */
public enum Category {
    PRIORITY_PROTECTION(1, "优先保护单元"),
    KEY_CONTROL(2, "重点管控单元"),
    GENERAL_CONTROL(3, "一般管控单元");

    private final int digit;
    private final String chineseName;

    Category(int digit, String chineseName) {
        this.digit = digit;
        this.chineseName = chineseName;
    }

    public int digit() {
        return digit;
    }

    public String chineseName() {
        return chineseName;
    }

    /** The category of a code digit (1, 2, 3). */
    public static Category ofDigit(int digit) {
        return Arrays.stream(values())
                .filter(c -> c.digit == digit)
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("unknown category digit " + digit + " (expected 1, 2 or 3)"));
    }
}
