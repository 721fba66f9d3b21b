package org.zoninghub.platform;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access to the hub ({@code zoning.security.*}). Secrets never live in the repository: set the password through
 * the environment ({@code ZONING_SECURITY_ADMIN_PASSWORD}); without one, a password is generated at start-up and
 * printed once in the log (refused in the {@code prod} profile, which needs one of at least 12 characters).
 *
 * @param admin the administrator (role ADMIN)
 * @param anonymousRead open the read endpoints ({@code /api/v1/**} reads, {@code /ogcapi/**}, the OpenAPI document)
 *     to callers without a credential, for a closed network; false by default
 * @param readerKeyAtStartup issue a READER key at start-up and print it (credential {@code zero-setup-reader}, rotated
 *     at each start), so that the zero-setup run can be read at once; false in the {@code prod} profile
 * @param allowedOrigins origins (scheme://host[:port]) besides the hub's own from which a browser may send
 *     state-changing requests; empty by default
 * @param oidc how the claims of an OIDC bearer token map to roles (used only when
 *     {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code .jwk-set-uri} is set)
 * @param credentialRefresh the longest a department credential revoked or rotated by another hub instance on the
 *     same database is still accepted here: the active credentials are kept in memory and read again at least this
 *     often (a change made through this instance takes effect at once); 2 s by default
 */
@ConfigurationProperties("zoning.security")
public record SecurityProperties(
        @DefaultValue Admin admin,
        @DefaultValue("false") boolean anonymousRead,
        @DefaultValue("true") boolean readerKeyAtStartup,
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue Oidc oidc,
        @DefaultValue("2s") Duration credentialRefresh) {

    /**
     * @param username the administrator's user name
     * @param password the administrator's password; blank means generate one (not in the {@code prod} profile)
     */
    public record Admin(@DefaultValue("admin") String username, String password) {}

    /**
     * @param rolesClaim the claim holding the token's roles, a dotted path for nested claims
     *     ({@code realm_access.roles} for Keycloak); a list or a space-separated string
     * @param adminRole the value in that claim that grants ADMIN
     * @param readerRole the value in that claim that grants READER
     * @param usernameClaim the claim naming the caller in the audit trail (else {@code sub})
     */
    public record Oidc(
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("zoning-admin") String adminRole,
            @DefaultValue("zoning-reader") String readerRole,
            @DefaultValue("preferred_username") String usernameClaim) {}
}
