package org.zoninghub.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic for the administrator (role ADMIN) on {@code /api/v1/admin/**}, imports and the console; read
 * endpoints stay open for departments. Failures answer with problem+json, never an HTML page.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/v1/admin/**", "/console/**")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/imports")
                        .hasRole("ADMIN")
                        .requestMatchers("/api/v1/imports/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole("ADMIN")
                        // department reads: the OGC API and the OpenAPI documents follow the rule of /api/v1 reads
                        .requestMatchers(HttpMethod.GET, "/api/v1/**", "/ogcapi/**", "/v3/api-docs/**")
                        .permitAll()
                        .anyRequest()
                        .permitAll())
                .httpBasic(basic -> basic.realmName("zoning-hub")
                        .authenticationEntryPoint((req, res, e) -> problem(
                                res,
                                HttpServletResponse.SC_UNAUTHORIZED,
                                "Authentication required",
                                "This resource needs an administrator's credentials (HTTP Basic).")))
                .exceptionHandling(ex -> ex.accessDeniedHandler((req, res, e) -> problem(
                        res, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "This resource needs the role ADMIN.")))
                .headers(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService users(SecurityProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String password = properties.admin().password();
        if (password == null || password.isBlank()) {
            byte[] bytes = new byte[12];
            new SecureRandom().nextBytes(bytes);
            password = HexFormat.of().formatHex(bytes);
            log.warn(
                    "No zoning.security.admin.password is set: generated administrator password for user '{}': {}"
                            + " (set ZONING_SECURITY_ADMIN_PASSWORD to choose one)",
                    properties.admin().username(),
                    password);
        }
        return new InMemoryUserDetailsManager(
                User.withUsername(properties.admin().username())
                        .password(encoder.encode(password))
                        .roles("ADMIN")
                        .build());
    }

    private static void problem(HttpServletResponse res, int status, String title, String detail)
            throws java.io.IOException {
        res.setStatus(status);
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            res.setHeader("WWW-Authenticate", "Basic realm=\"zoning-hub\"");
        }
        res.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }
}
