package org.zoninghub.platform.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The simulated provincial platform API (CONTRACT §3) under {@code /simulator/province}. */
@RestController
@ConditionalOnProperty(name = "zoning.simulator.enabled", havingValue = "true")
@RequestMapping("/simulator/province")
class SimulatorController {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    private final ProvincialSimulator simulator;
    private final SimulatorProperties properties;

    SimulatorController(ProvincialSimulator simulator, SimulatorProperties properties) {
        this.simulator = simulator;
        this.properties = properties;
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
        ObjectNode page = simulator.unitsPage(since(updatedSince), PageTokens.offset(pageToken), pageSize);
        return ResponseEntity.ok().contentType(GEO_JSON).body(page);
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
        ObjectNode page = simulator.listsPage(since(updatedSince), PageTokens.offset(pageToken), pageSize);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page);
    }

    private ResponseEntity<?> refuse(String apiKey, String updatedSince, String pageToken, int pageSize) {
        String expected = properties.apiKey();
        if (expected != null && !expected.isBlank() && !expected.equals(apiKey)) {
            return problem(HttpStatus.UNAUTHORIZED, "missing or wrong X-Api-Key");
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
