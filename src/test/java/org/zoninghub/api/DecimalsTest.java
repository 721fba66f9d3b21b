package org.zoninghub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The answers' rounding ({@link Decimals#halfUp}: compliance checks, statistics) gives the very double that rounding
 * the value's decimal form half up with {@link BigDecimal} gives, for every value tried: random ones of every
 * magnitude, and ties and near ties, where a rounding in binary alone would go the other way.
 */
class DecimalsTest {

    private static final int[] DECIMALS = {0, 2, 3, 8};

    static double reference(double value, int decimals) {
        return BigDecimal.valueOf(value)
                .setScale(decimals, RoundingMode.HALF_UP)
                .doubleValue();
    }

    private static void same(double value) {
        for (int d : DECIMALS) {
            double expected = reference(value, d);
            double actual = Decimals.halfUp(value, d);
            assertThat(Double.doubleToRawLongBits(actual))
                    .as("round(%s, %d): %s, BigDecimal %s", value, d, actual, expected)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }

    @Test
    void randomValuesOfEveryMagnitudeRoundAsTheirDecimalForm() {
        SplittableRandom random = new SplittableRandom(20261201);
        for (int i = 0; i < 300_000; i++) {
            double magnitude = Math.pow(10, random.nextInt(-12, 17));
            double value = random.nextDouble() * magnitude;
            same(value);
            same(-value);
        }
    }

    @Test
    void tiesAndNearTiesRoundHalfUpOnTheDecimalForm() {
        // 1.005 is 1.00499999999999989... in binary: its decimal form "1.005" rounds up to 1.01 all the same
        same(1.005);
        same(2.675);
        same(0.125);
        same(0.5);
        same(1.5);
        same(2.5);
        same(123456.785);
        same(0.123456785);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            int d = DECIMALS[random.nextInt(DECIMALS.length)];
            long k = random.nextLong(0, 10_000_000_000L);
            double tie = (k + 0.5) / Math.pow(10, d);
            same(tie);
            same(Math.nextUp(tie));
            same(Math.nextDown(tie));
            same(-tie);
        }
    }

    @Test
    void zeroIsPositiveAndWhatIsNotFiniteStaysSo() {
        same(-0.0);
        same(-0.001);
        same(-1e-12);
        assertThat(Decimals.halfUp(-0.001, 2)).isEqualTo(0.0);
        assertThat(Double.doubleToRawLongBits(Decimals.halfUp(-0.001, 2))).isZero();
        assertThat(Decimals.halfUp(Double.NaN, 2)).isNaN();
        assertThat(Decimals.halfUp(Double.POSITIVE_INFINITY, 2)).isEqualTo(Double.POSITIVE_INFINITY);
        same(Double.MAX_VALUE);
        same(Double.MIN_VALUE);
        same(9.99e14);
        same(1e15);
    }
}
