package org.zoninghub.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.zoninghub.store.AuditLog;
import org.zoninghub.store.Credentials;

/**
 * Who may do what (README "Access").
 *
 * <ul>
 *   <li>ADMIN: the administrator ({@code zoning.security.admin.*}) by HTTP Basic (tools) or form login with a session
 *       (the console, {@code /login}), or an OIDC bearer token whose roles claim holds the admin role. Admin API,
 *       imports, console, actuator beyond health.
 *   <li>READER: a department credential ({@code X-Api-Key} or HTTP Basic, {@link Credentials}) or a bearer token
 *       with the reader role. Every read of {@code /api/v1/**}, {@code /ogcapi/**} and the OpenAPI document; ADMIN
 *       may read too. {@code zoning.security.anonymous-read} opens reads.
 *   <li>Cross-site forgery: a session-authenticated request needs the CSRF token (cookie {@code XSRF-TOKEN}, header
 *       {@code X-XSRF-TOKEN} or form field {@code _csrf}); every state-changing request that a browser marks as
 *       coming from another site ({@code Sec-Fetch-Site}, {@code Origin}) is refused, whatever its credentials,
 *       since a browser also sends Basic credentials it has cached ({@link CrossSiteRequestFilter}).
 *   <li>Every state-changing request is written to the audit trail ({@link AuditFilter}).
 * </ul>
 *
 * Failures answer with problem+json; a browser asking for the console is sent to the login page.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String[] READ_PATHS = {
        "/api/v1/**",
        "/ogcapi",
        "/ogcapi/**",
        "/v3/api-docs",
        "/v3/api-docs.yaml",
        "/v3/api-docs/**",
        "/swagger-ui/**",
        "/swagger-ui.html"
    };

    @Bean
    @Order(2)
    SecurityFilterChain api(
            HttpSecurity http,
            SecurityProperties properties,
            UserDetailsService admin,
            DepartmentKeys credentials,
            AuditLog audit,
            ObjectProvider<JwtDecoder> jwt)
            throws Exception {
        AuthenticationEntryPoint problem = unauthorized();
        RequestMatcher console = new AntPathRequestMatcher("/console/**");
        RequestMatcher consoleRoot = new AntPathRequestMatcher("/console");
        RequestMatcher consolePages = r -> console.matches(r) || consoleRoot.matches(r);

        DaoAuthenticationProvider adminProvider = new DaoAuthenticationProvider(admin);
        AuthenticationManager manager =
                new ProviderManager(adminProvider, new DepartmentAuthenticationProvider(credentials));

        HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
        requestCache.setRequestMatcher(consolePages);

        http.authenticationManager(manager)
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler())
                        // a request without a session cookie is not session-authenticated, so there is nothing for
                        // a forged request to ride on; the login form itself keeps its token
                        .ignoringRequestMatchers(r -> r.getRequestedSessionId() == null && !"/login".equals(path(r))))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .requestCache(c -> c.requestCache(requestCache))
                .authorizeHttpRequests(auth -> authorize(auth, properties))
                .httpBasic(basic -> basic.realmName("zoning-hub").authenticationEntryPoint(problem))
                .formLogin(form -> form.defaultSuccessUrl("/console", true).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), consolePages)
                        .defaultAuthenticationEntryPointFor(problem, r -> true)
                        .accessDeniedHandler(forbidden()))
                .addFilterBefore(new AuditFilter(audit), DisableEncodeUrlFilter.class)
                .addFilterBefore(new CrossSiteRequestFilter(properties.allowedOrigins()), CsrfFilter.class)
                .addFilterBefore(new ApiKeyFilter(credentials, problem), BasicAuthenticationFilter.class)
                .addFilterBefore(new AuditFilter.ActorCapture(), ExceptionTranslationFilter.class)
                .headers(Customizer.withDefaults());
        JwtDecoder decoder = jwt.getIfAvailable();
        if (decoder != null) {
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(problem)
                    .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(new OidcRoles(properties.oidc()))));
            log.info(
                    "OIDC bearer tokens accepted: roles from claim '{}' ({} → ADMIN, {} → READER)",
                    properties.oidc().rolesClaim(),
                    properties.oidc().adminRole(),
                    properties.oidc().readerRole());
        }
        return http.build();
    }

    /**
     * Requests that carry {@code X-Api-Key}: department systems, answered without any state. No HTTP session is
     * read or opened, no CSRF token is made or checked (a browser never sends the header on its own, so a forged
     * request has nothing to ride on; the cross-site filter still refuses state-changing requests from other sites),
     * no request is saved for a login redirect. The same access rules, problem answers and audit trail as
     * {@link #api}; a request that is not about keys never comes here.
     */
    @Bean
    @Order(1)
    SecurityFilterChain keyApi(
            HttpSecurity http, SecurityProperties properties, DepartmentKeys credentials, AuditLog audit)
            throws Exception {
        AuthenticationEntryPoint problem = unauthorized();
        http.securityMatcher(r -> r.getHeader(ApiKeyFilter.HEADER) != null && !path(r).startsWith("/simulator/"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .authorizeHttpRequests(auth -> authorize(auth, properties))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problem).accessDeniedHandler(forbidden()))
                .addFilterBefore(new AuditFilter(audit), DisableEncodeUrlFilter.class)
                .addFilterBefore(new CrossSiteRequestFilter(properties.allowedOrigins()), CsrfFilter.class)
                .addFilterBefore(new ApiKeyFilter(credentials, problem), BasicAuthenticationFilter.class)
                .addFilterBefore(new AuditFilter.ActorCapture(), ExceptionTranslationFilter.class)
                .headers(Customizer.withDefaults());
        return http.build();
    }

    private static void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth,
            SecurityProperties properties) {
        auth.requestMatchers("/api/v1/admin/**", "/api/v1/imports", "/api/v1/imports/**")
                .hasRole("ADMIN")
                .requestMatchers("/console", "/console/**")
                .hasRole("ADMIN")
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                .permitAll()
                .requestMatchers("/actuator/**")
                .hasRole("ADMIN")
                .requestMatchers("/login", "/logout", "/error", "/simulator/**")
                .permitAll();
        // compliance checks are reads that take their footprint in a POST body
        var reads = auth.requestMatchers(HttpMethod.GET, READ_PATHS);
        var heads = auth.requestMatchers(HttpMethod.HEAD, READ_PATHS);
        var checks =
                auth.requestMatchers(HttpMethod.POST, "/api/v1/compliance-checks", "/api/v1/compliance-checks/batch");
        if (properties.anonymousRead()) {
            reads.permitAll();
            heads.permitAll();
            checks.permitAll();
        } else {
            reads.hasAnyRole("READER", "ADMIN");
            heads.hasAnyRole("READER", "ADMIN");
            checks.hasAnyRole("READER", "ADMIN");
        }
        auth.requestMatchers("/api/v1/**", "/ogcapi/**")
                .hasRole("ADMIN")
                .anyRequest()
                .permitAll();
    }

    private static AuthenticationEntryPoint unauthorized() {
        return (req, res, e) -> problem(
                res,
                HttpServletResponse.SC_UNAUTHORIZED,
                "Authentication required",
                "This resource needs credentials: an administrator's (HTTP Basic or the console's login) or a"
                        + " department's (X-Api-Key or HTTP Basic).");
    }

    private static AccessDeniedHandler forbidden() {
        return (req, res, e) -> problem(
                res,
                HttpServletResponse.SC_FORBIDDEN,
                "Forbidden",
                "Your credential does not allow this request (it needs the role ADMIN, or a valid CSRF token for a"
                        + " console session).");
    }

    /**
     * No observations of Spring Security's own (a timer and a trace span around every filter of the chain, every
     * authentication and every authorization): they cost more CPU per request than the compliance check they wrap,
     * and {@code http.server.requests} already times each request, outcome and status included.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    UserDetailsService users(SecurityProperties properties, Environment env) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String password = properties.admin().password();
        boolean prod = env.acceptsProfiles(Profiles.of("prod"));
        if (prod && (password == null || password.length() < ProdGuard.MIN_PASSWORD)) {
            throw new IllegalStateException(ProdGuard.PASSWORD_REQUIRED);
        }
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

    static String path(HttpServletRequest r) {
        String uri = r.getRequestURI();
        String context = r.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    static void problem(HttpServletResponse res, int status, String title, String detail) throws java.io.IOException {
        res.setStatus(status);
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        res.setCharacterEncoding("UTF-8");
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            res.setHeader("WWW-Authenticate", "Basic realm=\"zoning-hub\"");
        }
        res.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }
}
