package org.zoninghub.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code asOf} parameter: an RFC 3339 date-time, or a date meaning the start of that day in China Standard
 * Time; absent means now.
 */
public final class AsOf {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private AsOf() {}

    /**
     * An instant as RFC 3339 with seconds, in UTC ({@code 2025-01-26T00:00:00Z}); fractions of a second are kept
     * only when there are any. {@code OffsetDateTime.toString()} drops zero seconds, which RFC 3339 does not allow.
     */
    public static String format(OffsetDateTime t) {
        return t == null
                ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }

    public static OffsetDateTime parse(String value) {
        if (value == null || value.isBlank()) {
            return OffsetDateTime.now(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(value.trim()).atStartOfDay(CHINA).toOffsetDateTime();
            } catch (DateTimeParseException notDate) {
                throw new BadRequestException("asOf \"" + value
                        + "\" is neither an RFC 3339 date-time (2025-01-26T00:00:00+08:00) nor a date (2025-01-26)");
            }
        }
    }
}
