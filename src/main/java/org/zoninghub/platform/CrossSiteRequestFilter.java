package org.zoninghub.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses (403) a state-changing request (POST, PUT, PATCH, DELETE) that a browser says comes from another site:
 * {@code Sec-Fetch-Site: cross-site} or {@code same-site}, or else an {@code Origin} other than the hub's own (and
 * {@code zoning.security.allowed-origins}). Tools (curl, department systems) send neither header and pass. This
 * protects every credential a browser attaches by itself: the console's session cookie (which also needs its CSRF
 * token) and, above all, HTTP Basic credentials a browser has cached after a challenge, which no CSRF token guards.
 * The built-in simulator ({@code /simulator/**}) stands for another system and is left alone.
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final List<String> allowedOrigins;

    CrossSiteRequestFilter(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream()
                .map(o -> o.strip().toLowerCase(Locale.ROOT))
                .toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE.contains(request.getMethod())
                || SecurityConfiguration.path(request).startsWith("/simulator/")) {
            chain.doFilter(request, response);
            return;
        }
        String refused = refusal(request);
        if (refused != null) {
            SecurityConfiguration.problem(
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    "Cross-site request refused",
                    "A state-changing request from another site is refused (" + refused + "). Use the console of"
                            + " this hub, or a tool that does not run in a browser.");
            return;
        }
        chain.doFilter(request, response);
    }

    private String refusal(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            String s = site.strip().toLowerCase(Locale.ROOT);
            if (s.equals("cross-site") || s.equals("same-site")) {
                return "Sec-Fetch-Site: " + s;
            }
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return null;
        }
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (o.equals(ownOrigin(request)) || allowedOrigins.contains(o)) {
            return null;
        }
        return "Origin: " + (o.length() > 100 ? o.substring(0, 100) : o);
    }

    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + request.getServerName().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
