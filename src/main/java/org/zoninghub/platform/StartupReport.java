package org.zoninghub.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.zoninghub.store.Credentials;

/**
 * Prints, once the hub is ready, where everything listens: the first thing an operator looks for. With
 * {@code zoning.security.reader-key-at-startup} (the zero-setup run) it also issues a department key (role READER,
 * credential {@code zero-setup-reader}, a new key at every start) and prints it, so that the read API can be tried at
 * once; the administrator's generated password is printed when the hub starts without one.
 */
@Component
class StartupReport {

    static final String READER = "zero-setup-reader";

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Environment env;
    private final Credentials credentials;
    private final SecurityProperties security;

    StartupReport(Environment env, Credentials credentials, SecurityProperties security) {
        this.env = env;
        this.credentials = credentials;
        this.security = security;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        String http = "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port"));
        StringBuilder b = new StringBuilder("zoning-hub is ready\n");
        line(b, "HTTP API", http + "/api/v1 (statistics, units, rules)");
        line(
                b,
                "Admin API",
                http + "/api/v1/admin (HTTP Basic, user " + env.getProperty("zoning.security.admin.username", "admin")
                        + ")");
        line(b, "Console", http + "/console (login at " + http + "/login)");
        if (security.readerKeyAtStartup()) {
            line(b, "Reader key", readerKey() + " (X-Api-Key, or HTTP Basic user " + READER + "; role READER)");
        } else if (security.anonymousRead()) {
            line(b, "Reads", "open to anyone (zoning.security.anonymous-read)");
        }
        line(b, "Health", http + "/actuator/health");
        line(b, "PostgreSQL", env.getProperty("spring.datasource.url", "(not configured)"));
        line(b, "Kafka", env.getProperty("spring.kafka.bootstrap-servers", "(not configured)"));
        String province = env.getProperty("zoning.province.base-url", "");
        if (province.isBlank() && env.getProperty("zoning.simulator.enabled", Boolean.class, false)) {
            province = http + "/simulator/province (built-in simulator)";
        }
        line(b, "Provincial API", province.isBlank() ? "(not configured: zoning.province.base-url)" : province);
        log.info(b.toString().stripTrailing());
    }

    /**
     * A new key for the zero-setup reader; none when an administrator revoked that credential. Instances that start
     * together on one store may both find no credential: the one whose insert loses rotates the winner's instead of
     * failing its start.
     */
    String readerKey() {
        var existing = credentials.findByUsername(READER);
        if (existing.isEmpty()) {
            try {
                return credentials
                        .create(READER, "zero-setup run", null, null, "startup")
                        .key();
            } catch (DuplicateKeyException e) {
                existing = credentials.findByUsername(READER);
                if (existing.isEmpty()) {
                    return "(none: credential " + READER + " could not be created)";
                }
            }
        }
        return credentials
                .rotate(existing.get().id())
                .map(Credentials.Issued::key)
                .orElse("(none: credential " + READER + " was revoked)");
    }

    private static void line(StringBuilder b, String what, String where) {
        b.append(String.format("  %-15s %s%n", what, where));
    }
}
