package org.zoninghub.admin;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoninghub.store.AuditLog;
import org.zoninghub.store.AuditLog.Event;
import org.zoninghub.web.BadRequestException;

/**
 * The audit trail, newest first: filters {@code actor} (exact), {@code action} and {@code target} (substring),
 * {@code from}/{@code to} (RFC 3339, to exclusive); pages with {@code before} (the {@code next} of a page).
 */
@RestController
@RequestMapping("/api/v1/admin/audit")
class AuditController {

    record Page(List<Event> items, Long next) {}

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    Page list(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit " + limit + " is outside 1..1000");
        }
        List<Event> events = audit.find(new AuditLog.Query(
                blank(actor), blank(action), blank(target), time("from", from), time("to", to), before, limit + 1));
        boolean more = events.size() > limit;
        List<Event> page = more ? events.subList(0, limit) : events;
        return new Page(page, more ? page.get(page.size() - 1).id() : null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static OffsetDateTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " \"" + value + "\" is not an RFC 3339 date-time");
        }
    }
}
