package org.zoninghub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Client of the provincial platform API (CONTRACT §3). It reads every page of a collection before returning, so a
 * broken page fails the whole read and nothing half-read reaches the store.
 */
@Component
public class ProvincialClient {

    /** All records of one collection, with the platform's snapshot time when it gave one. */
    public record Collection(List<JsonNode> records, String snapshotTime) {}

    /** Where the built-in simulator serves the platform API on the hub's own HTTP server. */
    static final String SIMULATOR_PATH = "/simulator/province";

    private final ProvinceProperties properties;
    private final ObjectMapper mapper;
    private final Environment env;
    private final HttpClient http;

    public ProvincialClient(ProvinceProperties properties, ObjectMapper mapper, Environment env) {
        this.properties = properties;
        this.mapper = mapper;
        this.env = env;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * The platform's base URL: {@code zoning.province.base-url} when set, else the built-in simulator on this hub's
     * own HTTP port when it is enabled (the zero-setup run), else none.
     */
    public Optional<String> baseUrl() {
        if (properties.configured()) {
            return Optional.of(stripSlash(properties.baseUrl()));
        }
        String port = env.getProperty("local.server.port");
        if (env.getProperty("zoning.simulator.enabled", Boolean.class, false) && port != null) {
            return Optional.of("http://localhost:" + port + SIMULATOR_PATH);
        }
        return Optional.empty();
    }

    /** Every unit feature updated since the instant (everything when null). */
    public Collection units(OffsetDateTime updatedSince) {
        return readAll("units", "features", updatedSince);
    }

    /** Every city and basin list updated since the instant (everything when null). */
    public Collection lists(OffsetDateTime updatedSince) {
        return readAll("lists", "items", updatedSince);
    }

    private Collection readAll(String path, String arrayField, OffsetDateTime updatedSince) {
        List<JsonNode> records = new ArrayList<>();
        Set<String> seenTokens = new HashSet<>();
        String token = null;
        String snapshot = null;
        int page = 0;
        do {
            page++;
            Map<String, String> query = new LinkedHashMap<>();
            if (updatedSince != null) {
                query.put("updatedSince", updatedSince.toString());
            }
            if (token != null) {
                query.put("pageToken", token);
            }
            query.put("pageSize", Integer.toString(properties.pageSize()));
            JsonNode body = get(path, query, page);
            JsonNode array = body.get(arrayField);
            if (array == null || !array.isArray()) {
                throw new ProvincialException(
                        path + " page " + page + ": the response has no \"" + arrayField + "\" array",
                        200,
                        false,
                        null);
            }
            array.forEach(records::add);
            if (snapshot == null && body.hasNonNull("snapshotTime")) {
                snapshot = body.get("snapshotTime").asText();
            }
            JsonNode next = body.get("nextPageToken");
            token = next == null || next.isNull() ? null : next.asText();
            if (token != null && !seenTokens.add(token)) {
                throw new ProvincialException(
                        path + " page " + page + ": page token " + token + " was already served (the platform loops)",
                        200,
                        false,
                        null);
            }
        } while (token != null);
        return new Collection(records, snapshot);
    }

    private JsonNode get(String path, Map<String, String> query, int page) {
        String base = baseUrl()
                .orElseThrow(() -> new ProvincialException(
                        "no provincial platform is configured: set zoning.province.base-url", 0, false, null));
        StringBuilder uri = new StringBuilder(base).append('/').append(path);
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            uri.append(sep)
                    .append(e.getKey())
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString()))
                .timeout(properties.requestTimeout())
                .header("Accept", "application/geo+json, application/json")
                .GET();
        if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
            request.header("X-Api-Key", properties.apiKey());
        }
        String what = "GET " + path + " page " + page;
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ProvincialException(what + ": timed out after " + properties.requestTimeout(), 0, true, e);
        } catch (IOException e) {
            throw new ProvincialException(what + ": " + e.getMessage(), 0, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvincialException(what + ": interrupted", 0, false, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            throw new ProvincialException(
                    what + ": HTTP " + status + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")"),
                    status,
                    status == 429 || status >= 500,
                    null);
        }
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new ProvincialException(what + ": the body is not valid JSON: " + e.getMessage(), status, true, e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
