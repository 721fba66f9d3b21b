package org.zoninghub.sync.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.zoninghub.store.Quarantine;
import org.zoninghub.store.Quarantine.Item;
import org.zoninghub.store.RuleVersions;
import org.zoninghub.store.SyncLock;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Counts;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.store.UnitVersions;
import org.zoninghub.sync.DeliveryRuns;
import org.zoninghub.sync.ProvincialMapper;
import org.zoninghub.sync.SyncInProgressException;
import org.zoninghub.sync.files.FileImport;
import org.zoninghub.sync.imports.FileDeliveries;
import org.zoninghub.zoning.Jurisdiction;

/**
 * Replays a quarantined record after its source or the hub's configuration was fixed: the record as received is
 * validated and applied like a delivery of its own (never a full one, so nothing is retired by absence), in a sync
 * run of its own (trigger ADMIN, source {@code quarantine #{id}}), under the sync lock, through {@link DeliveryRuns}.
 * The item becomes REPLAYED only when that run SUCCEEDED with nothing rejected; otherwise it stays OPEN and the run
 * (REJECTED with its reasons, or FAILED) says why.
 *
 * <p>A record is recognised by its shape: a GeoJSON Feature is a unit, an object with {@code CJ} a city or basin
 * list, an object with {@code HJGKDYBM} a unit's list row of a table.
 */
@Component
public class QuarantineReplay {

    /** The outcome: the run, and whether the item was marked REPLAYED. */
    public record Replayed(SyncRun run, boolean resolved) {}

    /** Why an item cannot be replayed (it is not OPEN, or its record was not kept). */
    public static class NotReplayableException extends RuntimeException {
        public NotReplayableException(String message) {
            super(message);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(QuarantineReplay.class);

    private final Quarantine quarantine;
    private final SyncRuns runs;
    private final SyncLock lock;
    private final DeliveryRuns deliveryRuns;
    private final UnitVersions units;
    private final RuleVersions rules;
    private final FileDeliveries deliveries;
    private final ObjectMapper json;

    public QuarantineReplay(
            Quarantine quarantine,
            SyncRuns runs,
            SyncLock lock,
            DeliveryRuns deliveryRuns,
            UnitVersions units,
            RuleVersions rules,
            ProvincialMapper mapper,
            Jurisdiction jurisdiction,
            ObjectMapper json) {
        this.quarantine = quarantine;
        this.runs = runs;
        this.lock = lock;
        this.deliveryRuns = deliveryRuns;
        this.units = units;
        this.rules = rules;
        this.deliveries = new FileDeliveries(mapper, jurisdiction);
        this.json = json;
    }

    /**
     * Replays the item, or returns empty when there is no such item.
     *
     * @throws NotReplayableException when the item is not OPEN or its record was not kept
     * @throws SyncInProgressException when a sync, import or replay holds the sync lock
     */
    public Optional<Replayed> replay(long id, String by) {
        Optional<Item> found = quarantine.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Item item = found.get();
        if (item.status() != Quarantine.Status.OPEN) {
            throw new NotReplayableException("quarantined record " + id + " is " + item.status() + ", not OPEN");
        }
        JsonNode record = parse(item);
        try (SyncLock.Lease lease = lock.tryAcquire().orElseThrow(SyncInProgressException::new)) {
            SyncRun run = runs.start(Trigger.ADMIN, "quarantine #" + id);
            try {
                FileImport asFile = asDelivery(item, record);
                // a unit a file delivered with its boundaries alone keeps its stored lists, as in its import; a
                // provincial record must carry its lists, as in a pull
                FileDeliveries.Mapped mapped = fromFile(item)
                        ? deliveries.map(asFile, units::latest, FileDeliveries.storedTexts(rules))
                        : deliveries.map(asFile, units::latest);
                lease.verify();
                run = deliveryRuns.complete(DeliveryRuns.Completion.of(
                                run.id(),
                                "replay " + run.id() + " of quarantined record " + id + " (" + item.record() + ")",
                                mapped.delivery(),
                                mapped.payloads(),
                                "PROVINCE")
                        .rejecting(null, true));
            } catch (RuntimeException e) {
                log.warn("replay {} of quarantined record {} failed: {}", run.id(), id, e.getMessage());
                runs.finish(run.id(), Outcome.FAILED, Counts.ZERO, e.getMessage(), List.of());
                run = runs.find(run.id()).orElseThrow();
            }
            boolean resolved = run.outcome() == Outcome.SUCCEEDED
                    && run.counts().rejected() == 0
                    && quarantine.markReplayed(id, run.id(), by);
            return Optional.of(new Replayed(run, resolved));
        }
    }

    private boolean fromFile(Item item) {
        return item.runId() != null
                && runs.find(item.runId()).map(r -> r.trigger() == Trigger.FILE).orElse(false);
    }

    private JsonNode parse(Item item) {
        if (item.payload() == null || item.payload().isBlank()) {
            throw new NotReplayableException("quarantined record " + item.id() + " (" + item.record()
                    + ") was rejected with its whole file; its record was not kept. Import the corrected file again");
        }
        try {
            JsonNode node = json.readTree(item.payload());
            if (!node.isObject()) {
                throw new NotReplayableException(
                        "quarantined record " + item.id() + " is not a JSON object and cannot be replayed");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new NotReplayableException(
                    "quarantined record " + item.id() + " is not readable JSON and cannot be replayed");
        }
    }

    private static FileImport asDelivery(Item item, JsonNode record) {
        ObjectNode o = (ObjectNode) record;
        String name = "quarantine #" + item.id();
        if ("Feature".equals(o.path("type").asText()) || o.has("properties")) {
            return new FileImport(name, "replay", List.of(o), List.of(), List.of(), List.of(), 0);
        }
        if (o.has("CJ")) {
            return new FileImport(name, "replay", List.of(), List.of(o), List.of(), List.of(), 0);
        }
        if (o.has("HJGKDYBM")) {
            return new FileImport(name, "replay", List.of(), List.of(), List.of(o), List.of(), 0);
        }
        throw new NotReplayableException("quarantined record " + item.id()
                + " is neither a unit (GeoJSON Feature), a list (CJ) nor a unit's list row (HJGKDYBM)");
    }
}
