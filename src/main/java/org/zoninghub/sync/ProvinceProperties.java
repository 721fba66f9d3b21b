package org.zoninghub.sync;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The provincial "three lines one list" platform ({@code zoning.province.*}), docs/provincial-api.md.
 *
 * @param baseUrl base URL of the platform's API; the zero-setup run points it at the built-in simulator
 * @param apiKey sent as the {@code X-Api-Key} header
 * @param pageSize page size asked for when paging units and lists
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout deadline of one request, headers and body together (a body that trickles is cut off when it
 *     passes); a timed-out request is retried
 * @param maxBodySize the largest body of one answer; a larger one abandons the read
 * @param maxPages the most pages one read of units or lists may take; more abandons the read
 * @param maxRecords the most records one read of units or lists may bring; more abandons the read
 * @param maxClockSkew how far the platform's {@code snapshotTime} may be ahead of the run's start; a later one is
 *     replaced by the run's start as the cursor, so a platform clock far ahead never freezes incremental pulls
 * @param allowHttp accept an {@code http://} base URL under the {@code prod} profile (a closed network); otherwise
 *     the hub refuses to start with one
 * @param retry how one request is retried after a transient failure ({@code zoning.province.retry.*})
 * @param circuitBreaker when the hub stops calling a failing platform for a while
 *     ({@code zoning.province.circuit-breaker.*})
 */
@Validated
@ConfigurationProperties("zoning.province")
public record ProvinceProperties(
        String baseUrl,
        String apiKey,
        @DefaultValue("20") @Min(1) @Max(10000) int pageSize,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("60s") @NotNull Duration requestTimeout,
        @DefaultValue("64MB") @NotNull DataSize maxBodySize,
        @DefaultValue("10000") @Min(1) int maxPages,
        @DefaultValue("100000") @Min(1) int maxRecords,
        @DefaultValue("5m") @NotNull Duration maxClockSkew,
        @DefaultValue("false") boolean allowHttp,
        @DefaultValue @Valid @NotNull Retry retry,
        @DefaultValue @Valid @NotNull CircuitBreaker circuitBreaker) {

    public boolean configured() {
        return baseUrl != null && !baseUrl.isBlank();
    }

    /**
     * Retries of one request (one page). Transient failures are 429, 5xx, timeouts, I/O errors and bodies that are
     * truncated or not JSON; other 4xx answers are permanent and never retried.
     *
     * @param maxAttempts attempts of one request in all, the first included (1: no retry)
     * @param initialBackoff wait before the first retry of a 5xx, timeout, I/O or body failure
     * @param multiplier factor applied to the wait before each further retry
     * @param maxBackoff the longest wait between two attempts, jitter included
     * @param jitter randomisation of each wait: 0.5 waits between 50 % and 150 % of the computed backoff
     * @param maxRetryAfter the longest a 429's {@code Retry-After} (seconds or HTTP-date) is honoured; a longer one
     *     waits this long
     */
    public record Retry(
            @DefaultValue("4") @Min(1) @Max(20) int maxAttempts,
            @DefaultValue("500ms") @NotNull Duration initialBackoff,

            @DefaultValue("2.0") @DecimalMin("1.0") @DecimalMax("10.0")
            double multiplier,

            @DefaultValue("30s") @NotNull Duration maxBackoff,

            @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0")
            double jitter,

            @DefaultValue("120s") @NotNull Duration maxRetryAfter) {}

    /**
     * The circuit breaker around the platform's requests (each attempt counts). 5xx, timeouts, I/O errors and broken
     * bodies are failures; 429 and other 4xx are not (the platform answered, it is not down). While open, a run
     * fails at once, naming the state and when the platform will be tried again.
     *
     * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
     * @param slidingWindowSize how many of the latest calls the failure rate is computed over
     * @param minimumCalls calls needed in the window before the rate is computed
     * @param waitInOpen how long the circuit stays open before letting trial calls through
     * @param halfOpenCalls trial calls let through when half-open; their failure rate decides whether it closes
     */
    public record CircuitBreaker(
            @DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
            @DefaultValue("20") @Min(1) int slidingWindowSize,
            @DefaultValue("10") @Min(1) int minimumCalls,
            @DefaultValue("60s") @NotNull Duration waitInOpen,
            @DefaultValue("1") @Min(1) int halfOpenCalls) {}
}
