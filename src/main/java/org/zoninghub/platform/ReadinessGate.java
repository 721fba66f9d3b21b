package org.zoninghub.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 (problem+json, {@code Retry-After: 5}) to a state-changing request (POST, PUT, PATCH, DELETE) under
 * {@code /api/} while the hub is not ready for traffic: during start-up, the web server answers a few seconds before
 * the Camel routes run, and a sync, import or replay handed to a route then could not start; during shutdown, it
 * would not finish. Reads are served as soon as the web server answers. Registered after the security filter chain,
 * so an unauthenticated request still gets its 401. Readiness is Spring Boot's own
 * ({@code /actuator/health/readiness}): accepting traffic once the application is ready.
 */
@Component
class ReadinessGate extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final ApplicationAvailability availability;

    ReadinessGate(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE.contains(request.getMethod())
                || !SecurityConfiguration.path(request).startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ReadinessState state = availability.getReadinessState();
        if (state == ReadinessState.ACCEPTING_TRAFFIC) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", "5");
        SecurityConfiguration.problem(
                response,
                HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                "Hub not ready",
                "The hub is starting or stopping (readiness: " + state + "); nothing was changed. Try again in a few"
                        + " seconds (GET /actuator/health/readiness says when it is ready).");
    }
}
