package org.zoninghub.platform;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.zoninghub.store.Credentials.Credential;

/**
 * HTTP Basic for departments: the credential's username and its key as the password (role READER), checked against
 * the active credentials of {@link DepartmentKeys}, so that a credential revoked through this instance is refused at
 * once (through another instance, within {@code zoning.security.credential-refresh}).
 */
final class DepartmentAuthenticationProvider implements AuthenticationProvider {

    private final DepartmentKeys credentials;

    DepartmentAuthenticationProvider(DepartmentKeys credentials) {
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
                .byPassword(username, password.toString())
                .orElseThrow(() -> new BadCredentialsException("unknown or revoked credential"));
        credentials.used(c.id());
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
