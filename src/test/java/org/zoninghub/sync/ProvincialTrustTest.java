package org.zoninghub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;
import org.zoninghub.store.SyncRuns.Counts;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;

/** What the hub does not take on trust from the platform: its clock, plain http in production, other origins. */
class ProvincialTrustTest {

    static final OffsetDateTime STARTED = OffsetDateTime.parse("2026-03-01T10:00:00Z");

    static SyncRun run() {
        return new SyncRun(
                UUID.randomUUID(),
                Trigger.SCHEDULE,
                "https://province.example/api",
                STARTED,
                null,
                Outcome.RUNNING,
                Counts.ZERO,
                null,
                List.of(),
                Mode.INCREMENTAL,
                null);
    }

    @Test
    void aSnapshotTimeInTheFutureIsClampedToTheRunsStart() {
        Duration skew = Duration.ofMinutes(5);
        assertThat(ProvincialSync.cursor("2031-01-01T00:00:00+08:00", run(), skew))
                .isEqualTo(STARTED);
        assertThat(ProvincialSync.cursor("2026-03-01T18:06:00+08:00", run(), skew))
                .isEqualTo(STARTED);
        assertThat(ProvincialSync.cursor("2026-03-01T18:04:00+08:00", run(), skew))
                .as("a few minutes ahead is clock skew, kept")
                .isEqualTo(OffsetDateTime.parse("2026-03-01T18:04:00+08:00"));
        assertThat(ProvincialSync.cursor("2026-03-01T17:59:00+08:00", run(), skew))
                .isEqualTo(OffsetDateTime.parse("2026-03-01T17:59:00+08:00"));
        assertThat(ProvincialSync.cursor(null, run(), skew)).isEqualTo(STARTED);
        assertThat(ProvincialSync.cursor("not a time", run(), skew)).isEqualTo(STARTED);
    }

    @Test
    void plainHttpIsRefusedUnderProdUnlessAllowed() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThatThrownBy(
                        () -> ProvincialClient.requireHttpsUnderProd(province("http://province.example", false), prod))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not https")
                .hasMessageContaining("zoning.province.allow-http");
        ProvincialClient.requireHttpsUnderProd(province("https://province.example", false), prod);
        ProvincialClient.requireHttpsUnderProd(province("http://province.example", true), prod);
        ProvincialClient.requireHttpsUnderProd(province("http://province.example", false), new MockEnvironment());
    }

    @Test
    void onlyTheSameOriginIsFollowed() {
        URI base = URI.create("https://province.example/api/units");
        assertThat(BoundedBodies.sameOrigin(base, URI.create("https://province.example/api/v2/units")))
                .isTrue();
        assertThat(BoundedBodies.sameOrigin(base, URI.create("https://province.example:443/x")))
                .isTrue();
        assertThat(BoundedBodies.sameOrigin(base, URI.create("http://province.example/api/units")))
                .isFalse();
        assertThat(BoundedBodies.sameOrigin(base, URI.create("https://province.example.evil/api")))
                .isFalse();
        assertThat(BoundedBodies.sameOrigin(base, URI.create("https://province.example:8443/api")))
                .isFalse();
    }

    static ProvinceProperties province(String baseUrl, boolean allowHttp) {
        return new ProvinceProperties(
                baseUrl,
                "key",
                20,
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                DataSize.ofMegabytes(64),
                10_000,
                100_000,
                Duration.ofMinutes(5),
                allowHttp,
                new ProvinceProperties.Retry(
                        4, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30), 0.5, Duration.ofSeconds(120)),
                new ProvinceProperties.CircuitBreaker(50, 20, 10, Duration.ofSeconds(60), 1));
    }
}
