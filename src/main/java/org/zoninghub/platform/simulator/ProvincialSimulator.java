package org.zoninghub.platform.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The state a simulated provincial platform serves: unit features and city/basin list items, in the shapes of
 * CONTRACT §3. Tests and demos change it over time (put, retire, replace) to play the province's updates.
 */
public class ProvincialSimulator {

    private final ObjectMapper mapper;
    private final List<ObjectNode> units = new ArrayList<>();
    private final List<ObjectNode> lists = new ArrayList<>();
    private String snapshotTime;

    public ProvincialSimulator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Loads {@code units.geojson} and {@code lists.json} from a dataset directory, replacing what was served. */
    public synchronized void load(Path dataset) {
        try {
            JsonNode fc = mapper.readTree(Files.readAllBytes(dataset.resolve("units.geojson")));
            JsonNode ls = mapper.readTree(Files.readAllBytes(dataset.resolve("lists.json")));
            units.clear();
            lists.clear();
            fc.path("features").forEach(f -> units.add((ObjectNode) f.deepCopy()));
            ls.path("items").forEach(i -> lists.add((ObjectNode) i.deepCopy()));
            snapshotTime = fc.path("snapshotTime").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulator dataset in " + dataset.toAbsolutePath(), e);
        }
    }

    public synchronized List<ObjectNode> units() {
        return units.stream().map(ObjectNode::deepCopy).toList();
    }

    public synchronized List<ObjectNode> lists() {
        return lists.stream().map(ObjectNode::deepCopy).toList();
    }

    /** Adds a unit feature or replaces the one with the same code. */
    public synchronized void putUnit(ObjectNode feature) {
        String code = feature.path("properties").path("HJGKDYBM").asText();
        units.removeIf(f -> f.path("properties").path("HJGKDYBM").asText().equals(code));
        units.add(feature.deepCopy());
    }

    /** Adds a list item or replaces the one with the same scope. */
    public synchronized void putList(ObjectNode item) {
        String scope = item.path("SYDXBM").asText();
        lists.removeIf(i -> i.path("SYDXBM").asText().equals(scope));
        lists.add(item.deepCopy());
    }

    public synchronized boolean removeUnit(String code) {
        return units.removeIf(
                f -> f.path("properties").path("HJGKDYBM").asText().equals(code));
    }

    /** One page of units updated since the instant (all when null), as the platform's GeoJSON response. */
    public synchronized ObjectNode unitsPage(OffsetDateTime updatedSince, int offset, int size) {
        List<ObjectNode> selected = select(units, f -> updatedAfter(f.path("properties"), updatedSince));
        ObjectNode page = mapper.createObjectNode();
        page.put("type", "FeatureCollection");
        ArrayNode features = page.putArray("features");
        selected.stream().skip(offset).limit(size).forEach(features::add);
        page.put("nextPageToken", offset + size < selected.size() ? PageTokens.of(offset + size) : null);
        page.put("snapshotTime", snapshotTime);
        return page;
    }

    /** One page of city and basin lists updated since the instant (all when null). */
    public synchronized ObjectNode listsPage(OffsetDateTime updatedSince, int offset, int size) {
        List<ObjectNode> selected = select(lists, i -> updatedAfter(i, updatedSince));
        ObjectNode page = mapper.createObjectNode();
        ArrayNode items = page.putArray("items");
        selected.stream().skip(offset).limit(size).forEach(items::add);
        page.put("nextPageToken", offset + size < selected.size() ? PageTokens.of(offset + size) : null);
        return page;
    }

    private static List<ObjectNode> select(List<ObjectNode> all, Predicate<ObjectNode> filter) {
        return all.stream().filter(filter).toList();
    }

    private static boolean updatedAfter(JsonNode record, OffsetDateTime since) {
        if (since == null) {
            return true;
        }
        String gxsj = record.path("GXSJ").asText(null);
        return gxsj == null || OffsetDateTime.parse(gxsj).isAfter(since);
    }
}
