package org.zoninghub.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeographicTest {

    /** The definition: the exact binary value of the double, rounded half-up to 8 decimals, no exponent. */
    private static BigDecimal reference(double ordinate) {
        BigDecimal d = new BigDecimal(ordinate)
                .setScale(Geographic.DECIMALS, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static void same(double ordinate) {
        BigDecimal expected = reference(ordinate);
        BigDecimal actual = Geographic.decimal(ordinate);
        assertThat(actual).as("decimal(%s)", ordinate).isEqualTo(expected); // equals: value and scale
        assertThat(actual.toPlainString()).isEqualTo(expected.toPlainString());
        // the text a JSON writer prints for it, written without the BigDecimal where that is possible
        StringBuilder text = new StringBuilder();
        Geographic.appendDecimal(text, ordinate);
        assertThat(text).as("appendDecimal(%s)", ordinate).hasToString(expected.toString());
    }

    @Test
    void roundsAsTheExactDecimalExpansionDoes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 1_000_000; i++) {
            same(random.nextDouble(-180, 180));
            same(random.nextDouble(-1, 1));
            same(random.nextDouble(-1e7, 1e7));
            same(random.nextDouble(-1e-5, 1e-5));
        }
    }

    @Test
    void tiesAndNearTiesAreDecidedByTheExactValue() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long units = random.nextLong(-18_000_000_000L, 18_000_000_000L);
            double tie = (units + 0.5) / 1e8; // the double nearest to a tie lies a little above or below it
            same(tie);
            same(Math.nextUp(tie));
            same(Math.nextDown(tie));
            double exact = units / 1e8; // a value written with at most 8 decimals, as read from GeoJSON
            same(exact);
            same(Math.nextUp(exact));
            same(Math.nextDown(exact));
        }
    }

    @Test
    void keepsTheWrittenForm() {
        for (double d : new double[] {
            0.0,
            -0.0,
            1.0,
            -1.0,
            125.0,
            10.0,
            100.0,
            1e-9,
            -1e-9,
            5e-9,
            -5e-9,
            4.9e-9,
            125.123456785,
            42.9,
            1e15,
            -1e15,
            1e20,
            9.999999999999999e14,
            Double.MIN_VALUE,
            Double.MAX_VALUE
        }) {
            same(d);
        }
        assertThat(Geographic.decimal(125.0).toPlainString()).isEqualTo("125");
        assertThat(Geographic.decimal(1e-9).toPlainString()).isEqualTo("0");
        assertThat(Geographic.decimal(5e-9).toPlainString()).isEqualTo("0.00000001");
        assertThat(Geographic.decimal(125.123456785).toPlainString()).isEqualTo("125.12345679");
        assertThat(Geographic.decimal(42.9).toPlainString()).isEqualTo("42.9");
    }

    @Test
    void notANumberIsRefusedAsBefore() {
        assertThatThrownBy(() -> Geographic.decimal(Double.NaN)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Geographic.decimal(Double.POSITIVE_INFINITY))
                .isInstanceOf(NumberFormatException.class);
    }
}
