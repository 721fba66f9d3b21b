package org.zoninghub.sync.filing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.zoninghub.spatial.GeoJsonGeometries;
import org.zoninghub.store.DynamicUpdateStore;
import org.zoninghub.store.DynamicUpdateStore.DynamicUpdate;
import org.zoninghub.store.EditionStore;
import org.zoninghub.store.RuleVersions;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.SyncLock;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.Rejection;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.store.UnitVersions;
import org.zoninghub.sync.Delivery;
import org.zoninghub.sync.DeliveryRuns;
import org.zoninghub.sync.ProvincialMapper;
import org.zoninghub.sync.SyncCounts;
import org.zoninghub.sync.SyncInProgressException;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.Editions;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.UnitStatus;

/**
 * Local dynamic updates (动态更新): an administrator's change to units or lists becomes a new edition ("2025" →
 * "2025.1"), is validated like any delivery, applied and announced in one transaction, and then filed (备案) with
 * the province. An update that fails validation or changes nothing applies nothing.
 */
@Component
public class DynamicUpdates {

    static final String LOCAL = "LOCAL";

    private final ProvincialMapper mapper;
    private final DeliveryRuns deliveryRuns;
    private final SyncRuns runs;
    private final EditionStore editions;
    private final UnitVersions units;
    private final RuleVersions rules;
    private final DynamicUpdateStore store;
    private final FilingTracker filings;
    private final Jurisdiction jurisdiction;
    private final ObjectMapper json;
    private final SyncLock lock;

    public DynamicUpdates(
            ProvincialMapper mapper,
            DeliveryRuns deliveryRuns,
            SyncRuns runs,
            EditionStore editions,
            UnitVersions units,
            RuleVersions rules,
            DynamicUpdateStore store,
            FilingTracker filings,
            Jurisdiction jurisdiction,
            ObjectMapper json,
            SyncLock lock) {
        this.lock = lock;
        this.mapper = mapper;
        this.deliveryRuns = deliveryRuns;
        this.runs = runs;
        this.editions = editions;
        this.units = units;
        this.rules = rules;
        this.store = store;
        this.filings = filings;
        this.jurisdiction = jurisdiction;
        this.json = json;
    }

    /** Applies an update as a new edition and files it; returns the recorded update with its filing state. */
    public synchronized DynamicUpdate submit(DynamicUpdateRequest request, String submittedBy) {
        List<Rejection> defects = new ArrayList<>();
        if (request.description() == null || request.description().isBlank()) {
            defects.add(new Rejection("description", "a dynamic update needs a description (why the zoning changes)"));
        }
        List<DynamicUpdateRequest.UnitEdit> unitEdits = request.units() == null ? List.of() : request.units();
        List<DynamicUpdateRequest.ListEdit> listEdits = request.lists() == null ? List.of() : request.lists();
        if (unitEdits.isEmpty() && listEdits.isEmpty()) {
            defects.add(new Rejection("request", "no units and no lists: the update changes nothing"));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime effectiveFrom = request.effectiveFrom() == null ? now : request.effectiveFrom();
        String edition = editions.newest().map(Editions::next).orElse(Integer.toString(effectiveFrom.getYear()));

        List<JsonNode> features = new ArrayList<>();
        for (DynamicUpdateRequest.UnitEdit edit : unitEdits) {
            feature(edit, edition, effectiveFrom, now, defects).ifPresent(features::add);
        }
        List<JsonNode> items = new ArrayList<>();
        for (DynamicUpdateRequest.ListEdit edit : listEdits) {
            listItem(edit, edition, effectiveFrom, now, defects).ifPresent(items::add);
        }
        if (!defects.isEmpty()) {
            throw new DynamicUpdateRejectedException("the dynamic update has defects; nothing was applied", defects);
        }
        Delivery delivery = mapper.map(features, items, false);
        if (!delivery.rejected().isEmpty()) {
            throw new DynamicUpdateRejectedException(
                    "the dynamic update has defects; nothing was applied", delivery.rejected());
        }

        // the same lock as provincial syncs: a local update never interleaves with a pull on any instance
        try (SyncLock.Lease lease = lock.tryAcquire().orElseThrow(SyncInProgressException::new)) {
            return apply(request, submittedBy, edition, effectiveFrom, features, items, delivery);
        }
    }

    private DynamicUpdate apply(
            DynamicUpdateRequest request,
            String submittedBy,
            String edition,
            OffsetDateTime effectiveFrom,
            List<JsonNode> features,
            List<JsonNode> items,
            Delivery delivery) {
        ObjectNode applied = json.createObjectNode();
        applied.putArray("features").addAll(features);
        applied.putArray("lists").addAll(items);
        SyncRun run = runs.start(Trigger.ADMIN, "dynamic update " + edition + ": " + request.description());
        UUID id = UUID.randomUUID();
        SyncRun done;
        try {
            done = deliveryRuns.complete(DeliveryRuns.Completion.of(
                            run.id(), "dynamic update " + edition, delivery, Map.of(), LOCAL)
                    .unlessUnchanged(
                            "the update equals the current state; no edition was made",
                            p -> store.insert(
                                    id,
                                    edition,
                                    request.description(),
                                    effectiveFrom,
                                    submittedBy,
                                    run.id(),
                                    applied.toString(),
                                    write(SyncCounts.of(p, 0)))));
        } catch (RuntimeException e) {
            runs.finish(run.id(), Outcome.FAILED, SyncRuns.Counts.ZERO, e.getMessage(), List.of());
            throw e;
        }
        if (done.outcome() != Outcome.SUCCEEDED) {
            throw new DynamicUpdateRejectedException(
                    "the update equals the current state; nothing was applied",
                    List.of(new Rejection("request", "no unit or rule differs from the current state")));
        }
        filings.submit(id);
        return store.find(id).orElseThrow();
    }

    private Optional<JsonNode> feature(
            DynamicUpdateRequest.UnitEdit edit,
            String edition,
            OffsetDateTime effectiveFrom,
            OffsetDateTime now,
            List<Rejection> defects) {
        String code = edit.code() == null ? "" : edit.code().trim();
        if (code.isEmpty()) {
            defects.add(new Rejection("unit", "a unit edit needs a code"));
            return Optional.empty();
        }
        StoredUnit current = units.asOf(code, now)
                .filter(u -> u.status() == UnitStatus.ACTIVE)
                .orElse(null);
        if (edit.retire() && current == null) {
            defects.add(new Rejection(code, "cannot retire: no unit " + code + " is in force"));
            return Optional.empty();
        }
        ObjectNode feature = json.createObjectNode();
        feature.put("type", "Feature");
        feature.put("id", code);
        ObjectNode p = feature.putObject("properties");
        p.put("HJGKDYBM", code);
        p.put("HJGKDYMC", edit.name() != null ? edit.name() : current == null ? null : current.name());
        Category category = category(code, edit.category(), current, defects);
        if (category != null) {
            p.put("ZHGKDYFL", category.digit());
        }
        List<String> basins = edit.basins() != null
                ? edit.basins()
                : current == null
                        ? List.of()
                        : current.basins().stream().map(Basin::code).toList();
        List<String> basinNames = new ArrayList<>();
        for (String b : basins) {
            String basinCode = b.trim();
            Optional<Basin> basin =
                    jurisdiction.basin(basinCode).filter(k -> k.code().equals(basinCode));
            if (basin.isPresent()) {
                basinNames.add(basin.get().chineseName());
            } else {
                defects.add(new Rejection(code, "basin \"" + b + "\" is not " + oneOf(" or ")));
            }
        }
        p.put("LYMC", basinNames.isEmpty() ? null : String.join("、", basinNames));
        Map<Dimension, String> texts = current == null ? new EnumMap<>(Dimension.class) : sourceTexts(code, now);
        mergeTexts(code, edit.lists(), texts, defects);
        texts.forEach((d, t) -> p.put(d.fieldCode(), t));
        p.put("BBH", edition);
        p.put("GXSJ", now.toString());
        p.put("SXRQ", effectiveFrom.toString());
        p.put("ZT", edit.retire() ? UnitStatus.RETIRED.chineseName() : UnitStatus.ACTIVE.chineseName());
        if (edit.geometry() != null && !edit.geometry().isNull()) {
            feature.set("geometry", edit.geometry());
        } else if (current != null && current.geometry() != null) {
            feature.set("geometry", GeoJsonGeometries.write(current.geometry()));
        } else {
            feature.putNull("geometry");
        }
        return Optional.of(feature);
    }

    private Optional<JsonNode> listItem(
            DynamicUpdateRequest.ListEdit edit,
            String edition,
            OffsetDateTime effectiveFrom,
            OffsetDateTime now,
            List<Rejection> defects) {
        String scope = edit.scopeCode() == null ? "" : edit.scopeCode().trim();
        boolean city = jurisdiction.isCityScope(scope);
        Optional<Basin> basin = jurisdiction.basin(scope).filter(b -> b.code().equals(scope));
        if (!city && basin.isEmpty()) {
            defects.add(new Rejection(
                    scope.isEmpty() ? "list" : scope,
                    "a list edit needs scopeCode "
                            + (jurisdiction.isCity() ? jurisdiction.code() : "PPCC00 of a prefecture")
                            + " (city-wide) or " + oneOf(" / ") + " (basin)"));
            return Optional.empty();
        }
        ObjectNode item = json.createObjectNode();
        item.put("CJ", city ? "市级" : "流域");
        item.put("SYDXBM", scope);
        item.put(
                "SYDXMC",
                city
                        ? (scope.equals(jurisdiction.code()) ? jurisdiction.name() : scope)
                        : basin.get().chineseName());
        Map<Dimension, String> texts = sourceTexts(scope, now);
        mergeTexts(scope, edit.texts(), texts, defects);
        texts.forEach((d, t) -> item.put(d.fieldCode(), t));
        item.put("BBH", edition);
        item.put("GXSJ", now.toString());
        item.put("SXRQ", effectiveFrom.toString());
        item.put("ZT", UnitStatus.ACTIVE.chineseName());
        return Optional.of(item);
    }

    /** The basin codes for a message: {@code LIAOHE or SONGHUA}, {@code A, B or C}. */
    private String oneOf(String lastSeparator) {
        List<String> codes = jurisdiction.basins().stream().map(Basin::code).toList();
        if (codes.size() <= 1) {
            return String.join("", codes);
        }
        return String.join(", ", codes.subList(0, codes.size() - 1)) + lastSeparator + codes.get(codes.size() - 1);
    }

    private static Category category(String code, String given, StoredUnit current, List<Rejection> defects) {
        if (given == null || given.isBlank()) {
            return current == null ? null : current.category();
        }
        String s = given.trim();
        for (Category c : Category.values()) {
            if (s.equals(c.name()) || s.equals(Integer.toString(c.digit())) || s.equals(c.chineseName())) {
                return c;
            }
        }
        defects.add(new Rejection(
                code, "category \"" + given + "\" is not PRIORITY_PROTECTION, KEY_CONTROL or GENERAL_CONTROL"));
        return null;
    }

    /** The original text of each dimension of a scope's list in force now. */
    private Map<Dimension, String> sourceTexts(String scope, OffsetDateTime now) {
        Map<Dimension, String> texts = new EnumMap<>(Dimension.class);
        for (StoredRule r : rules.activeAsOf(List.of(scope), now)) {
            texts.putIfAbsent(r.dimension(), r.sourceText());
        }
        return texts;
    }

    private static void mergeTexts(
            String record, Map<String, String> edits, Map<Dimension, String> texts, List<Rejection> defects) {
        if (edits == null) {
            return;
        }
        edits.forEach((key, text) -> {
            Optional<Dimension> d = Dimension.ofFieldCode(key)
                    .or(() -> java.util.Arrays.stream(Dimension.values())
                            .filter(x -> x.name().equals(key))
                            .findFirst());
            if (d.isEmpty()) {
                defects.add(new Rejection(
                        record,
                        "\"" + key + "\" is not a dimension ("
                                + java.util.Arrays.stream(Dimension.values())
                                        .map(x -> x.name() + "/" + x.fieldCode())
                                        .collect(Collectors.joining(", "))
                                + ")"));
            } else {
                texts.put(d.get(), text);
            }
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
