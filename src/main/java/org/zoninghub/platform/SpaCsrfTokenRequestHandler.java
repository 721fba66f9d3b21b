package org.zoninghub.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;

/**
 * The CSRF token handling of the Spring Security reference ("Single-Page Applications"): the console's script reads
 * the cookie {@code XSRF-TOKEN} and sends it raw in the header {@code X-XSRF-TOKEN}; server-rendered forms (the login
 * page) carry the BREACH-protected (masked) token in {@code _csrf}. The token is loaded on every request so that the
 * cookie is always there to read, except on a request with {@code X-Api-Key}: that is a department system, not the
 * console, and it has no use for the cookie (a key is never sent by a browser on its own, so there is nothing for a
 * forged request to ride on); a request that needs the token (one with a session) still loads it to check it.
 */
final class SpaCsrfTokenRequestHandler implements CsrfTokenRequestHandler {

    private final CsrfTokenRequestHandler plain = new CsrfTokenRequestAttributeHandler();
    private final CsrfTokenRequestHandler xor = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
        this.xor.handle(request, response, csrfToken);
        if (request.getHeader(ApiKeyFilter.HEADER) == null) {
            csrfToken.get();
        }
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
        String header = request.getHeader(csrfToken.getHeaderName());
        return (StringUtils.hasText(header) ? this.plain : this.xor).resolveCsrfTokenValue(request, csrfToken);
    }
}
