package org.zoninghub.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints, once the hub is ready, where everything listens: the first thing an operator looks for. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Environment env;

    StartupReport(Environment env) {
        this.env = env;
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

    private static void line(StringBuilder b, String what, String where) {
        b.append(String.format("  %-15s %s%n", what, where));
    }
}
