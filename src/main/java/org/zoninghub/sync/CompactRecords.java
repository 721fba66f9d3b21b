package org.zoninghub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The records of one read, held as their JSON text (UTF-8) and parsed again, one at a time, when read. A parsed tree
 * of a unit costs some 180 bytes a vertex (a node per number, an array per position); its text about 25: the
 * national set (13 million vertices) takes some 350 MB as text instead of more than 2 GB as trees, while the
 * delivery is read whole before anything of it is applied. Each {@link #get} parses anew and returns a tree the
 * caller may keep or drop.
 */
final class CompactRecords extends AbstractList<JsonNode> implements RandomAccess {

    private final ObjectMapper mapper;
    private final List<byte[]> texts = new ArrayList<>();

    CompactRecords(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Keeps a record as its JSON text. */
    void append(JsonNode record) {
        try {
            texts.add(mapper.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public JsonNode get(int index) {
        try {
            return mapper.readTree(texts.get(index));
        } catch (IOException e) {
            // the text was written from a tree a moment ago; it reads back
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int size() {
        return texts.size();
    }
}
