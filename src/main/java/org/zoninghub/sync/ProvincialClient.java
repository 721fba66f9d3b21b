package org.zoninghub.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Client of the provincial platform API (docs/provincial-api.md). It reads every page of units and lists before returning, so
 * a broken page fails the whole read and nothing half-read reaches the store. A page's body is read in one streaming
 * pass ({@link ProvincialPage}) and each record kept as the text it had in the page.
 *
 * <p>Each request (one page) is retried on transient failures: a 429 after its {@code Retry-After} (capped by
 * {@code zoning.province.retry.max-retry-after}); 5xx, timeouts, I/O errors and truncated or non-JSON bodies after an
 * exponential backoff with jitter; up to {@code zoning.province.retry.max-attempts} attempts. Other 4xx are
 * permanent. Every attempt goes through one circuit breaker: when too many fail, the platform is left alone for
 * {@code zoning.province.circuit-breaker.wait-in-open}, and a read during that time fails at once saying so.
 * Retries are counted in the metric {@code zoning.sync.province.retries} (tags {@code path}, {@code reason}).
 *
 * <p>The platform is not trusted with the hub's resources: each request has one deadline for headers and body
 * ({@code request-timeout}), a body is capped ({@code max-body-size}), a read is capped in pages and records
 * ({@code max-pages}, {@code max-records}), a redirect is followed only to the same origin (never carrying
 * {@code X-Api-Key} elsewhere), and under {@code prod} the base URL must be https unless {@code allow-http}.
 */
@Component
public class ProvincialClient {

    /**
     * Every record of one read, the platform's snapshot time when it gave one, and what the read cost. The records
     * are held compactly, as the JSON text the platform sent ({@link CompactRecords}): each {@code get} parses one
     * record.
     */
    public record Pull(List<JsonNode> units, List<JsonNode> lists, String snapshotTime, int requests, int retries) {}

    /** Where the built-in simulator serves the platform API on the hub's own HTTP server. */
    static final String SIMULATOR_PATH = "/simulator/province";

    static final String CIRCUIT = "province";

    private static final Logger log = LoggerFactory.getLogger(ProvincialClient.class);

    private final ProvinceProperties properties;
    private final ObjectMapper mapper;
    private final Environment env;
    private final HttpClient http;
    private final MeterRegistry meters;
    private final Clock clock;
    private final CircuitBreaker circuit;
    private final AtomicReference<Instant> openedAt = new AtomicReference<>();
    private final AtomicReference<Instant> stateSince = new AtomicReference<>(Instant.now());

    public ProvincialClient(
            ProvinceProperties properties, ObjectMapper mapper, Environment env, ObjectProvider<MeterRegistry> meters) {
        this.properties = properties;
        this.mapper = mapper;
        this.env = env;
        this.meters = meters.getIfAvailable(() -> Metrics.globalRegistry);
        this.clock = Clock.systemUTC();
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        requireHttpsUnderProd(properties, env);
        this.circuit = circuitBreaker(properties.circuitBreaker());
        io.micrometer.core.instrument.Gauge.builder(
                        "zoning.sync.province.circuit-breaker.state", circuit, c -> switch (c.getState()) {
                            case CLOSED -> 0;
                            case OPEN, FORCED_OPEN -> 1;
                            case HALF_OPEN -> 2;
                            default -> 3;
                        })
                .description("State of the circuit breaker around the provincial platform: 0 closed, 1 open,"
                        + " 2 half-open")
                .register(this.meters);
        this.circuit.getEventPublisher().onStateTransition(e -> {
            stateSince.set(e.getCreationTime().toInstant());
            if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAt.set(e.getCreationTime().toInstant());
                log.warn(
                        "provincial platform circuit breaker {}: calls stop for {}",
                        e.getStateTransition(),
                        properties.circuitBreaker().waitInOpen());
            } else {
                log.info("provincial platform circuit breaker {}", e.getStateTransition());
            }
        });
    }

    /**
     * Under the {@code prod} profile the platform is reached over https only, unless {@code
     * zoning.province.allow-http} says otherwise: an API key sent in clear text is a key given away.
     */
    static void requireHttpsUnderProd(ProvinceProperties properties, Environment env) {
        if (properties.configured()
                && env.acceptsProfiles(Profiles.of("prod"))
                && !properties.allowHttp()
                && !properties
                        .baseUrl()
                        .trim()
                        .toLowerCase(java.util.Locale.ROOT)
                        .startsWith("https://")) {
            throw new IllegalStateException("zoning.province.base-url " + properties.baseUrl() + " is not https; under"
                    + " the prod profile the provincial platform is reached over https only (set"
                    + " zoning.province.allow-http=true to accept it on a closed network)");
        }
    }

    /**
     * The platform's base URL: {@code zoning.province.base-url} when set, else the built-in simulator on this hub's
     * own HTTP port when it is enabled (the zero-setup run), else none.
     */
    public Optional<String> baseUrl() {
        if (properties.configured()) {
            return Optional.of(stripSlash(properties.baseUrl()));
        }
        String port = env.getProperty("local.server.port");
        if (env.getProperty("zoning.simulator.enabled", Boolean.class, false) && port != null) {
            return Optional.of("http://localhost:" + port + SIMULATOR_PATH);
        }
        return Optional.empty();
    }

    /**
     * Reads every unit and list updated since the instant (everything when null), as one consistent read: the pages
     * of both collections are checked together by a {@link PagingGuard}.
     *
     * @throws ProvincialException naming the collection, page and problem when the read cannot complete
     */
    public Pull read(OffsetDateTime updatedSince) {
        PagingGuard guard = new PagingGuard();
        int[] cost = new int[2];
        Collected units = readAll("units", "features", updatedSince, guard, cost);
        Collected lists = readAll("lists", "items", updatedSince, guard, cost);
        String snapshot = units.snapshotTime != null ? units.snapshotTime : lists.snapshotTime;
        return new Pull(units.records, lists.records, snapshot, cost[0], cost[1]);
    }

    /**
     * The state of the circuit breaker around the platform's requests ({@code CLOSED}, {@code OPEN},
     * {@code HALF_OPEN}) and since when (the hub's start when it never changed).
     */
    public record CircuitStatus(String state, Instant since) {}

    public CircuitStatus circuitStatus() {
        return new CircuitStatus(circuit.getState().name(), stateSince.get());
    }

    /** The circuit breaker around the platform's requests, for operations and tests. */
    CircuitBreaker circuitBreaker() {
        return circuit;
    }

    private record Collected(List<JsonNode> records, String snapshotTime) {}

    private Collected readAll(
            String path, String arrayField, OffsetDateTime updatedSince, PagingGuard guard, int[] cost) {
        CompactRecords records = new CompactRecords(mapper);
        String token = null;
        String snapshot = null;
        int page = 0;
        do {
            page++;
            if (page > properties.maxPages()) {
                throw new ProvincialException(
                        path + ": more than " + properties.maxPages()
                                + " pages (zoning.province.max-pages); the read is" + " abandoned",
                        200,
                        false,
                        null);
            }
            Map<String, String> query = new LinkedHashMap<>();
            if (updatedSince != null) {
                query.put("updatedSince", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(updatedSince));
            }
            if (token != null) {
                query.put("pageToken", token);
            }
            query.put("pageSize", Integer.toString(properties.pageSize()));
            ProvincialPage served = getWithRetry(path, arrayField, query, page, cost);
            List<ProvincialPage.Slice> array = served.records();
            if (array == null) {
                throw new ProvincialException(
                        path + " page " + page + ": the response has no \"" + arrayField + "\" array",
                        200,
                        false,
                        null);
            }
            String pageSnapshot = served.snapshotTime();
            String nextToken = served.nextPageToken();
            List<String> keys = new ArrayList<>(array.size());
            array.forEach(r -> keys.add(r.key()));
            guard.accept(path, page, keys, pageSnapshot, token, nextToken);
            if (records.size() + array.size() > properties.maxRecords()) {
                throw new ProvincialException(
                        path + " page " + page + ": more than " + properties.maxRecords()
                                + " records (zoning.province.max-records); the read is abandoned",
                        200,
                        false,
                        null);
            }
            array.forEach(r -> records.appendRaw(served.body(), r.from(), r.to()));
            if (snapshot == null) {
                snapshot = pageSnapshot;
            }
            token = nextToken;
        } while (token != null);
        return new Collected(records, snapshot);
    }

    private ProvincialPage getWithRetry(
            String path, String arrayField, Map<String, String> query, int page, int[] cost) {
        String what = "GET " + path + " page " + page;
        AtomicInteger attempts = new AtomicInteger();
        Retry retry = Retry.of(CIRCUIT + "." + path, retryConfig(properties.retry()));
        retry.getEventPublisher().onRetry(e -> {
            Throwable t = e.getLastThrowable();
            meters.counter("zoning.sync.province.retries", "path", path, "reason", reason(t))
                    .increment();
            log.warn(
                    "{}: attempt {} of {} failed ({}); retrying in {} ms",
                    what,
                    e.getNumberOfRetryAttempts(),
                    properties.retry().maxAttempts(),
                    t.getMessage(),
                    e.getWaitInterval().toMillis());
        });
        try {
            return retry.executeSupplier(() -> {
                attempts.incrementAndGet();
                return circuit.executeSupplier(() -> get(path, arrayField, query, what));
            });
        } catch (CallNotPermittedException e) {
            throw new ProvincialException(circuitOpenMessage(what), 0, false, e);
        } finally {
            cost[0] += attempts.get();
            cost[1] += Math.max(0, attempts.get() - 1);
        }
    }

    private String circuitOpenMessage(String what) {
        Instant opened = openedAt.get();
        Duration wait = properties.circuitBreaker().waitInOpen();
        String retryAt = opened == null ? "in " + wait : "after " + opened.plus(wait);
        return what + ": not sent, the provincial platform circuit breaker is " + circuit.getState()
                + " (failure rate " + Math.round(circuit.getMetrics().getFailureRate())
                + " % of recent calls); the platform will be tried again " + retryAt
                + " (zoning.province.circuit-breaker.wait-in-open)";
    }

    /** One page of {@code path}, read from its body in one pass ({@link ProvincialPage}). */
    private ProvincialPage get(String path, String arrayField, Map<String, String> query, String what) {
        String base = baseUrl()
                .orElseThrow(() -> new ProvincialException(
                        "no provincial platform is configured: set zoning.province.base-url", 0, false, null));
        StringBuilder uri = new StringBuilder(base).append('/').append(path);
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            uri.append(sep)
                    .append(e.getKey())
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        HttpResponse<byte[]> response;
        try {
            // one deadline for headers and body; redirects only to the same origin, so the key stays there
            response = BoundedBodies.send(
                    http,
                    URI.create(uri.toString()),
                    target -> {
                        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                                .timeout(properties.requestTimeout())
                                .header("Accept", "application/geo+json, application/json")
                                .GET();
                        if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
                            request.header("X-Api-Key", properties.apiKey());
                        }
                        return request.build();
                    },
                    properties.requestTimeout(),
                    properties.maxBodySize().toBytes());
        } catch (HttpTimeoutException e) {
            throw new ProvincialException(
                    what + ": timed out after " + properties.requestTimeout()
                            + " (zoning.province.request-timeout, headers and body)",
                    0,
                    true,
                    e);
        } catch (BoundedBodies.TooLargeException e) {
            throw new ProvincialException(
                    what + ": " + e.getMessage() + " (zoning.province.max-body-size); the read is abandoned",
                    200,
                    false,
                    e);
        } catch (BoundedBodies.CrossOriginRedirectException e) {
            throw new ProvincialException(what + ": " + e.getMessage(), 0, false, e);
        } catch (IOException e) {
            throw new ProvincialException(what + ": " + e, 0, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvincialException(what + ": interrupted", 0, false, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            String header = response.headers().firstValue("Retry-After").orElse(null);
            Duration retryAfter = status == 429 ? RetryAfter.parse(header, clock.instant()) : null;
            throw new ProvincialException(
                    what + ": HTTP " + status + (header == null ? "" : " (Retry-After " + header + ")"),
                    status,
                    status == 429 || status >= 500,
                    retryAfter,
                    null);
        }
        try {
            return ProvincialPage.read(mapper, path, arrayField, response.body())
                    .orElseThrow(() -> new ProvincialException(
                            what + ": the body is empty or not a JSON object", status, true, null));
        } catch (IOException e) {
            throw new ProvincialException(
                    what + ": the body is truncated or not valid JSON (" + response.body().length + " bytes): "
                            + parseProblem(e),
                    status,
                    true,
                    e);
        }
    }

    /** The parser's complaint without its location details, for a message a person reads. */
    private static String parseProblem(IOException e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        int detail = m == null ? -1 : m.indexOf(" (start marker");
        return detail < 0 ? m : m.substring(0, detail);
    }

    /** 429: the platform's Retry-After, capped; otherwise exponential backoff with jitter, capped. */
    private static RetryConfig retryConfig(ProvinceProperties.Retry r) {
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            Throwable t = outcome.isLeft() ? outcome.getLeft() : null;
            if (t instanceof ProvincialException pe && pe.retryAfter() != null) {
                return Math.min(pe.retryAfter().toMillis(), r.maxRetryAfter().toMillis());
            }
            double backoff = r.initialBackoff().toMillis() * Math.pow(r.multiplier(), attempt - 1);
            double jitter = 1 + r.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
            return (long) Math.min(backoff * jitter, r.maxBackoff().toMillis());
        };
        return RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .intervalBiFunction(interval)
                .retryOnException(t -> t instanceof ProvincialException pe && pe.transientFailure())
                .build();
    }

    private static CircuitBreaker circuitBreaker(ProvinceProperties.CircuitBreaker c) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(c.slidingWindowSize())
                .minimumNumberOfCalls(c.minimumCalls())
                .failureRateThreshold(c.failureRateThreshold())
                .waitDurationInOpenState(c.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(c.halfOpenCalls())
                .recordException(ProvincialClient::platformFailure)
                .ignoreException(t -> !platformFailure(t))
                .build();
        return CircuitBreaker.of(CIRCUIT, config);
    }

    /** A failure that says the platform is unwell (counts for the circuit breaker); 429 and other 4xx do not. */
    private static boolean platformFailure(Throwable t) {
        return t instanceof ProvincialException pe && pe.transientFailure() && pe.status() != 429;
    }

    private static String reason(Throwable t) {
        if (t instanceof ProvincialException pe) {
            if (pe.status() == 429) {
                return "429";
            }
            if (pe.status() >= 500) {
                return "5xx";
            }
            if (pe.status() == 200) {
                return "body";
            }
            return pe.getCause() instanceof HttpTimeoutException ? "timeout" : "io";
        }
        return "other";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
