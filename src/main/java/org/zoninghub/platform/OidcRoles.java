package org.zoninghub.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Maps an OIDC token's roles claim ({@code zoning.security.oidc.roles-claim}, a dotted path, a list or a
 * space-separated string) to the hub's roles: the admin role value grants ADMIN, the reader role value READER;
 * anything else grants nothing. The caller's name is the {@code usernameClaim}, else {@code sub}.
 */
final class OidcRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties.Oidc oidc;

    OidcRoles(SecurityProperties.Oidc oidc) {
        this.oidc = oidc;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : roles(jwt.getClaims())) {
            if (role.equals(oidc.adminRole())) {
                authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
            } else if (role.equals(oidc.readerRole())) {
                authorities.add(new SimpleGrantedAuthority("ROLE_READER"));
            }
        }
        String name = jwt.getClaimAsString(oidc.usernameClaim());
        return new JwtAuthenticationToken(jwt, authorities, name == null ? jwt.getSubject() : name);
    }

    List<String> roles(Map<String, Object> claims) {
        Object node = claims;
        for (String part : oidc.rolesClaim().split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(part);
        }
        if (node instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (node instanceof String s) {
            return List.of(s.trim().split("\\s+"));
        }
        return List.of();
    }
}
