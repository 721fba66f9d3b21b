package org.zoninghub.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The {@code asOf} parameter: an RFC 3339 date-time, or a date meaning the start of that day in China Standard
 * Time; absent means now.
 */
public final class AsOf {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private AsOf() {}

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
