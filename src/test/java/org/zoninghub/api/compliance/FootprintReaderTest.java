package org.zoninghub.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FootprintReaderTest {

    private static final ComplianceProperties BUDGETS =
            new ComplianceProperties(1_048_576, 50_000, 1_000, 16, 400_000, 1_000_000, Duration.ofSeconds(2), 8);

    /** As the hub's mapper reads ({@code spring.jackson.parser.use-fast-double-parser}). */
    private final ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.USE_FAST_DOUBLE_PARSER);

    private final FootprintReader reader = new FootprintReader(BUDGETS);

    /**
     * Coordinates are read through the fast double parser; every one must be the double {@link Double#parseDouble}
     * gives, bit for bit: shortest forms of random doubles (with exponents when small or large), up to 26
     * significant digits (past the 17 a double holds), and exact decimals half-way between two doubles, where a parser
     * that rounds wrongly shows.
     */
    @Test
    void readsEveryCoordinateAsDoubleParseDoubleDoes() throws Exception {
        Random random = new Random(7);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            double lon = 73 + random.nextDouble() * 62.5;
            numbers.add(Double.toString(lon));
            numbers.add(String.format(Locale.ROOT, "%.17f", lon));
            numbers.add(new BigDecimal(lon).toPlainString().substring(0, 20 + random.nextInt(8)));
            double a = random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            // the exact decimal half-way between a and the next double up
            numbers.add(new BigDecimal(a)
                    .add(new BigDecimal(Math.nextUp(a)))
                    .divide(BigDecimal.valueOf(2))
                    .toString());
            numbers.add(Double.toString(-a));
        }
        StringBuilder json = new StringBuilder("{\"geometry\": {\"type\": \"MultiPoint\", \"coordinates\": [");
        for (int i = 0; i < numbers.size(); i += 2) {
            json.append(i == 0 ? "" : ", ")
                    .append('[')
                    .append(numbers.get(i))
                    .append(", ")
                    .append(numbers.get(i + 1))
                    .append(']');
        }
        json.append("]}}");

        JsonNode body = read(json.toString());

        JsonNode coordinates = body.path("geometry").path("coordinates");
        assertThat(coordinates.size()).isEqualTo(numbers.size() / 2);
        for (int i = 0; i < numbers.size(); i++) {
            double read = coordinates.get(i / 2).get(i % 2).doubleValue();
            double expected = Double.parseDouble(numbers.get(i));
            assertThat(Double.doubleToRawLongBits(read))
                    .as(numbers.get(i))
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }

    @Test
    void aBodyNestedDeeperThanItsBudgetIsADefectNamingTheBudget() {
        String deep = "{\"geometry\": " + "[".repeat(20) + "]".repeat(20) + "}";

        assertThatThrownBy(() -> read(deep))
                .isInstanceOf(FootprintDefect.class)
                .hasMessageContaining("zoning.compliance.max-nesting");
    }

    private JsonNode read(String json) throws Exception {
        try (JsonParser parser = mapper.getFactory().createParser(json)) {
            parser.nextToken();
            return reader.readBounded(parser, mapper, "");
        }
    }
}
