package org.zoninghub.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The figures answers carry (areas, lengths, ratios, shares), rounded as every answer rounds them. */
public final class Decimals {

    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    /**
     * Below this a scaled value's integer part is exact, and {@code BigDecimal.doubleValue} divides it by the power of
     * ten as a double.
     */
    private static final double FAST_ROUND_LIMIT = 1e15;

    private Decimals() {}

    /**
     * {@code value} rounded half up to {@code decimals} places of its decimal form, exactly as
     * {@code BigDecimal.valueOf(value).setScale(decimals, HALF_UP).doubleValue()} rounds it (that stays the rule, and
     * the answer where the fast path cannot be sure).
     *
     * <p>The fast path scales by a power of ten in binary: the product is off the scaled decimal form by at most two
     * of its ulps, so where its fraction is further than that from one half, both round to the same integer
     * {@code n}, and {@code n / 10^decimals} is then the double {@code BigDecimal.doubleValue} gives too (below
     * 2<sup>52</sup> it divides the same two doubles).
     */
    public static double halfUp(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return value;
        }
        if (decimals >= 0 && decimals < POWERS_OF_TEN.length) {
            double power = POWERS_OF_TEN[decimals];
            double scaled = Math.abs(value) * power;
            if (scaled < FAST_ROUND_LIMIT) {
                double whole = Math.floor(scaled);
                double fraction = scaled - whole;
                if (Math.abs(fraction - 0.5) > 4 * Math.ulp(scaled)) {
                    double n = fraction > 0.5 ? whole + 1 : whole;
                    return n == 0 ? 0.0 : Math.copySign(n / power, value);
                }
            }
        }
        return BigDecimal.valueOf(value)
                .setScale(decimals, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
