package org.zoninghub.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;
import org.zoninghub.store.Credentials;
import org.zoninghub.store.Credentials.Credential;

/**
 * Authenticates a department by its key in {@code X-Api-Key} (role READER). The key is looked up in the database on
 * every request, so a revoked or rotated key is refused from the next request on. An unknown or revoked key is
 * answered 401 at once; the simulator's own {@code X-Api-Key} ({@code /simulator/**}) is not ours to check.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    private final Credentials credentials;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyFilter(Credentials credentials, AuthenticationEntryPoint entryPoint) {
        this.credentials = credentials;
        this.entryPoint = entryPoint;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null
                || SecurityConfiguration.path(request).startsWith("/simulator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Credential> credential =
                credentials.authenticateKey(request.getHeader(HEADER).strip());
        if (credential.isEmpty()) {
            contexts.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("unknown or revoked API key"));
            return;
        }
        Credential c = credential.get();
        credentials.touch(c.id());
        SecurityContext context = contexts.createEmptyContext();
        var token = UsernamePasswordAuthenticationToken.authenticated(
                c.username(), null, AuthorityUtils.createAuthorityList("ROLE_" + c.role()));
        token.setDetails(AuditFilter.API_KEY);
        context.setAuthentication(token);
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
