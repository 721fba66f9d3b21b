package org.zoninghub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Access, from Spring's own request mappings: every admin endpoint answers 401 without credentials and 403 to a
 * department (READER); every read endpoint answers 401 without credentials. A department key works, and is refused
 * the moment it is revoked or rotated. A cross-site form post riding on a logged-in administrator's session is
 * refused, as is a cross-site request carrying Basic credentials a browser cached; the audit trail records who did
 * what, and the database refuses to change it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = basic("admin", "test-admin-secret");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** An endpoint: a method and a path with its variables filled in. */
    record Endpoint(String method, String pattern, String path) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    List<Endpoint> admin = new ArrayList<>();
    List<Endpoint> reads = new ArrayList<>();
    String readerKey;
    String readerId;

    @BeforeAll
    void enumerateEndpointsAndIssueAReaderKey() throws Exception {
        for (Map.Entry<RequestMappingInfo, ?> e : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    Endpoint endpoint = new Endpoint(m.name(), pattern, pattern.replaceAll("\\{[^}]+}", "x1"));
                    if (pattern.startsWith("/api/v1/admin") || pattern.startsWith("/api/v1/imports")) {
                        admin.add(endpoint);
                    } else if (pattern.startsWith("/api/v1/")
                            || pattern.startsWith("/ogcapi")
                            || pattern.startsWith("/v3/api-docs")) {
                        reads.add(endpoint);
                    }
                }
            }
        }
        HttpResponse<String> created = send("POST", "/api/v1/admin/credentials", ADMIN, Map.of(), """
                {"username": "it-access-reader", "name": "permits system", "department": "审批科"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        readerKey = body.get("key").asText();
        readerId = body.at("/credential/id").asText();
    }

    @Test
    void theMappingsHoldTheEndpointsThisTestIsAbout() {
        Set<String> adminSeen = new TreeSet<>();
        admin.forEach(e -> adminSeen.add(e.toString()));
        Set<String> readSeen = new TreeSet<>();
        reads.forEach(e -> readSeen.add(e.toString()));
        assertThat(adminSeen)
                .contains(
                        "GET /api/v1/admin/routes",
                        "POST /api/v1/admin/routes/{id}/stop",
                        "POST /api/v1/admin/quarantine/{id}/replay",
                        "DELETE /api/v1/admin/quarantine/{id}",
                        "GET /api/v1/admin/credentials",
                        "POST /api/v1/admin/credentials/{id}/rotate",
                        "GET /api/v1/admin/audit",
                        "POST /api/v1/admin/sync-runs",
                        "POST /api/v1/imports");
        assertThat(readSeen).contains("GET /api/v1/statistics", "GET /api/v1/units/{code}");
    }

    @Test
    void everyAdminEndpointNeedsAnAdministrator() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : admin) {
            int anonymous = send(e.method(), e.path(), null, Map.of(), null).statusCode();
            int reader = send(e.method(), e.path(), null, Map.of("X-Api-Key", readerKey), null)
                    .statusCode();
            int readerBasic = send(e.method(), e.path(), basic("it-access-reader", readerKey), Map.of(), null)
                    .statusCode();
            if (anonymous != 401 || reader != 403 || readerBasic != 403) {
                wrong.add(e + ": anonymous " + anonymous + ", reader key " + reader + ", reader Basic " + readerBasic);
            }
        }
        assertThat(admin).hasSizeGreaterThan(20);
        assertThat(wrong).as("admin endpoints answering other than 401/403").isEmpty();
    }

    @Test
    void everyReadEndpointNeedsACredential() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : reads) {
            int anonymous = send(e.method(), e.path(), null, Map.of(), null).statusCode();
            if (anonymous != 401) {
                wrong.add(e + ": " + anonymous);
            }
        }
        assertThat(reads).isNotEmpty();
        assertThat(wrong).as("read endpoints answering without credentials").isEmpty();
        assertThat(send("GET", "/api/v1/statistics", null, Map.of("X-Api-Key", readerKey), null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/v1/statistics", ADMIN, Map.of(), null).statusCode())
                .as("ADMIN reads what READER reads")
                .isEqualTo(200);
        assertThat(send("GET", "/actuator/health", null, Map.of(), null).statusCode())
                .as("health stays open")
                .isIn(200, 503);
    }

    @Test
    void aRotatedOrRevokedKeyIsRefusedAtOnce() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/admin/credentials", ADMIN, Map.of(), """
                {"username": "it-access-revoked", "name": "monitoring system"}""");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        String key = body.get("key").asText();
        String id = body.at("/credential/id").asText();
        assertThat(send("GET", "/api/v1/admin/credentials", ADMIN, Map.of(), null)
                        .body())
                .as("a key is shown once: never in the list")
                .doesNotContain(key)
                .contains("it-access-revoked");
        assertThat(jdbc.queryForObject("select key_hash from credential where id = ?::uuid", String.class, id))
                .as("only a hash is stored")
                .isNotEqualTo(key)
                .hasSize(64);
        assertThat(read(key)).isEqualTo(200);
        assertThat(send("GET", "/api/v1/statistics", basic("it-access-revoked", key), Map.of(), null)
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> rotated = send("POST", "/api/v1/admin/credentials/" + id + "/rotate", ADMIN, Map.of(), "");
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newKey = JSON.readTree(rotated.body()).get("key").asText();
        assertThat(read(key)).as("the key before rotation").isEqualTo(401);
        assertThat(read(newKey)).isEqualTo(200);

        assertThat(send("DELETE", "/api/v1/admin/credentials/" + id, ADMIN, Map.of(), null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(read(newKey)).as("the revoked key, on the very next request").isEqualTo(401);
        assertThat(send("GET", "/api/v1/statistics", basic("it-access-revoked", newKey), Map.of(), null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(read("zh_AAAAAAAA_not-a-key")).isEqualTo(401);
    }

    @Test
    void aCrossSiteFormPostWithAnAdministratorsSessionIsRefused() throws Exception {
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpResponse<String> loginPage = send("GET", "/login", null, Map.of(), null);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.body()).contains("name=\"username\"").contains("name=\"password\"");
        collect(loginPage, cookies);
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        HttpResponse<String> login = send(
                "POST",
                "/login",
                null,
                Map.of(
                        "Cookie",
                        cookieHeader(cookies),
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "Origin",
                        "http://localhost:" + port),
                "username=admin&password=test-admin-secret&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/console");
        collect(login, cookies);
        assertThat(cookies).containsKey("JSESSIONID");

        // the session works for reads
        assertThat(send("GET", "/api/v1/admin/routes", null, Map.of("Cookie", cookieHeader(cookies)), null)
                        .statusCode())
                .isEqualTo(200);

        // what a page on another site makes the browser send: the session cookie, a form body, no token
        HttpResponse<String> forged = send(
                "POST",
                "/api/v1/admin/sync-runs",
                null,
                Map.of(
                        "Cookie", cookieHeader(cookies),
                        "Content-Type", "application/x-www-form-urlencoded",
                        "Origin", "http://evil.example",
                        "Sec-Fetch-Site", "cross-site"),
                "mode=full");
        assertThat(forged.statusCode()).isEqualTo(403);
        // an older browser sending neither Origin nor Sec-Fetch-Site: the missing CSRF token refuses it
        HttpResponse<String> noToken = send(
                "POST",
                "/api/v1/admin/sync-runs",
                null,
                Map.of("Cookie", cookieHeader(cookies), "Content-Type", "application/x-www-form-urlencoded"),
                "mode=full");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from sync_run", Integer.class))
                .as("no sync was triggered")
                .isZero();

        // the console itself: the XSRF-TOKEN cookie sent back in X-XSRF-TOKEN, same origin
        assertThat(cookies).containsKey("XSRF-TOKEN");
        HttpResponse<String> console = send(
                "DELETE",
                "/api/v1/admin/quarantine/987654?reason=test",
                null,
                Map.of(
                        "Cookie",
                        cookieHeader(cookies),
                        "X-XSRF-TOKEN",
                        cookies.get("XSRF-TOKEN"),
                        "Origin",
                        "http://localhost:" + port,
                        "Sec-Fetch-Site",
                        "same-origin"),
                null);
        assertThat(console.statusCode()).as(console.body()).isEqualTo(404);

        // Basic credentials a browser cached, sent with a cross-site request: refused; a tool's request passes
        assertThat(send(
                                "DELETE",
                                "/api/v1/admin/quarantine/987654?reason=test",
                                ADMIN,
                                Map.of("Origin", "http://evil.example"),
                                null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/admin/quarantine/987654?reason=test", ADMIN, Map.of(), null)
                        .statusCode())
                .isEqualTo(404);

        HttpResponse<String> logout = send(
                "POST",
                "/logout",
                null,
                Map.of(
                        "Cookie",
                        cookieHeader(cookies),
                        "X-XSRF-TOKEN",
                        cookies.get("XSRF-TOKEN"),
                        "Origin",
                        "http://localhost:" + port,
                        "Accept",
                        "text/html"),
                null);
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(send("GET", "/api/v1/admin/routes", null, Map.of("Cookie", cookieHeader(cookies)), null)
                        .statusCode())
                .as("the session ended")
                .isEqualTo(401);
        HttpResponse<String> browser = send("GET", "/console", null, Map.of("Accept", "text/html"), null);
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void theAuditTrailRecordsChangesAndCannotBeChanged() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/admin/credentials", ADMIN, Map.of(), """
                {"username": "it-access-audited", "name": "enforcement system"}""");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).at("/credential/id").asText();
        assertThat(send("DELETE", "/api/v1/admin/credentials/" + id, ADMIN, Map.of(), null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/api/v1/admin/sync-runs", null, Map.of("X-Api-Key", readerKey), "")
                        .statusCode())
                .isEqualTo(403);

        JsonNode revoke = JSON.readTree(
                        send("GET", "/api/v1/admin/audit?actor=admin&target=" + id, ADMIN, Map.of(), null)
                                .body())
                .get("items");
        assertThat(revoke).hasSize(1);
        assertThat(revoke.get(0).get("action").asText()).isEqualTo("DELETE /api/v1/admin/credentials/{id}");
        assertThat(revoke.get(0).get("outcome").asInt()).isEqualTo(200);
        assertThat(revoke.get(0).get("auth").asText()).isEqualTo("BASIC");
        assertThat(revoke.get(0).get("client").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(revoke.get(0).get("at").asText()).isNotBlank();

        JsonNode refused = JSON.readTree(send(
                                "GET",
                                "/api/v1/admin/audit?actor=it-access-reader&action=/api/v1/admin/sync-runs",
                                ADMIN,
                                Map.of(),
                                null)
                        .body())
                .get("items");
        assertThat(refused).isNotEmpty();
        assertThat(refused.get(0).get("outcome").asInt()).isEqualTo(403);
        assertThat(refused.get(0).get("auth").asText()).isEqualTo("API_KEY");

        JsonNode page = JSON.readTree(send("GET", "/api/v1/admin/audit?limit=1", ADMIN, Map.of(), null)
                .body());
        assertThat(page.get("items")).hasSize(1);
        long next = page.get("next").asLong();
        JsonNode second = JSON.readTree(send("GET", "/api/v1/admin/audit?limit=1&before=" + next, ADMIN, Map.of(), null)
                .body());
        assertThat(second.at("/items/0/id").asLong()).isLessThan(next);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> jdbc.update("update audit_event set actor = 'someone else'"))
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("delete from audit_event"))
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.execute("truncate audit_event"))
                .hasMessageContaining("append-only");
    }

    int read(String key) throws Exception {
        return send("GET", "/api/v1/statistics", null, Map.of("X-Api-Key", key), null)
                .statusCode();
    }

    HttpResponse<String> send(
            String method, String path, String authorization, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        headers.forEach(b::header);
        if (body != null && !headers.containsKey("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static void collect(HttpResponse<?> response, Map<String, String> cookies) {
        for (String c : response.headers().allValues("Set-Cookie")) {
            String pair = c.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String value = pair.substring(eq + 1);
            if (value.isEmpty()) {
                cookies.remove(pair.substring(0, eq));
            } else {
                cookies.put(pair.substring(0, eq), value);
            }
        }
    }

    static String cookieHeader(Map<String, String> cookies) {
        return String.join(
                "; ",
                cookies.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
