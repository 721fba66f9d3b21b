package org.zoninghub.platform;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.zoninghub.store.Credentials;
import org.zoninghub.store.Credentials.Credential;

/**
 * HTTP Basic for departments: the credential's username and its key as the password (role READER), checked against
 * the database on every request, so that a revoked credential is refused at once.
 */
final class DepartmentAuthenticationProvider implements AuthenticationProvider {

    private final Credentials credentials;

    DepartmentAuthenticationProvider(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        Object password = authentication.getCredentials();
        if (username == null || password == null) {
            throw new BadCredentialsException("no credentials");
        }
        Credential c = credentials
                .authenticateBasic(username, password.toString())
                .orElseThrow(() -> new BadCredentialsException("unknown or revoked credential"));
        credentials.touch(c.id());
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(
                c.username(), null, AuthorityUtils.createAuthorityList("ROLE_" + c.role()));
        token.setDetails(authentication.getDetails());
        return token;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
