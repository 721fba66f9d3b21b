package org.zoninghub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.ZoningHubApplication;

/**
 * Department credentials are held in memory ({@link DepartmentKeys}); two hub instances on one database. A key
 * revoked or rotated through an instance is refused by that instance on the very next request; the other instance
 * refuses it once {@code zoning.security.credential-refresh} has passed since the revocation committed (every request
 * it sends after that is refused, whatever the machine's load: a copy older than the period is read again before it
 * answers). The time of last use still reaches the database.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "zoning.security.credential-refresh=1s")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepartmentKeysIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration REFRESH = Duration.ofSeconds(1);

    @LocalServerPort
    int portA;

    @Autowired
    Environment envA;

    @Autowired
    JdbcTemplate jdbc;

    ConfigurableApplicationContext b;
    int portB;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startTheSecondInstance() {
        String url = envA.getRequiredProperty("spring.datasource.url");
        b = new SpringApplicationBuilder(ZoningHubApplication.class)
                .profiles("test")
                .properties(
                        "server.port=0",
                        "zoning.embedded.join-database=" + url.substring(url.lastIndexOf('/') + 1),
                        "zoning.security.credential-refresh=" + REFRESH.toMillis() + "ms",
                        "zoning.publish.topics.unit-changes=it-keys.units.changes",
                        "zoning.publish.topics.rule-changes=it-keys.rules.changes",
                        "zoning.publish.topics.unit-state=it-keys.units.state",
                        "zoning.publish.relay-interval=1h")
                .run();
        assertThat(b.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(url);
        portB = Integer.parseInt(b.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @AfterAll
    void stopTheSecondInstance() {
        if (b != null) {
            b.close();
        }
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceHereAndWithinTheRefreshPeriodOnTheOtherInstance() throws Exception {
        Issued issued = create(portA, "it-keys-revoked");
        assertThat(read(portA, issued.key())).isEqualTo(200);
        // B did not make the credential: it takes it up on its next reading of the table
        await().atMost(Duration.ofSeconds(60)).until(() -> read(portB, issued.key()) == 200);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                        "select last_used_at is not null from credential where id = ?::uuid",
                        Boolean.class,
                        issued.id()));

        assertThat(send(portA, "DELETE", "/api/v1/admin/credentials/" + issued.id(), AccessIT.ADMIN, null)
                        .statusCode())
                .isEqualTo(200);
        long committed = System.nanoTime();
        assertThat(read(portA, issued.key()))
                .as("the instance that revoked it, on the very next request")
                .isEqualTo(401);
        assertThat(basicRead(portA, "it-keys-revoked", issued.key())).isEqualTo(401);

        // B: accepted at most while its copy may predate the revocation; every request sent once the refresh period
        // has passed since the commit is refused
        List<String> lateAccepts = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    long sent = System.nanoTime();
                    int status = read(portB, issued.key());
                    if (status == 200 && sent - committed >= REFRESH.toNanos()) {
                        lateAccepts.add("accepted "
                                + Duration.ofNanos(sent - committed).toMillis() + " ms after the revocation");
                    }
                    return status == 401 && sent - committed >= REFRESH.toNanos();
                });
        assertThat(lateAccepts)
                .as("requests B accepted after the refresh period")
                .isEmpty();
        assertThat(basicRead(portB, "it-keys-revoked", issued.key())).isEqualTo(401);
        assertThat(read(portA, issued.key())).isEqualTo(401);
    }

    @Test
    void aKeyRotatedOnTheOtherInstanceIsRefusedThereAtOnce() throws Exception {
        Issued issued = create(portB, "it-keys-rotated");
        assertThat(read(portB, issued.key()))
                .as("made on B, known to B at once")
                .isEqualTo(200);
        HttpResponse<String> rotated =
                send(portB, "POST", "/api/v1/admin/credentials/" + issued.id() + "/rotate", AccessIT.ADMIN, "");
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newKey = JSON.readTree(rotated.body()).get("key").asText();
        assertThat(read(portB, issued.key())).as("the key before rotation").isEqualTo(401);
        assertThat(read(portB, newKey)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> read(portA, newKey) == 200);
        assertThat(read(portA, issued.key())).isEqualTo(401);
    }

    @Test
    void aRequestWithAKeyOpensNoSessionAndGetsNoCookie() throws Exception {
        Issued issued = create(portA, "it-keys-cookies");
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + portA + "/api/v1/compliance-checks"))
                .header("X-Api-Key", issued.key())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"geometry\": {\"type\": \"Point\", \"coordinates\": [125.1, 42.9]}}"))
                .build();
        HttpResponse<String> check = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        assertThat(check.headers().allValues("Set-Cookie"))
                .as("neither a session (JSESSIONID) nor a CSRF cookie for a department system")
                .isEmpty();
        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + portA + "/api/v1/statistics"))
                        .header("X-Api-Key", issued.key())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(send(portA, "GET", "/login", null, null).headers().allValues("Set-Cookie"))
                .as("the console's login page still sets its CSRF cookie")
                .anyMatch(c -> c.startsWith("XSRF-TOKEN="));
    }

    record Issued(String id, String key) {}

    Issued create(int port, String username) throws Exception {
        HttpResponse<String> created = send(
                port,
                "POST",
                "/api/v1/admin/credentials",
                AccessIT.ADMIN,
                "{\"username\": \"" + username + "\", \"name\": \"monitoring system\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        return new Issued(body.at("/credential/id").asText(), body.get("key").asText());
    }

    int read(int port, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/statistics"))
                .header("X-Api-Key", key)
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    int basicRead(int port, String username, String key) throws Exception {
        return send(port, "GET", "/api/v1/statistics", AccessIT.basic(username, key), null)
                .statusCode();
    }

    HttpResponse<String> send(int port, String method, String path, String authorization, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
