package org.zoninghub.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access to the hub ({@code zoning.security.*}). Secrets never live in the repository: set the password through
 * the environment ({@code ZONING_SECURITY_ADMIN_PASSWORD}); without one, a password is generated at start-up and
 * printed once in the log.
 */
@ConfigurationProperties("zoning.security")
public record SecurityProperties(@DefaultValue Admin admin) {

    /**
     * @param username the administrator's user name
     * @param password the administrator's password; blank means generate one
     */
    public record Admin(@DefaultValue("admin") String username, String password) {}
}
