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
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.zoninghub.store.Credentials.Credential;

/**
 * Authenticates a department by its key in {@code X-Api-Key} (role READER). The key is matched against the active
 * credentials held in memory by {@link DepartmentKeys}: a key revoked or rotated through this instance is refused
 * from the next request on, one revoked through another instance within {@code zoning.security.credential-refresh}.
 * The request is authenticated for itself alone: no HTTP session is opened and no CSRF cookie is set (a department
 * system sends its key each time). An unknown or revoked key is answered 401 at once; the simulator's own {@code X-Api-Key} ({@code /simulator/**}) is not ours to check.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    private final DepartmentKeys credentials;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    ApiKeyFilter(DepartmentKeys credentials, AuthenticationEntryPoint entryPoint) {
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
                credentials.byKey(request.getHeader(HEADER).strip());
        if (credential.isEmpty()) {
            contexts.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("unknown or revoked API key"));
            return;
        }
        Credential c = credential.get();
        credentials.used(c.id());
        SecurityContext context = contexts.createEmptyContext();
        var token = UsernamePasswordAuthenticationToken.authenticated(
                c.username(), null, AuthorityUtils.createAuthorityList("ROLE_" + c.role()));
        token.setDetails(AuditFilter.API_KEY);
        context.setAuthentication(token);
        contexts.setContext(context);
        // kept for this request only, as Spring's own authentication filters keep theirs: the session management
        // filter then sees that the request authenticated itself and does not open an HTTP session for it (it did,
        // one session per request, for callers that never send the cookie back)
        repository.saveContext(context, request, response);
        chain.doFilter(request, response);
    }
}
