package org.zoninghub.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * What the client makes of the pages a platform serves: the records as the platform sent them, and each problem of a
 * body named as it always was (an empty body or one that is no JSON object, a body that is not valid JSON anywhere in
 * it, a page without its array, too many records, a record repeated on a later page). The platform is a small HTTP
 * server of the test's own; a request is not retried.
 */
class ProvincialClientPagesTest {

    static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    /** Body of each page: the path, with {@code ?} and the page token after the first. */
    static final Map<String, byte[]> PAGES = new ConcurrentHashMap<>();

    static final HttpServer PROVINCE = server();

    static final String EMPTY_LISTS = "{\"items\": [], \"nextPageToken\": null}";

    final ProvincialClient client = new ProvincialClient(
            properties(3),
            JSON,
            new MockEnvironment(),
            new StaticListableBeanFactory(Map.of("meters", new SimpleMeterRegistry()))
                    .getBeanProvider(MeterRegistry.class));

    @BeforeEach
    void clear() {
        PAGES.clear();
    }

    @AfterAll
    static void stop() {
        PROVINCE.stop(0);
    }

    @Test
    void theRecordsOfEveryPageAreReadAsThePlatformSentThem() throws IOException {
        String first = """
                {"type": "FeatureCollection",
                 "features": [
                   {"type": "Feature", "id": "ZH1", "properties": {"HJGKDYBM": "ZH1", "HJGKDYMC": "辽源 𝄞", "a": 125.12345678901234},
                    "geometry": {"type": "Point", "coordinates": [125.12345678901234, 42.9]}},
                   {"type": "Feature", "properties": {"HJGKDYBM": 22040210001}, "properties": {"HJGKDYBM": "ZH2"}}
                 ],
                 "snapshotTime": "2026-03-01T10:00:00+08:00", "nextPageToken": "p2"}
                """;
        String second = "{\"features\": [{\"id\": \"ZH3\", \"geometry\": null}], \"nextPageToken\": null,"
                + " \"snapshotTime\": \"2026-03-01T10:00:00+08:00\"}";
        serve("units", first);
        serve("units?p2", second);
        serve("lists", "{\"items\": [{\"SYDXBM\": \"220400\", \"SYDXMC\": \"辽源市\"}], \"nextPageToken\": null}");

        ProvincialClient.Pull pull = client.read(null);

        JsonNode units = JSON.readTree(first).get("features");
        assertThat(pull.units())
                .containsExactly(
                        units.get(0),
                        units.get(1),
                        JSON.readTree(second).get("features").get(0));
        assertThat(pull.units().get(0).at("/properties/a").doubleValue()).isEqualTo(125.12345678901234);
        assertThat(pull.units().get(1).at("/properties/HJGKDYBM").asText()).isEqualTo("ZH2");
        assertThat(pull.lists()).containsExactly(JSON.readTree("{\"SYDXBM\": \"220400\", \"SYDXMC\": \"辽源市\"}"));
        assertThat(pull.snapshotTime()).isEqualTo("2026-03-01T10:00:00+08:00");
        assertThat(pull.requests()).isEqualTo(3);
    }

    @Test
    void anEmptyBodyOrOneThatIsNoJsonObjectIsNamedAndTransient() {
        for (String body : List.of("", " ", "null", "[{\"features\": []}]", "\"features\"")) {
            serve("units", body);
            ProvincialException e = failure();
            assertThat(e)
                    .as(body)
                    .hasMessage("GET units page 1: the body is empty or not a JSON object")
                    .hasNoCause();
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.transientFailure()).isTrue();
        }
    }

    @Test
    void aBodyThatIsNotValidJsonAnywhereIsNamedAsBeforeAndTransient() throws IOException {
        for (String body : List.of(
                "{\"type\": \"FeatureCollection\", \"features\": [{\"id\": \"ZH1\"}",
                "<html><body>502 Bad Gateway</body></html>",
                "{\"type\": \"FeatureCollection\", \"features\": 7, \"extra\": {\"a\": [\"\\u00zz\"]}}",
                "{\"type\": \"FeatureCollection\", \"extra\": [1, 2}")) {
            serve("units", body);
            ProvincialException e = failure();
            assertThat(e)
                    .as(body)
                    .hasMessage("GET units page 1: the body is truncated or not valid JSON ("
                            + body.getBytes(UTF_8).length + " bytes): " + treeProblem(body))
                    .hasCauseInstanceOf(JsonProcessingException.class);
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.transientFailure()).isTrue();
        }
    }

    @Test
    void aPageWithoutItsArrayIsNamedAndNotRetried() {
        for (String body : List.of(
                "{\"type\": \"FeatureCollection\"}",
                "{\"features\": {\"id\": \"ZH1\"}}",
                "{\"features\": [{\"id\": \"ZH1\"}], \"features\": null}")) {
            serve("units", body);
            ProvincialException e = failure();
            assertThat(e).as(body).hasMessage("units page 1: the response has no \"features\" array");
            assertThat(e.transientFailure()).isFalse();
        }
        serve("units", "{\"features\": []}");
        serve("lists", "{\"item\": []}");
        assertThat(failure()).hasMessage("lists page 1: the response has no \"items\" array");
    }

    @Test
    void moreRecordsThanAllowedAbandonTheRead() {
        serve("units", "{\"features\": [{\"id\": \"a\"}, {\"id\": \"b\"}], \"nextPageToken\": \"p2\"}");
        serve("units?p2", "{\"features\": [{\"id\": \"c\"}, {\"id\": \"d\"}], \"nextPageToken\": null}");
        serve("lists", EMPTY_LISTS);
        assertThat(failure())
                .hasMessage("units page 2: more than 3 records (zoning.province.max-records); the read is abandoned");
    }

    @Test
    void aRecordOnTwoPagesIsFoundByItsKeyAsTheTreeGaveIt() {
        serve("units", "{\"features\": [{\"properties\": {\"HJGKDYBM\": 22040210001}}], \"nextPageToken\": \"p2\"}");
        serve(
                "units?p2",
                "{\"features\": [{\"id\": \"x\", \"properties\": {\"HJGKDYBM\": \"22040210001\"}}],"
                        + " \"nextPageToken\": null}");
        serve("lists", EMPTY_LISTS);
        assertThat(failure()).hasMessageStartingWith("units page 2: record 22040210001 was already on page 1");
    }

    /** The parser's complaint as the client names it, from reading the body into a tree. */
    static String treeProblem(String body) throws IOException {
        try {
            JSON.readTree(body.getBytes(UTF_8));
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            int detail = m.indexOf(" (start marker");
            return detail < 0 ? m : m.substring(0, detail);
        }
        throw new AssertionError("valid JSON: " + body);
    }

    ProvincialException failure() {
        return catchThrowableOfType(ProvincialException.class, () -> client.read(null));
    }

    static void serve(String page, String body) {
        PAGES.put(page, body.getBytes(UTF_8));
    }

    static ProvinceProperties properties(int maxRecords) {
        return new ProvinceProperties(
                "http://localhost:" + PROVINCE.getAddress().getPort(),
                "key",
                20,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                DataSize.ofMegabytes(1),
                10,
                maxRecords,
                Duration.ofMinutes(5),
                true,
                new ProvinceProperties.Retry(
                        1, Duration.ofMillis(10), 2.0, Duration.ofMillis(100), 0.0, Duration.ofSeconds(1)),
                new ProvinceProperties.CircuitBreaker(100, 1000, 1000, Duration.ofSeconds(1), 1));
    }

    private static void respond(HttpExchange e) throws IOException {
        String path = e.getRequestURI().getPath().substring(1);
        String query = e.getRequestURI().getQuery();
        String token = query == null ? null : query.replaceAll(".*pageToken=([^&]*).*", "$1");
        byte[] body = PAGES.get(query != null && query.contains("pageToken=") ? path + "?" + token : path);
        if (body == null) {
            e.sendResponseHeaders(404, -1);
            e.close();
            return;
        }
        e.getResponseHeaders().add("Content-Type", "application/json");
        e.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(body);
        }
    }

    private static HttpServer server() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", ProvincialClientPagesTest::respond);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
