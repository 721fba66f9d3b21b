package org.zoninghub.admin.health;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.sync.ProvincialClient;

/**
 * Health component {@code province}: DOWN while the circuit breaker around the platform is open (since it opened),
 * or when the last successful pull is older than {@code zoning.health.province-max-age} (since it became too old);
 * UP otherwise, with the last pull's outcome. Without a configured platform it is UNKNOWN.
 */
@Component("provinceHealthIndicator")
class ProvinceHealth implements HealthIndicator {

    private static final List<Trigger> PULLS = List.of(Trigger.STARTUP, Trigger.SCHEDULE, Trigger.ADMIN);

    private final ProvincialClient client;
    private final SyncRuns runs;
    private final HealthProperties properties;
    private final Instant started = Instant.now();
    private final Since since = new Since();

    ProvinceHealth(ProvincialClient client, SyncRuns runs, HealthProperties properties) {
        this.client = client;
        this.runs = runs;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Optional<String> source = client.baseUrl();
        if (source.isEmpty()) {
            return Health.unknown()
                    .withDetail("reason", "no provincial platform is configured (zoning.province.base-url)")
                    .build();
        }
        ProvincialClient.CircuitStatus circuit = client.circuitStatus();
        Optional<SyncRun> lastSuccess = runs.latest(PULLS, source.get(), Outcome.SUCCEEDED);
        Optional<SyncRun> last = runs.latest(PULLS, source.get(), null);
        Health.Builder b;
        if (!circuit.state().equals("CLOSED") && !circuit.state().equals("HALF_OPEN")) {
            b = Health.down()
                    .withDetail(
                            "reason",
                            "the circuit breaker around the provincial platform is " + circuit.state()
                                    + ": its requests failed too often")
                    .withDetail("since", circuit.since());
        } else {
            Instant successAt = lastSuccess.map(r -> r.endedAt().toInstant()).orElse(null);
            Instant reference = successAt != null ? successAt : started;
            Instant staleAt = reference.plus(properties.provinceMaxAge());
            if (Instant.now().isAfter(staleAt)) {
                b = Health.down()
                        .withDetail(
                                "reason",
                                (successAt == null
                                                ? "no successful pull since the hub started"
                                                : "the last successful pull is older than "
                                                        + properties.provinceMaxAge())
                                        + " (zoning.health.province-max-age)")
                        .withDetail("since", staleAt);
            } else {
                b = Health.up().withDetail("since", since.of("province", Status.UP));
            }
        }
        b.withDetail("source", source.get()).withDetail("circuitBreaker", circuit.state());
        lastSuccess.ifPresent(r -> b.withDetail("lastSuccessAt", r.endedAt()));
        last.ifPresent(r -> {
            b.withDetail("lastRun", r.id()).withDetail("lastOutcome", r.outcome());
            if (r.error() != null) {
                b.withDetail("lastError", r.error());
            }
        });
        return b.build();
    }
}
