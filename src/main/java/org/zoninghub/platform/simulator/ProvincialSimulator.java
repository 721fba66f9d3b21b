package org.zoninghub.platform.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.zoninghub.platform.simulator.national.NationalDataset;

/**
 * The state a simulated provincial platform serves: unit features and city/basin list items, in the shapes of
 * docs/provincial-api.md. Tests and demos change it over time (put, change, retire, remove) to play the province's updates:
 * every change stamps the record's {@code GXSJ} with a time later than any before and moves the snapshot time there,
 * so that an incremental pull ({@code updatedSince} = the previous snapshot time) sees exactly the changes since.
 *
 * <p>It also injects {@link Fault faults} on request: latency, 5xx, 429, truncated or invalid bodies, a repeated
 * page, data that changes between pages.
 *
 * <p>It serves either a dataset read from files ({@link #load}) or a generated {@link NationalDataset}
 * ({@link #loadGenerated}), whose units it produces page by page and keeps only once they are changed, so that the
 * 44,604 units of the national set (about 13 million vertices) never sit in memory together.
 */
public class ProvincialSimulator {

    /** The simulated platform stamps its times in China Standard Time, as the dataset does. */
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    private final ObjectMapper mapper;
    /** Each served unit: an {@link ObjectNode}, or the {@link Integer} index of a generated unit not yet changed. */
    private final List<Object> units = new ArrayList<>();

    private NationalDataset generated;
    private final List<ObjectNode> lists = new ArrayList<>();
    private final List<ActiveFault> faults = new ArrayList<>();
    private String snapshotTime;

    private static final class ActiveFault {
        final Fault fault;
        int remaining;

        ActiveFault(Fault fault) {
            this.fault = fault;
            this.remaining = fault.times();
        }
    }

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
            generated = null;
            fc.path("features").forEach(f -> units.add((ObjectNode) f.deepCopy()));
            ls.path("items").forEach(i -> lists.add((ObjectNode) i.deepCopy()));
            snapshotTime = fc.path("snapshotTime").asText(null);
            faults.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulator dataset in " + dataset.toAbsolutePath(), e);
        }
    }

    /** Serves a generated dataset, replacing what was served; its units are produced when a page is asked for. */
    public synchronized void loadGenerated(NationalDataset dataset) {
        units.clear();
        lists.clear();
        generated = dataset;
        for (int i = 0; i < dataset.size(); i++) {
            units.add(i);
        }
        for (NationalDataset.ListItem item : dataset.lists()) {
            lists.add((ObjectNode) tree(g -> NationalDataset.writeList(g, item)));
        }
        snapshotTime = NationalDataset.UPDATED;
        faults.clear();
    }

    /** Every unit served, as features (a generated dataset is produced in full: mind its size). */
    public synchronized List<ObjectNode> units() {
        return units.stream().map(u -> feature(u).deepCopy()).toList();
    }

    /** How many units are served. */
    public synchronized int unitCount() {
        return units.size();
    }

    private interface Writer {
        void write(com.fasterxml.jackson.core.JsonGenerator g) throws IOException;
    }

    private JsonNode tree(Writer writer) {
        try (TokenBuffer buffer = new TokenBuffer(mapper, false)) {
            writer.write(buffer);
            return mapper.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The feature of a served unit: itself, or the generated unit produced now. */
    private ObjectNode feature(Object unit) {
        if (unit instanceof ObjectNode node) {
            return node;
        }
        NationalDataset.Unit u = generated.unit((Integer) unit);
        return (ObjectNode) tree(g -> generated.writeFeature(g, u));
    }

    /** The feature at a position, kept from now on (so that it can be changed in place). */
    private ObjectNode materialised(int at) {
        ObjectNode node = feature(units.get(at));
        units.set(at, node);
        return node;
    }

    private String codeAt(int at) {
        Object unit = units.get(at);
        if (unit instanceof ObjectNode node) {
            return node.path("properties").path("HJGKDYBM").asText();
        }
        return generated.codeOf((Integer) unit);
    }

    public synchronized List<ObjectNode> lists() {
        return lists.stream().map(ObjectNode::deepCopy).toList();
    }

    /** The platform's current snapshot time: the time of its latest change. */
    public synchronized String snapshotTime() {
        return snapshotTime;
    }

    /** Adds a unit feature or replaces the one with the same code, stamped with a new update time (GXSJ). */
    public synchronized void putUnit(ObjectNode feature) {
        String code = feature.path("properties").path("HJGKDYBM").asText();
        ObjectNode copy = feature.deepCopy();
        ((ObjectNode) copy.get("properties")).put("GXSJ", nextStamp());
        int at = indexOfUnit(code);
        if (at < 0) {
            units.add(copy);
        } else {
            units.set(at, copy);
        }
    }

    /** Adds a list item or replaces the one with the same scope, stamped with a new update time (GXSJ). */
    public synchronized void putList(ObjectNode item) {
        String scope = item.path("SYDXBM").asText();
        ObjectNode copy = item.deepCopy();
        copy.put("GXSJ", nextStamp());
        int at = indexOfList(scope);
        if (at < 0) {
            lists.add(copy);
        } else {
            lists.set(at, copy);
        }
    }

    /** Changes a unit's properties in place and stamps it; returns the new update time. */
    public synchronized String changeUnit(String code, Consumer<ObjectNode> properties) {
        int at = indexOfUnit(code);
        if (at < 0) {
            throw new IllegalArgumentException("the simulator serves no unit " + code);
        }
        ObjectNode p = (ObjectNode) materialised(at).get("properties");
        properties.accept(p);
        String stamp = nextStamp();
        p.put("GXSJ", stamp);
        return stamp;
    }

    /** Changes a city or basin list in place and stamps it; returns the new update time. */
    public synchronized String changeList(String scope, Consumer<ObjectNode> item) {
        int at = indexOfList(scope);
        if (at < 0) {
            throw new IllegalArgumentException("the simulator serves no list " + scope);
        }
        ObjectNode i = lists.get(at);
        item.accept(i);
        String stamp = nextStamp();
        i.put("GXSJ", stamp);
        return stamp;
    }

    /** Marks a unit retired (ZT 废止) as the platform announces a retirement; returns the new update time. */
    public synchronized String retireUnit(String code) {
        return changeUnit(code, p -> p.put("ZT", "废止"));
    }

    /**
     * Stops listing a unit at all, as a platform that deletes instead of retiring: only a full pull notices (and
     * retires it when {@code zoning.sync.retire-absent}).
     */
    public synchronized boolean removeUnit(String code) {
        int at = indexOfUnit(code);
        boolean removed = at >= 0;
        if (removed) {
            units.remove(at);
        }
        if (removed) {
            nextStamp();
        }
        return removed;
    }

    /** Adds a fault to inject; faults apply in the order added, each until spent. */
    public synchronized void inject(Fault fault) {
        faults.add(new ActiveFault(fault));
    }

    /** Removes every fault not yet spent. */
    public synchronized void clearFaults() {
        faults.clear();
    }

    /** The faults not yet spent, each with the requests it still affects as {@code times}. */
    public synchronized List<Fault> faults() {
        return faults.stream().map(a -> a.fault.times(a.remaining)).toList();
    }

    /** The fault that affects this request, if any, counted as spent once more. */
    public synchronized Optional<Fault> takeFault(String path, int page) {
        for (Iterator<ActiveFault> it = faults.iterator(); it.hasNext(); ) {
            ActiveFault a = it.next();
            if (a.fault.matches(path, page)) {
                if (--a.remaining <= 0) {
                    it.remove();
                }
                return Optional.of(a.fault);
            }
        }
        return Optional.empty();
    }

    /**
     * What {@link Fault.Kind#CHANGE_BETWEEN_PAGES} does after serving its page: the last unit served gets a new name
     * (and update time), and the snapshot time moves on.
     */
    public synchronized String changeBetweenPages() {
        String code = codeAt(units.size() - 1);
        return changeUnit(code, p -> p.put("HJGKDYMC", p.path("HJGKDYMC").asText() + "（调整）"));
    }

    private int indexOfUnit(String code) {
        for (int i = 0; i < units.size(); i++) {
            if (codeAt(i).equals(code)) {
                return i;
            }
        }
        return -1;
    }

    private int indexOfList(String scope) {
        for (int i = 0; i < lists.size(); i++) {
            if (lists.get(i).path("SYDXBM").asText().equals(scope)) {
                return i;
            }
        }
        return -1;
    }

    /** A time later than every stamp before it (whole seconds, China Standard Time); it becomes the snapshot time. */
    private String nextStamp() {
        OffsetDateTime now = OffsetDateTime.now(CST).truncatedTo(ChronoUnit.SECONDS);
        if (snapshotTime != null) {
            OffsetDateTime after =
                    OffsetDateTime.parse(snapshotTime).plusSeconds(1).withOffsetSameInstant(CST);
            if (!now.isAfter(after.minusNanos(1))) {
                now = after;
            }
        }
        snapshotTime = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now);
        return snapshotTime;
    }

    /** One page of units updated since the instant (all when null), as the platform's GeoJSON response. */
    public synchronized ObjectNode unitsPage(OffsetDateTime updatedSince, int offset, int size) {
        boolean generatedSelected = updatedSince == null
                || OffsetDateTime.parse(NationalDataset.UPDATED).isAfter(updatedSince);
        List<Object> selected = units.stream()
                .filter(u -> u instanceof ObjectNode f
                        ? updatedAfter(f.path("properties"), updatedSince)
                        : generatedSelected)
                .toList();
        ObjectNode page = mapper.createObjectNode();
        page.put("type", "FeatureCollection");
        ArrayNode features = page.putArray("features");
        selected.stream().skip(offset).limit(size).forEach(u -> features.add(feature(u)));
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
        page.put("snapshotTime", snapshotTime);
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
