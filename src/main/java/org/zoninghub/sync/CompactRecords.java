package org.zoninghub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The records of one read, held as their JSON text as the platform sent it (each record's bytes of its page, UTF-8; a
 * page in UTF-16 or UTF-32 is written again as UTF-8 first) and parsed, one at a time, when read. A parsed tree of a
 * unit costs some 180 bytes a vertex (a node per number, an array per position); its compact text about 25: the
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

    /** Keeps a record as its JSON text, a copy of {@code body[from, to)}: one value of a page that was read whole. */
    void appendRaw(byte[] body, int from, int to) {
        texts.add(Arrays.copyOfRange(body, from, to));
    }

    @Override
    public JsonNode get(int index) {
        try {
            return mapper.readTree(texts.get(index));
        } catch (IOException e) {
            // the text is one value of a page the same mapper read without error; alone it reads the same
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int size() {
        return texts.size();
    }
}
