package org.zoninghub.platform.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated provincial platform API (docs/provincial-api.md) under {@code /simulator/province}, and its fault injection:
 * {@code POST /faults} adds a {@link Fault}, {@code GET /faults} lists those not yet spent, {@code DELETE /faults}
 * clears them. All need the simulator's {@code X-Api-Key}.
 */
@RestController
@ConditionalOnProperty(name = "zoning.simulator.enabled", havingValue = "true")
@RequestMapping("/simulator/province")
class SimulatorController {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    private static final Logger log = LoggerFactory.getLogger(SimulatorController.class);

    private final ProvincialSimulator simulator;
    private final SimulatorProperties properties;
    private final ObjectMapper mapper;

    SimulatorController(ProvincialSimulator simulator, SimulatorProperties properties, ObjectMapper mapper) {
        this.simulator = simulator;
        this.properties = properties;
        this.mapper = mapper;
    }

    /** The body of {@code POST /faults}; absent fields take the defaults of {@link Fault}. */
    record FaultRequest(
            Fault.Kind kind,
            String path,
            Integer page,
            Integer times,
            Long latencyMs,
            Integer status,
            Long retryAfterSeconds) {

        Fault toFault() {
            return new Fault(
                    kind,
                    path,
                    page,
                    times == null ? 1 : times,
                    latencyMs == null ? 0 : latencyMs,
                    status == null ? 0 : status,
                    retryAfterSeconds == null ? 1 : retryAfterSeconds);
        }
    }

    @GetMapping("/units")
    ResponseEntity<?> units(
            @RequestHeader(name = "X-Api-Key", required = false) String apiKey,
            @RequestParam(required = false) String updatedSince,
            @RequestParam(required = false) String pageToken,
            @RequestParam(defaultValue = "100") int pageSize) {
        ResponseEntity<?> refused = refuse(apiKey, updatedSince, pageToken, pageSize);
        if (refused != null) {
            return refused;
        }
        return serve(
                "units",
                GEO_JSON,
                PageTokens.offset(pageToken),
                pageSize,
                offset -> simulator.unitsPage(since(updatedSince), offset, pageSize));
    }

    @GetMapping("/lists")
    ResponseEntity<?> lists(
            @RequestHeader(name = "X-Api-Key", required = false) String apiKey,
            @RequestParam(required = false) String updatedSince,
            @RequestParam(required = false) String pageToken,
            @RequestParam(defaultValue = "100") int pageSize) {
        ResponseEntity<?> refused = refuse(apiKey, updatedSince, pageToken, pageSize);
        if (refused != null) {
            return refused;
        }
        return serve(
                "lists",
                MediaType.APPLICATION_JSON,
                PageTokens.offset(pageToken),
                pageSize,
                offset -> simulator.listsPage(since(updatedSince), offset, pageSize));
    }

    @PostMapping("/faults")
    ResponseEntity<?> inject(
            @RequestHeader(name = "X-Api-Key", required = false) String apiKey, @RequestBody FaultRequest request) {
        ResponseEntity<?> refused = refuseKey(apiKey);
        if (refused != null) {
            return refused;
        }
        if (request == null || request.kind() == null) {
            return problem(
                    HttpStatus.BAD_REQUEST, "a fault needs a kind, one of " + Arrays.toString(Fault.Kind.values()));
        }
        Fault fault;
        try {
            fault = request.toFault();
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        simulator.inject(fault);
        log.info("simulator fault injected: {}", fault);
        return ResponseEntity.status(HttpStatus.CREATED).body(simulator.faults());
    }

    @GetMapping("/faults")
    ResponseEntity<?> faults(@RequestHeader(name = "X-Api-Key", required = false) String apiKey) {
        ResponseEntity<?> refused = refuseKey(apiKey);
        return refused != null ? refused : ResponseEntity.ok(simulator.faults());
    }

    @DeleteMapping("/faults")
    ResponseEntity<?> clear(@RequestHeader(name = "X-Api-Key", required = false) String apiKey) {
        ResponseEntity<?> refused = refuseKey(apiKey);
        if (refused != null) {
            return refused;
        }
        simulator.clearFaults();
        return ResponseEntity.noContent().build();
    }

    private interface PageSource {
        ObjectNode page(int offset);
    }

    /** Serves a page, or what the fault that affects it makes of it. */
    private ResponseEntity<?> serve(String path, MediaType type, int offset, int pageSize, PageSource pages) {
        int page = offset / pageSize + 1;
        Optional<Fault> fault = simulator.takeFault(path, page);
        if (fault.isEmpty()) {
            return ResponseEntity.ok().contentType(type).body(pages.page(offset));
        }
        Fault f = fault.get();
        log.info("simulator injects {} into {} page {}", f.kind(), path, page);
        switch (f.kind()) {
            case LATENCY -> {
                try {
                    Thread.sleep(f.latencyMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ResponseEntity.ok().contentType(type).body(pages.page(offset));
            }
            case SERVER_ERROR -> {
                return problem(HttpStatus.valueOf(f.status()), "simulated server error on " + path + " page " + page);
            }
            case TOO_MANY_REQUESTS -> {
                ProblemDetail p = ProblemDetail.forStatusAndDetail(
                        HttpStatus.TOO_MANY_REQUESTS, "simulated rate limit on " + path + " page " + page);
                return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                        .header("Retry-After", Long.toString(f.retryAfterSeconds()))
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(p);
            }
            case TRUNCATED -> {
                byte[] whole = bytes(pages.page(offset));
                return ResponseEntity.ok().contentType(type).body(Arrays.copyOf(whole, whole.length / 2));
            }
            case INVALID_JSON -> {
                byte[] garbage = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
                return ResponseEntity.ok().contentType(type).body(garbage);
            }
            case REPEAT_PAGE -> {
                return ResponseEntity.ok().contentType(type).body(pages.page(Math.max(0, offset - pageSize)));
            }
            case CHANGE_BETWEEN_PAGES -> {
                ObjectNode served = pages.page(offset);
                String stamp = simulator.changeBetweenPages();
                log.info("simulator data changed after {} page {}: snapshot time now {}", path, page, stamp);
                return ResponseEntity.ok().contentType(type).body(served);
            }
            default -> throw new IllegalStateException("unhandled fault " + f.kind());
        }
    }

    private byte[] bytes(ObjectNode page) {
        try {
            return mapper.writeValueAsBytes(page);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<?> refuseKey(String apiKey) {
        String expected = properties.apiKey();
        if (expected != null && !expected.isBlank() && !expected.equals(apiKey)) {
            return problem(HttpStatus.UNAUTHORIZED, "missing or wrong X-Api-Key");
        }
        return null;
    }

    private ResponseEntity<?> refuse(String apiKey, String updatedSince, String pageToken, int pageSize) {
        ResponseEntity<?> refused = refuseKey(apiKey);
        if (refused != null) {
            return refused;
        }
        if (pageSize < 1 || pageSize > properties.maxPageSize()) {
            return problem(HttpStatus.BAD_REQUEST, "pageSize must be 1.." + properties.maxPageSize());
        }
        if (PageTokens.offset(pageToken) < 0) {
            return problem(HttpStatus.BAD_REQUEST, "unknown pageToken " + pageToken);
        }
        try {
            since(updatedSince);
        } catch (DateTimeParseException e) {
            return problem(HttpStatus.BAD_REQUEST, "updatedSince is not an RFC 3339 date-time: " + updatedSince);
        }
        return null;
    }

    private static OffsetDateTime since(String updatedSince) {
        return updatedSince == null || updatedSince.isBlank() ? null : OffsetDateTime.parse(updatedSince);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
