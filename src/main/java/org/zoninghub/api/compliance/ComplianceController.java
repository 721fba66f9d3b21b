package org.zoninghub.api.compliance;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoninghub.web.AsOf;
import org.zoninghub.web.BadRequestException;

/**
 * {@code POST /api/v1/compliance-checks} (one footprint) and {@code POST /api/v1/compliance-checks/batch} (a
 * FeatureCollection, read as a stream and answered as NDJSON, one line per feature in order). Only reads.
 */
@RestController
@RequestMapping("/api/v1/compliance-checks")
class ComplianceController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final Set<String> MEMBERS = Set.of("geometry", "crs", "asOf", "industryCode");

    private final ComplianceIndex index;
    private final ComplianceChecks checks;
    private final IndustryTable industries;
    private final ComplianceProperties properties;
    private final FootprintReader reader;
    private final ObjectMapper mapper;

    ComplianceController(
            ComplianceIndex index,
            ComplianceChecks checks,
            IndustryTable industries,
            ComplianceProperties properties,
            ObjectMapper mapper) {
        this.index = index;
        this.checks = checks;
        this.industries = industries;
        this.properties = properties;
        this.reader = new FootprintReader(properties);
        this.mapper = mapper;
    }

    /**
     * One footprint: {@code {"geometry": {…}, "crs": "EPSG:4527"?, "asOf": "…"?, "industryCode": "C2614"?}}.
     * Every defect is a 400 problem whose {@code field} says where ({@code geometry.coordinates[0][3]}).
     */
    @PostMapping
    ObjectNode check(HttpServletRequest request) throws IOException {
        return check(request.getInputStream(), request.getContentLengthLong());
    }

    /**
     * The check of one footprint read from {@code in} ({@code declared}: the request's Content-Length, -1 when it
     * has none); a defect throws the {@link BadRequestException} the problem handler answers with.
     */
    ObjectNode check(InputStream in, long declared) throws IOException {
        if (declared > properties.maxRequestBytes()) {
            throw tooLarge();
        }
        JsonNode body;
        try (JsonParser parser = mapper.getFactory().createParser(new Limited(in))) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw invalid(new FootprintDefect(
                        "",
                        "the body must be a JSON object {\"geometry\": {…}, \"crs\"?, \"asOf\"?, \"industryCode\"?}"));
            }
            body = reader.readBounded(parser, mapper, "");
            if (parser.nextToken() != null) {
                throw invalid(new FootprintDefect("", "the body holds more than one JSON value"));
            }
        } catch (BodyTooLarge e) {
            throw tooLarge();
        } catch (JsonProcessingException e) {
            throw invalid(new FootprintDefect("", notJson(e)));
        } catch (FootprintDefect e) {
            throw invalid(e);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw invalid(new FootprintDefect(
                        name, "unknown member \"" + name + "\"; a check takes geometry, crs, asOf and industryCode"));
            }
        }
        String asOf = text(body, "asOf");
        IndustryTable.IndustryClass industry = industry(text(body, "industryCode"));
        OffsetDateTime t = AsOf.parse(asOf);
        ComplianceSnapshot snapshot = asOf == null ? index.current() : index.asOf(t);
        FootprintReader.Read read;
        try {
            read = reader.footprint(body.get("geometry"), "geometry", body.get("crs"), "crs");
        } catch (FootprintDefect e) {
            throw invalid(e);
        }
        return checks.check(snapshot, t, read, industry);
    }

    /**
     * A GeoJSON FeatureCollection, streamed: each feature is read, checked and answered before the next is read,
     * so memory stays bounded whatever the number of features. The query parameters {@code asOf},
     * {@code industryCode} and {@code crs} apply to every feature; a {@code crs} member of the collection before
     * its {@code features} does too. Each answer line is {@code {"index", "id", "result"}} or, for a defective
     * feature, {@code {"index", "id", "problem"}}; the batch goes on after a defective feature.
     */
    @PostMapping("/batch")
    void batch(
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String industryCode,
            @RequestParam(required = false) String crs,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        IndustryTable.IndustryClass industry = industry(industryCode);
        OffsetDateTime t = AsOf.parse(asOf);
        JsonNode crsNode = crs == null ? null : mapper.getNodeFactory().textNode(crs);
        try {
            reader.crs(crsNode, "crs");
        } catch (FootprintDefect e) {
            throw invalid(e);
        }
        ComplianceSnapshot snapshot = asOf == null ? index.current() : index.asOf(t);
        OffsetDateTime at = asOf == null ? OffsetDateTime.now(t.getOffset()) : t;
        new Batch(snapshot, at, industry, crsNode, request, response).run();
    }

    /** One batch run: the parser over the request, the NDJSON writer over the response. */
    private final class Batch {
        private final ComplianceSnapshot snapshot;
        private final OffsetDateTime at;
        private final IndustryTable.IndustryClass industry;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private JsonNode crs;
        private String crsField = "crs";
        private JsonGenerator out;
        private long index;

        Batch(
                ComplianceSnapshot snapshot,
                OffsetDateTime at,
                IndustryTable.IndustryClass industry,
                JsonNode crs,
                HttpServletRequest request,
                HttpServletResponse response) {
            this.snapshot = snapshot;
            this.at = at;
            this.industry = industry;
            this.crs = crs;
            this.request = request;
            this.response = response;
        }

        void run() throws IOException {
            try (JsonParser parser = mapper.getFactory().createParser(request.getInputStream())) {
                try {
                    if (parser.nextToken() != JsonToken.START_OBJECT) {
                        throw invalid(new FootprintDefect("", "the body must be a GeoJSON FeatureCollection object"));
                    }
                    boolean sawFeatures = false;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (name.equals("features")) {
                            if (value != JsonToken.START_ARRAY) {
                                throw invalid(new FootprintDefect("features", "expected an array of features"));
                            }
                            sawFeatures = true;
                            features(parser);
                        } else if (name.equals("type") && !sawFeatures) {
                            if (value != JsonToken.VALUE_STRING
                                    || !parser.getText().equals("FeatureCollection")) {
                                throw invalid(new FootprintDefect(
                                        "type",
                                        "the body must be a GeoJSON FeatureCollection, got type "
                                                + FootprintReader.describe(mapper.readTree(parser))));
                            }
                        } else if (name.equals("crs") && !sawFeatures && crs == null) {
                            JsonNode node = mapper.readTree(parser);
                            try {
                                reader.crs(node, "crs");
                            } catch (FootprintDefect e) {
                                throw invalid(e);
                            }
                            crs = node;
                        } else {
                            parser.skipChildren();
                        }
                    }
                    if (!sawFeatures) {
                        throw invalid(new FootprintDefect("features", "the FeatureCollection has no features member"));
                    }
                } catch (JsonProcessingException e) {
                    if (out == null) {
                        throw invalid(new FootprintDefect("", notJson(e)));
                    }
                    writeProblem(index, null, "", notJson(e) + "; the batch stops here");
                }
            } finally {
                if (out != null) {
                    out.close();
                }
            }
        }

        private void features(JsonParser parser) throws IOException {
            start();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new JsonProcessingException("the body ends inside features") {};
                }
                if (index >= properties.maxBatchFeatures()) {
                    writeProblem(
                            index,
                            null,
                            "features[" + index + "]",
                            "more than " + properties.maxBatchFeatures() + " features"
                                    + " (zoning.compliance.max-batch-features); the features from here on are not"
                                    + " checked");
                    return;
                }
                String where = "features[" + index + "]";
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    writeProblem(index, null, where, "expected a GeoJSON Feature object");
                    index++;
                    continue;
                }
                JsonNode feature;
                try {
                    feature = reader.readBounded(parser, mapper, where);
                } catch (FootprintDefect e) {
                    writeProblem(index, e.id(), e.field(), e.detail());
                    index++;
                    continue;
                }
                one(feature, where);
                index++;
            }
        }

        private void one(JsonNode feature, String where) throws IOException {
            JsonNode id = feature.get("id");
            try {
                if (!"Feature".equals(feature.path("type").asText())) {
                    throw new FootprintDefect(
                            where + ".type",
                            "expected a GeoJSON Feature, got type " + FootprintReader.describe(feature.get("type")));
                }
                FootprintReader.Read read =
                        reader.footprint(feature.get("geometry"), where + ".geometry", crs, crsField);
                ObjectNode result = checks.check(snapshot, at, read, industry);
                out.writeStartObject();
                out.writeNumberField("index", index);
                out.writeFieldName("id");
                mapper.writeTree(out, id == null ? mapper.nullNode() : id);
                out.writeFieldName("result");
                mapper.writeTree(out, result);
                out.writeEndObject();
                out.writeRaw('\n');
            } catch (FootprintDefect e) {
                writeProblem(index, id, e.field(), e.detail());
            }
        }

        private void start() throws IOException {
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(NDJSON.toString());
            response.setCharacterEncoding("UTF-8");
            OutputStream stream = response.getOutputStream();
            out = mapper.getFactory().createGenerator(stream);
            out.setRootValueSeparator(null);
        }

        private void writeProblem(long i, JsonNode id, String field, String detail) throws IOException {
            if (out == null) {
                start();
            }
            ObjectNode line = mapper.createObjectNode();
            line.put("index", i);
            line.set("id", id == null ? mapper.nullNode() : id);
            ObjectNode p = line.putObject("problem");
            p.put("type", "about:blank");
            p.put("title", "Invalid footprint");
            p.put("status", 400);
            p.put("detail", (field.isEmpty() ? "" : field + ": ") + detail);
            p.put("field", field);
            mapper.writeTree(out, line);
            out.writeRaw('\n');
        }
    }

    private IndustryTable.IndustryClass industry(String codeOrName) {
        if (codeOrName == null) {
            return null;
        }
        return industries
                .find(codeOrName)
                .orElseThrow(() -> invalid(new FootprintDefect(
                        "industryCode",
                        "unknown industry \"" + codeOrName + "\": give a GB/T 4754-2017 class of the hub's table"
                                + " (" + IndustryTable.RESOURCE + ", " + industries.size()
                                + " classes, e.g. C2614) by its code or Chinese name")));
    }

    private static String text(JsonNode body, String member) {
        JsonNode n = body.get(member);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw invalid(new FootprintDefect(member, "expected a string, got " + FootprintReader.describe(n)));
        }
        return n.asText();
    }

    private static BadRequestException invalid(FootprintDefect defect) {
        String field = defect.field();
        BadRequestException e = new BadRequestException((field.isEmpty() ? "" : field + ": ") + defect.detail());
        ProblemDetail p = e.getBody();
        p.setTitle("Invalid footprint");
        p.setProperty("field", field);
        return e;
    }

    private BadRequestException tooLarge() {
        return invalid(new FootprintDefect(
                "",
                "the body exceeds " + properties.maxRequestBytes() + " bytes (zoning.compliance.max-request-bytes);"
                        + " simplify the footprint, or send many footprints to /api/v1/compliance-checks/batch"));
    }

    private static String notJson(JsonProcessingException e) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return "the body is not valid JSON" + where;
    }

    private static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("body too large", null);
        }
    }

    /** The request body, cut off (with {@link BodyTooLarge}) past {@code zoning.compliance.max-request-bytes}. */
    private final class Limited extends FilterInputStream {
        private long read;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > properties.maxRequestBytes()) {
                throw new BodyTooLarge();
            }
        }
    }
}
