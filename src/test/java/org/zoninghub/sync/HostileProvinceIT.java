package org.zoninghub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoninghub.store.SyncLock;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;

/**
 * A provincial platform that misbehaves on the wire (a body that trickles, a redirect to another host, a body or a
 * paging without end) fails its run within the request's deadline, naming why; the sync lock is released and the
 * API key never leaves the platform's origin. The platform is a small HTTP server of the test's own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {
            "zoning.simulator.enabled=false",
            "zoning.province.api-key=secret-province-key",
            "zoning.province.request-timeout=2s",
            "zoning.province.max-body-size=256KB",
            "zoning.province.max-pages=5",
            "zoning.province.retry.max-attempts=2",
            "zoning.province.retry.initial-backoff=100ms",
            "zoning.province.circuit-breaker.minimum-calls=100"
        })
@ActiveProfiles("test")
class HostileProvinceIT {

    enum Behaviour {
        TRICKLE,
        REDIRECT_ELSEWHERE,
        HUGE_BODY,
        ENDLESS_PAGES
    }

    static final HttpServer PROVINCE = server();
    static final HttpServer ELSEWHERE = server();
    static final AtomicReference<Behaviour> BEHAVIOUR = new AtomicReference<>(Behaviour.TRICKLE);
    static final List<String> KEYS_SEEN_ELSEWHERE = new CopyOnWriteArrayList<>();
    static final List<String> REQUESTS_ELSEWHERE = new CopyOnWriteArrayList<>();

    static {
        PROVINCE.createContext("/", HostileProvinceIT::province);
        ELSEWHERE.createContext("/", e -> {
            REQUESTS_ELSEWHERE.add(e.getRequestURI().toString());
            String key = e.getRequestHeaders().getFirst("X-Api-Key");
            if (key != null) {
                KEYS_SEEN_ELSEWHERE.add(key);
            }
            respond(e, "{\"type\":\"FeatureCollection\",\"features\":[],\"nextPageToken\":null}");
        });
        PROVINCE.start();
        ELSEWHERE.start();
    }

    @DynamicPropertySource
    static void province(DynamicPropertyRegistry registry) {
        registry.add(
                "zoning.province.base-url",
                () -> "http://localhost:" + PROVINCE.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        PROVINCE.stop(0);
        ELSEWHERE.stop(0);
    }

    @Autowired
    SyncTrigger trigger;

    @Autowired
    SyncRuns runs;

    @Autowired
    SyncLock lock;

    @BeforeEach
    void reset() {
        KEYS_SEEN_ELSEWHERE.clear();
        REQUESTS_ELSEWHERE.clear();
    }

    @Test
    void aTricklingBodyFailsTheRunWithinItsDeadlineAndReleasesTheLock() {
        BEHAVIOUR.set(Behaviour.TRICKLE);
        SyncRun run = trigger.trigger(Trigger.ADMIN, Mode.FULL);
        // 2 attempts of 2 s each and one backoff of about 100 ms; the body would trickle for a minute
        SyncRun failed = await().atMost(Duration.ofSeconds(12))
                .until(() -> runs.find(run.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.error()).contains("timed out after PT2S").contains("headers and body");
        Optional<SyncLock.Lease> lease = lock.tryAcquire();
        assertThat(lease).as("the sync lock is free again").isPresent();
        lease.get().close();
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowedAndTheKeyNeverLeaves() {
        BEHAVIOUR.set(Behaviour.REDIRECT_ELSEWHERE);
        SyncRun failed = finished(trigger.trigger(Trigger.ADMIN, Mode.FULL));
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.error())
                .contains("another origin")
                .contains("127.0.0.1:" + ELSEWHERE.getAddress().getPort());
        assertThat(REQUESTS_ELSEWHERE).isEmpty();
        assertThat(KEYS_SEEN_ELSEWHERE).isEmpty();
    }

    @Test
    void aBodyOverItsCapIsRefusedAsItArrives() {
        BEHAVIOUR.set(Behaviour.HUGE_BODY);
        SyncRun failed = finished(trigger.trigger(Trigger.ADMIN, Mode.FULL));
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.error()).contains("larger than 262144 bytes").contains("zoning.province.max-body-size");
    }

    @Test
    void pagingWithoutEndIsCutAtTheMaximumPages() {
        BEHAVIOUR.set(Behaviour.ENDLESS_PAGES);
        SyncRun failed = finished(trigger.trigger(Trigger.ADMIN, Mode.FULL));
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.error()).contains("more than 5 pages").contains("zoning.province.max-pages");
    }

    private SyncRun finished(SyncRun run) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> runs.find(run.id()).orElseThrow(), r -> r.outcome() != Outcome.RUNNING);
    }

    private static void province(HttpExchange e) throws IOException {
        switch (BEHAVIOUR.get()) {
            case TRICKLE -> {
                e.getResponseHeaders().add("Content-Type", "application/geo+json");
                e.sendResponseHeaders(200, 0);
                try (OutputStream out = e.getResponseBody()) {
                    byte[] body = "{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < 600; i++) {
                        out.write(body[i % body.length]);
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (InterruptedException | IOException cut) {
                    // the client gave up: as it should
                }
            }
            case REDIRECT_ELSEWHERE -> {
                e.getResponseHeaders()
                        .add(
                                "Location",
                                "http://127.0.0.1:" + ELSEWHERE.getAddress().getPort() + e.getRequestURI());
                e.sendResponseHeaders(302, -1);
                e.close();
            }
            case HUGE_BODY -> {
                StringBuilder body = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
                while (body.length() < 600_000) {
                    body.append("{\"type\":\"Feature\",\"properties\":{\"HJGKDYBM\":\"x\"},\"geometry\":null},");
                }
                body.setLength(body.length() - 1);
                respond(e, body.append("],\"nextPageToken\":null}").toString());
            }
            case ENDLESS_PAGES -> {
                String query = e.getRequestURI().getQuery();
                int page = query != null && query.contains("pageToken=p")
                        ? Integer.parseInt(query.replaceAll(".*pageToken=p(\\d+).*", "$1"))
                        : 0;
                respond(
                        e,
                        "{\"type\":\"FeatureCollection\",\"features\":[],\"nextPageToken\":\"p" + (page + 1) + "\"}");
            }
        }
    }

    private static void respond(HttpExchange e, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", "application/json");
        e.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static HttpServer server() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
