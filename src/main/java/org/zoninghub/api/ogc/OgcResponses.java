package org.zoninghub.api.ogc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;
import org.zoninghub.web.BadRequestException;

/**
 * JSON or HTML for one OGC API resource: {@code f=json|html} decides, else the {@code Accept} header (HTML only when
 * the caller prefers {@code text/html}, as a browser does; JSON otherwise). The HTML is a plain page: the title, the
 * links, and the JSON document.
 */
final class OgcResponses {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
    static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");
    static final MediaType OPENAPI_JSON = MediaType.parseMediaType("application/vnd.oai.openapi+json;version=3.0");

    private OgcResponses() {}

    /** Whether the caller gets HTML. */
    static boolean html(HttpServletRequest request) {
        String f = request.getParameter("f");
        if (f != null) {
            return switch (f) {
                case "html" -> true;
                case "json" -> false;
                default -> throw new BadRequestException("parameter \"f\": \"" + f + "\" is neither json nor html");
            };
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (RuntimeException e) {
            return false;
        }
        double best = -1;
        boolean html = false;
        for (MediaType t : types) {
            double q = t.getQualityValue();
            boolean isHtml = t.getType().equals("text") && t.getSubtype().equals("html");
            boolean isJson = t.getSubtype().endsWith("json");
            if ((isHtml || isJson) && q > best) {
                best = q;
                html = isHtml;
            }
        }
        return html;
    }

    static ResponseEntity<?> respond(
            HttpServletRequest request, ObjectMapper mapper, JsonNode body, MediaType json, String title) {
        return respond(request, mapper, body, json, title, new HttpHeaders());
    }

    static ResponseEntity<?> respond(
            HttpServletRequest request,
            ObjectMapper mapper,
            JsonNode body,
            MediaType json,
            String title,
            HttpHeaders headers) {
        if (html(request)) {
            return ResponseEntity.ok()
                    .headers(headers)
                    .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                    .body(page(mapper, body, title));
        }
        return ResponseEntity.ok().headers(headers).contentType(json).body(body);
    }

    private static String page(ObjectMapper mapper, JsonNode body, String title) {
        StringBuilder html = new StringBuilder(
                        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>")
                .append(HtmlUtils.htmlEscape(title))
                .append("</title></head><body>\n<h1>")
                .append(HtmlUtils.htmlEscape(title))
                .append("</h1>\n<ul>\n");
        JsonNode links = body.path("links");
        for (JsonNode link : links) {
            html.append("<li><a href=\"")
                    .append(HtmlUtils.htmlEscape(link.path("href").asText()))
                    .append("\">")
                    .append(HtmlUtils.htmlEscape(
                            link.path("title").asText(link.path("rel").asText())))
                    .append("</a> (")
                    .append(HtmlUtils.htmlEscape(link.path("rel").asText()))
                    .append(")</li>\n");
        }
        html.append("</ul>\n<pre>");
        try {
            html.append(
                    HtmlUtils.htmlEscape(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(body)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return html.append("</pre>\n</body></html>\n").toString();
    }
}
