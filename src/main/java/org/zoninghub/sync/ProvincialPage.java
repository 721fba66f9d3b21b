package org.zoninghub.sync;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One page of the platform's answer (docs/provincial-api.md), read in one streaming pass over its body: where the
 * text of each record of its array lies in the body, the record's key, and the page's {@code snapshotTime} and
 * {@code nextPageToken}. No tree of the page or of a record is built: a page of units is mostly coordinates, and
 * making a number node of each, then writing each record back as text for {@link CompactRecords}, took some 16 % of
 * the sync thread's CPU in a sync of the national set.
 *
 * <p>The pass reads a body as the hub's mapper reads it into a tree and fails where and as that read fails: its
 * parser comes from the mapper's factory (the same features and stream read constraints), every token of the page's
 * object is read and every string in it decoded, whichever member it is in, so a body broken anywhere in the object
 * is a JSON error before the page's shape is looked at. As the tree read does, the pass ends with the page's object
 * (what follows it is not read), and a member named twice counts with its last occurrence.
 *
 * @param body the page's body, which the records index
 * @param records the records of the page's array in their order, or null when the page has no such array (the member
 *     is missing or not an array)
 * @param snapshotTime the page's {@code snapshotTime} as text, or null when it has none
 * @param nextPageToken the page's {@code nextPageToken} as text, or null when it has none
 */
record ProvincialPage(byte[] body, List<Slice> records, String snapshotTime, String nextPageToken) {

    /**
     * One record of the page: its text is {@code body[from, to)}, from its first token to its last, as received. Its
     * key is what the paging is checked with, taken as {@link ProvincialMapper#text} takes a member from a tree: for
     * a unit the text of {@code properties.}{@value ProvincialMapper#CODE}, else of its {@code id}; for a list the
     * text of its {@value ProvincialMapper#SCOPE}; null when the record is not an object or has none.
     */
    record Slice(int from, int to, String key) {}

    /**
     * Reads a page whose records are the elements of its member {@code arrayField}.
     *
     * @param path the collection ({@code units}, {@code lists}), which says what a record's key is
     * @return the page, or empty when the body is empty or its JSON is not an object
     * @throws IOException the exception reading the body into a tree throws, when the body is not valid JSON
     */
    static Optional<ProvincialPage> read(ObjectMapper mapper, String path, String arrayField, byte[] body)
            throws IOException {
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            mapper.getDeserializationConfig().initialize(parser);
            if (parser.currentLocation().getByteOffset() < 0) {
                // UTF-16 or UTF-32, parsed through a Reader that knows no byte offsets: its tree, written as UTF-8
                JsonNode tree = mapper.readTree(body);
                return tree != null && tree.isObject()
                        ? read(mapper, path, arrayField, mapper.writeValueAsBytes(tree))
                        : Optional.empty();
            }
            return new Pass(mapper, parser, body, path.equals("units")).page(arrayField);
        }
    }

    /** The pass over one body. Each method reads the value the parser is on to its last token. */
    private static final class Pass {

        private final ObjectMapper mapper;
        private final JsonParser parser;
        private final byte[] body;
        private final boolean units;

        Pass(ObjectMapper mapper, JsonParser parser, byte[] body, boolean units) {
            this.mapper = mapper;
            this.parser = parser;
            this.body = body;
            this.units = units;
        }

        Optional<ProvincialPage> page(String arrayField) throws IOException {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                if (first != null) {
                    skip();
                }
                return Optional.empty();
            }
            List<Slice> records = null;
            String snapshotTime = null;
            String nextPageToken = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(arrayField)) {
                    records = null;
                    if (value == JsonToken.START_ARRAY) {
                        records = records();
                    } else {
                        skip();
                    }
                } else if (name.equals("snapshotTime")) {
                    snapshotTime = text();
                } else if (name.equals("nextPageToken")) {
                    nextPageToken = text();
                } else {
                    skip();
                }
            }
            return Optional.of(new ProvincialPage(body, records, snapshotTime, nextPageToken));
        }

        private List<Slice> records() throws IOException {
            List<Slice> records = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int from = offset(parser.currentTokenLocation());
                String key = key();
                records.add(new Slice(from, offset(parser.currentLocation()), key));
            }
            return records;
        }

        /** The record's {@link Slice#key() key}. */
        private String key() throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                skip();
                return null;
            }
            String code = null;
            String other = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (units && name.equals("properties")) {
                    code = member(ProvincialMapper.CODE);
                } else if (name.equals(units ? "id" : ProvincialMapper.SCOPE)) {
                    other = text();
                } else {
                    skip();
                }
            }
            return code != null ? code : other;
        }

        /** The text of the object's member {@code field}; null when the value is not an object or has no such member. */
        private String member(String field) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                skip();
                return null;
            }
            String text = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals(field)) {
                    text = text();
                } else {
                    skip();
                }
            }
            return text;
        }

        /**
         * The value's text as {@link ProvincialMapper#text} takes it from its node: null for a null, else the node's
         * {@code asText()}: a string's value, the text of the number or boolean node the mapper reads, empty for an
         * object or array.
         */
        private String text() throws IOException {
            JsonToken value = parser.currentToken();
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            if (value == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            if (value.isStructStart()) {
                skip();
                return "";
            }
            int from = offset(parser.currentTokenLocation());
            return mapper.readTree(body, from, offset(parser.currentLocation()) - from)
                    .asText();
        }

        /**
         * Reads past the value, decoding each string as a tree read does: a string broken within (a bad escape,
         * bytes that are not UTF-8, more than the constraints allow) fails as it fails there.
         */
        private void skip() throws IOException {
            JsonToken token = parser.currentToken();
            int depth = 0;
            do {
                if (token == JsonToken.VALUE_STRING) {
                    parser.getText();
                } else if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
            } while (depth > 0 && (token = parser.nextToken()) != null);
        }

        private static int offset(JsonLocation location) {
            return (int) location.getByteOffset();
        }
    }
}
