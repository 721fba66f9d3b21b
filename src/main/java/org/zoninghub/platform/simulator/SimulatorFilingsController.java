package org.zoninghub.platform.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated filing API (docs/provincial-api.md): {@code POST /filings} → 202 RECEIVED, {@code GET /filings/{id}}; and
 * {@code POST /filings/decisions} to queue the reviewer's next decision (simulator only).
 */
@RestController
@ConditionalOnProperty(name = "zoning.simulator.enabled", havingValue = "true")
@RequestMapping("/simulator/province/filings")
class SimulatorFilingsController {

    private final SimulatorFilings filings;
    private final SimulatorProperties properties;

    SimulatorFilingsController(SimulatorFilings filings, SimulatorProperties properties) {
        this.filings = filings;
        this.properties = properties;
    }

    @PostMapping
    ResponseEntity<?> submit(
            @RequestHeader(name = "X-Api-Key", required = false) String apiKey, @RequestBody JsonNode submission) {
        if (!authorised(apiKey)) {
            return unauthorised();
        }
        if (!submission.hasNonNull("edition") || !submission.path("units").isObject()) {
            return ResponseEntity.badRequest()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetail.forStatusAndDetail(
                            HttpStatus.BAD_REQUEST, "a filing needs an edition and the changed units"));
        }
        SimulatorFilings.Filing f = filings.submit(submission);
        return ResponseEntity.accepted()
                .body(Map.of("filingId", f.filingId(), "status", f.status().name()));
    }

    @GetMapping("/{id}")
    ResponseEntity<?> status(
            @RequestHeader(name = "X-Api-Key", required = false) String apiKey, @PathVariable String id) {
        if (!authorised(apiKey)) {
            return unauthorised();
        }
        return filings.poll(id)
                .<ResponseEntity<?>>map(f -> {
                    Map<String, Object> body = new java.util.LinkedHashMap<>();
                    body.put("filingId", f.filingId());
                    body.put("status", f.status().name());
                    body.put("comment", f.comment());
                    return ResponseEntity.ok(body);
                })
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no filing " + id)));
    }

    /** Queues the reviewer's decision for the next filing: {@code {"status": "RETURNED", "comment": "…"}}. */
    @PostMapping("/decisions")
    ResponseEntity<?> decideNext(@RequestBody SimulatorFilings.Decision decision) {
        filings.decideNext(decision.status(), decision.comment());
        return ResponseEntity.accepted().build();
    }

    private boolean authorised(String apiKey) {
        String expected = properties.apiKey();
        return expected == null || expected.isBlank() || expected.equals(apiKey);
    }

    private static ResponseEntity<ProblemDetail> unauthorised() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "missing or wrong X-Api-Key"));
    }
}
