package org.zoninghub.sync.filing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.zoninghub.store.DynamicUpdateStore.FilingStatus;
import org.zoninghub.sync.BoundedBodies;
import org.zoninghub.sync.ProvinceProperties;
import org.zoninghub.sync.ProvincialClient;
import org.zoninghub.sync.ProvincialException;

/** The filing (备案) part of the provincial API (docs/provincial-api.md): submit an update, ask how it stands. */
@Component
class FilingClient {

    /** What the province said: its id of the filing, the status, and its comment (for a RETURNED filing, why). */
    public record Receipt(String filingId, FilingStatus status, String comment) {}

    private final ProvincialClient provincial;
    private final ProvinceProperties properties;
    private final ObjectMapper mapper;
    private final HttpClient http;

    /** A filing receipt is a few hundred bytes; anything past this is not one. */
    static final long MAX_BODY = 1024 * 1024;

    public FilingClient(ProvincialClient provincial, ProvinceProperties properties, ObjectMapper mapper) {
        this.provincial = provincial;
        this.properties = properties;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Receipt submit(JsonNode filing) {
        HttpRequest request = request("filings")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(filing.toString(), StandardCharsets.UTF_8))
                .build();
        return send(request, "POST filings");
    }

    public Receipt status(String filingId) {
        HttpRequest request = request("filings/" + URLEncoder.encode(filingId, StandardCharsets.UTF_8))
                .GET()
                .build();
        return send(request, "GET filings/" + filingId);
    }

    private HttpRequest.Builder request(String path) {
        String base = provincial
                .baseUrl()
                .orElseThrow(() -> new ProvincialException(
                        "no provincial platform is configured: set zoning.province.base-url", 0, false, null));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/" + path))
                .timeout(properties.requestTimeout())
                .header("Accept", "application/json");
        if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
            b.header("X-Api-Key", properties.apiKey());
        }
        return b;
    }

    /** The deadline of one request, headers and body ({@code zoning.province.request-timeout}). */
    public java.time.Duration deadline() {
        return properties.requestTimeout();
    }

    /** A byte answer read as UTF-8 text. */
    private record StringResponse(HttpResponse<byte[]> bytes) {
        int statusCode() {
            return bytes.statusCode();
        }

        String body() {
            return new String(bytes.body(), StandardCharsets.UTF_8);
        }
    }

    private Receipt send(HttpRequest request, String what) {
        StringResponse response;
        try {
            // the provincial client's bounds: one deadline for headers and body, a capped body, same-origin redirects
            HttpResponse<byte[]> bytes = BoundedBodies.send(
                    http,
                    request.uri(),
                    target -> HttpRequest.newBuilder(request, (name, value) -> true)
                            .uri(target)
                            .build(),
                    properties.requestTimeout(),
                    MAX_BODY);
            response = new StringResponse(bytes);
        } catch (BoundedBodies.TooLargeException | BoundedBodies.CrossOriginRedirectException e) {
            throw new ProvincialException(what + ": " + e.getMessage(), 0, false, e);
        } catch (IOException e) {
            throw new ProvincialException(what + ": " + e.getMessage(), 0, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvincialException(what + ": interrupted", 0, false, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new ProvincialException(what + ": HTTP " + status, status, status == 429 || status >= 500, null);
        }
        try {
            JsonNode body = mapper.readTree(response.body());
            String id = body.path("filingId").asText(null);
            String s = body.path("status").asText(null);
            if (id == null || s == null) {
                throw new ProvincialException(what + ": the answer has no filingId or status", status, true, null);
            }
            FilingStatus filingStatus;
            try {
                filingStatus = FilingStatus.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw new ProvincialException(what + ": unknown filing status \"" + s + "\"", status, false, e);
            }
            return new Receipt(id, filingStatus, body.path("comment").asText(null));
        } catch (IOException e) {
            throw new ProvincialException(what + ": the answer is not JSON", status, true, e);
        }
    }
}
