package org.zoninghub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** The {@code prod} profile's password rule, and how an OIDC token's roles claim maps to the hub's roles. */
class SecurityRulesTest {

    static SecurityProperties properties(String password) {
        return new SecurityProperties(
                new SecurityProperties.Admin("admin", password),
                false,
                false,
                List.of(),
                new SecurityProperties.Oidc(
                        "realm_access.roles", "zoning-admin", "zoning-reader", "preferred_username"),
                java.time.Duration.ofSeconds(2));
    }

    static MockEnvironment prod() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("prod");
        return env;
    }

    @Test
    void prodRefusesToStartWithoutAPasswordOfTwelveCharactersAndNeverShowsIt() {
        SecurityConfiguration config = new SecurityConfiguration();
        assertThatThrownBy(() -> config.users(properties(null), prod()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 12 characters");
        assertThatThrownBy(() -> config.users(properties("short-pw-11"), prod()))
                .hasMessageContaining("ZONING_SECURITY_ADMIN_PASSWORD")
                .hasMessageNotContaining("short-pw-11");
        assertThat(config.users(properties("twelve-chars"), prod()).loadUserByUsername("admin"))
                .isNotNull();
        assertThat(config.users(properties(null), new MockEnvironment()).loadUserByUsername("admin"))
                .as("the zero-setup run generates one")
                .isNotNull();
    }

    @Test
    void anOidcTokensRolesClaimGrantsTheHubsRoles() {
        OidcRoles roles = new OidcRoles(properties("x").oidc());
        assertThat(authorities(roles, Map.of("realm_access", Map.of("roles", List.of("zoning-admin", "other"))), "ops"))
                .containsExactly("ROLE_ADMIN");
        assertThat(authorities(roles, Map.of("realm_access", Map.of("roles", "zoning-reader offline")), "eia"))
                .containsExactly("ROLE_READER");
        assertThat(authorities(roles, Map.of("roles", List.of("zoning-admin")), "x"))
                .as("another claim than the configured one grants nothing")
                .isEmpty();
        Jwt jwt = jwt(Map.of("realm_access", Map.of("roles", List.of("zoning-reader")), "preferred_username", "eia"));
        assertThat(roles.convert(jwt).getName()).isEqualTo("eia");
    }

    static List<String> authorities(OidcRoles roles, Map<String, Object> claims, String sub) {
        return roles.convert(jwt(claims)).getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
    }

    static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder b = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("subject")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(b::claim);
        return b.build();
    }
}
