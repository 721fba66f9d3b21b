package org.zoninghub.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.zoninghub.store.AuditLog;

/**
 * Writes every state-changing request (POST, PUT, PATCH, DELETE) to the audit trail once it is answered, refused or
 * not: who (the authenticated name, or the name a login tried, or {@code anonymous}), how they authenticated, what
 * (the method and the endpoint's path pattern), the target (the path variables), the outcome (the HTTP status), when,
 * and the client's address. Reads are not audited, nor compliance checks (reads in a POST), nor the simulator.
 * Passwords, keys and bodies are never written. An audit trail the database cannot take is logged, and the answer
 * stands.
 */
final class AuditFilter extends OncePerRequestFilter {

    static final String API_KEY = "API_KEY";
    static final String ACTOR = AuditFilter.class.getName() + ".actor";
    static final String AUTH = AuditFilter.class.getName() + ".auth";

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final int DETAIL_LIMIT = 500;

    private final AuditLog audit;

    AuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = SecurityConfiguration.path(request);
        return SAFE.contains(request.getMethod())
                || path.startsWith("/simulator/")
                || path.equals("/api/v1/compliance-checks")
                || path.equals("/error");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            record(request, response);
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response) {
        try {
            String path = SecurityConfiguration.path(request);
            String actor = (String) request.getAttribute(ACTOR);
            String auth = (String) request.getAttribute(AUTH);
            if (actor == null && path.equals("/login")) {
                String tried = request.getParameter("username");
                actor = tried == null || tried.isBlank() ? "anonymous" : shorten(tried, 100);
                auth = "FORM_LOGIN";
            }
            String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            @SuppressWarnings("unchecked")
            Map<String, String> variables =
                    (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            String target = variables == null || variables.isEmpty()
                    ? null
                    : new TreeMap<>(variables)
                            .entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining(","));
            audit.append(
                    actor == null ? "anonymous" : actor,
                    auth == null ? "NONE" : auth,
                    request.getMethod() + " " + shorten(pattern != null ? pattern : path, 300),
                    target == null ? null : shorten(target, 300),
                    response.getStatus(),
                    request.getRemoteAddr(),
                    request.getQueryString() == null ? null : shorten(request.getQueryString(), DETAIL_LIMIT));
        } catch (RuntimeException e) {
            log.error(
                    "the audit trail could not record {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.getMessage());
        }
    }

    private static String shorten(String s, int limit) {
        return s.length() <= limit ? s : s.substring(0, limit) + "…";
    }

    /**
     * Notes, once authentication has run, who the request is from and how, for the audit filter that wraps the whole
     * chain (the security context is cleared before that filter sees the answer).
     */
    static final class ActorCapture extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication a = SecurityContextHolder.getContext().getAuthentication();
            if (a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken)) {
                request.setAttribute(ACTOR, a.getName());
                request.setAttribute(AUTH, how(request, a));
            }
            chain.doFilter(request, response);
        }

        private static String how(HttpServletRequest request, Authentication a) {
            if (a instanceof JwtAuthenticationToken) {
                return "BEARER";
            }
            if (API_KEY.equals(a.getDetails())) {
                return API_KEY;
            }
            String authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return "BASIC";
            }
            return "SESSION";
        }
    }
}
