package org.zoninghub.api.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.web.filter.OncePerRequestFilter;
import org.zoninghub.store.ApiKeyLookup;
import org.zoninghub.store.Credentials.Credential;

/**
 * The compliance check of one footprint by a department system, answered in front of every other filter: a
 * department's check is the hub's most frequent request, and the generic path (the request's observation, a dozen
 * security filters, handler mapping, interceptors, message conversion) cost as much CPU as the check itself.
 *
 * <p>It answers only what the generic path would answer 200 to, exactly as that path would, and hands every other
 * request on to it unchanged, so that refusals and problems stay those of the generic path:
 *
 * <ul>
 *   <li>{@code POST /api/v1/compliance-checks} without a query string, with an {@code X-Api-Key} header and no
 *       {@code Authorization} header, no browser headers ({@code Origin}, {@code Sec-Fetch-Site}: the cross-site
 *       filter's business), an {@code Accept} that takes JSON, and a {@code Content-Length} within
 *       {@code zoning.compliance.max-request-bytes};
 *   <li>the hub is ready for traffic (the readiness gate's condition);
 *   <li>the key is that of an active credential with role READER or ADMIN ({@link ApiKeyLookup}: the same in-memory
 *       copy of the credentials the security filter chain checks keys against, so a revoked key is refused as soon
 *       there), noted as used as the chain notes it;
 *   <li>the footprint checks without a defect.
 * </ul>
 *
 * A request that fails any of these goes on down the chain with its body as read (kept in memory, at most the budget),
 * and gets the 400, 401, 403, 406 or 503 it got before. The answer carries the security filter chain's default
 * headers, and the request is timed in the same timer as the generic path's observation times a 200 of this endpoint
 * ({@code http.server.requests} with the same tags), without the observation's own work per request (it is not counted
 * among {@code http.server.requests.active}, the requests in progress). Compliance checks are not audited (they are
 * reads), here as on the generic path.
 */
final class DirectCheck extends OncePerRequestFilter {

    static final String PATH = "/api/v1/compliance-checks";

    private final ComplianceController controller;
    private final ApiKeyLookup keys;
    private final ApplicationAvailability availability;
    private final ObjectMapper mapper;
    private final long maxRequestBytes;
    private final Timer timer;
    private final AtomicLong answered = new AtomicLong();

    DirectCheck(
            ComplianceController controller,
            ApiKeyLookup keys,
            ApplicationAvailability availability,
            ObjectMapper mapper,
            long maxRequestBytes,
            MeterRegistry meters) {
        this.controller = controller;
        this.keys = keys;
        this.availability = availability;
        this.mapper = mapper;
        this.maxRequestBytes = maxRequestBytes;
        // the tags the observation of the generic path gives a 200 of this endpoint (its convention's low-cardinality
        // keys, and the error its meter handler adds), so that both paths count in one timer
        this.timer = Timer.builder("http.server.requests")
                .tags("error", "none", "exception", "none", "method", "POST", "outcome", "SUCCESS", "status", "200")
                .tag("uri", PATH)
                .register(meters);
    }

    /** How many checks this path answered itself (the others went down the generic path). */
    long answered() {
        return answered.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        return !"POST".equals(request.getMethod())
                || !PATH.equals(request.getRequestURI()
                        .substring(request.getContextPath().length()))
                || request.getQueryString() != null
                || request.getHeader("X-Api-Key") == null
                || request.getHeader("Authorization") != null
                || request.getHeader("Origin") != null
                || request.getHeader("Sec-Fetch-Site") != null
                || !takesJson(request.getHeader("Accept"))
                || length < 0
                || length > maxRequestBytes
                || availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        Optional<Credential> credential =
                keys.byKey(request.getHeader("X-Api-Key").strip());
        if (credential.isEmpty() || !reads(credential.get().role())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) request.getContentLengthLong());
        ObjectNode answer;
        try {
            answer = controller.check(new ByteArrayInputStream(body), body.length);
        } catch (RuntimeException defect) {
            // a defect of the footprint, named by the generic path's problem handler
            chain.doFilter(new ReadBody(request, body), response);
            return;
        }
        keys.used(credential.get().id());
        byte[] json = mapper.writeValueAsBytes(answer);
        response.setStatus(HttpServletResponse.SC_OK);
        securityHeaders(request, response);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
        answered.incrementAndGet();
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private static boolean reads(String role) {
        return "READER".equals(role) || "ADMIN".equals(role);
    }

    /** Whether an {@code Accept} header admits {@code application/json} (absent: anything goes). */
    static boolean takesJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (!type.equals("application/json") && !type.equals("application/*") && !type.equals("*/*")) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String[] p = parts[i].split("=", 2);
                if (p.length == 2 && p[0].strip().equalsIgnoreCase("q")) {
                    try {
                        q = Double.parseDouble(p[1].strip());
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            if (q > 0) {
                return true;
            }
        }
        return false;
    }

    /** The headers Spring Security writes by default ({@code headers(withDefaults())}), as on every other answer. */
    private static void securityHeaders(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "0");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
        response.setHeader("X-Frame-Options", "DENY");
    }

    /** The request with its body as this path read it, for the generic path to read again. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("a read body is read blocking");
                }

                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }
            };
        }
    }
}
