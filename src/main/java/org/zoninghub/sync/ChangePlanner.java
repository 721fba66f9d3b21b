package org.zoninghub.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.zoninghub.spatial.GaussKruger;
import org.zoninghub.spatial.GeometryHashes;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.UnitVersions.Head;
import org.zoninghub.sync.ChangePlan.RuleChange;
import org.zoninghub.sync.ChangePlan.UnitChange;
import org.zoninghub.sync.Delivery.IncomingList;
import org.zoninghub.zoning.AccessList;
import org.zoninghub.zoning.AccessRule;
import org.zoninghub.zoning.ChangeKind;
import org.zoninghub.zoning.ControlUnit;
import org.zoninghub.zoning.RuleLevel;
import org.zoninghub.zoning.UnitStatus;

/**
 * Decides which versions a delivery adds: compares content hashes (normalised geometry, so re-serialised
 * coordinates or reordered rings are no change), names the changed fields, retires what the source retired or, in
 * a full delivery, no longer lists. Pure: reads nothing and writes nothing itself.
 */
public final class ChangePlanner {

    /**
     * The store's current state as the planner needs it: the head of every unit, and loaders of the latest versions
     * of the units and of the rules of the codes and scopes a delivery names (so that a delivery of a few records
     * does not read the whole store's rules).
     */
    public record Current(
            Map<String, Head> unitHeads,
            Function<Collection<String>, List<StoredUnit>> latestUnits,
            Function<Collection<String>, Map<String, StoredRule>> latestRulesOfScopes) {

        /** A state whose rules are all in hand (the latest version of every rule, by rule id). */
        public Current(
                Map<String, Head> unitHeads,
                Function<Collection<String>, List<StoredUnit>> latestUnits,
                Map<String, StoredRule> latestRules) {
            this(unitHeads, latestUnits, scopes -> latestRules);
        }
    }

    private final boolean retireAbsent;

    public ChangePlanner(boolean retireAbsent) {
        this.retireAbsent = retireAbsent;
    }

    public ChangePlan plan(Delivery delivery, Current current, OffsetDateTime now, Set<String> rejectedRecords) {
        List<UnitChange> unitChanges = new ArrayList<>();
        int unitsUnchanged = 0;

        // units: compare hashes first, load full previous versions only of those that changed
        Map<String, ControlUnit> changed = new LinkedHashMap<>();
        Map<String, String> hashes = new HashMap<>();
        for (ControlUnit u : delivery.units()) {
            Head head = current.unitHeads().get(u.code());
            if (u.status() == UnitStatus.RETIRED && (head == null || head.status() == UnitStatus.RETIRED)) {
                unitsUnchanged += head == null ? 0 : 1;
                continue;
            }
            String hash = u.status() == UnitStatus.RETIRED ? null : unitHash(u);
            hashes.put(u.code(), hash);
            if (head != null
                    && u.status() == UnitStatus.ACTIVE
                    && head.status() == UnitStatus.ACTIVE
                    && head.contentHash().equals(hash)) {
                unitsUnchanged++;
            } else {
                changed.put(u.code(), u);
            }
        }
        Set<String> absent = new TreeSet<>();
        if (delivery.full() && retireAbsent) {
            Set<String> delivered = new HashSet<>(rejectedRecords);
            delivery.units().forEach(u -> delivered.add(u.code()));
            current.unitHeads().values().stream()
                    .filter(h -> h.status() == UnitStatus.ACTIVE && !delivered.contains(h.code()))
                    .forEach(h -> absent.add(h.code()));
        }
        Set<String> previousCodes = new HashSet<>(absent);
        changed.keySet().stream().filter(current.unitHeads()::containsKey).forEach(previousCodes::add);
        Map<String, StoredUnit> previous = new HashMap<>();
        current.latestUnits().apply(previousCodes).forEach(p -> previous.put(p.code(), p));

        for (ControlUnit u : changed.values()) {
            StoredUnit prev = previous.get(u.code());
            OffsetDateTime validFrom = validFrom(u.updatedAt(), prev == null ? null : prev.validFrom(), now);
            if (u.status() == UnitStatus.RETIRED) {
                unitChanges.add(retire(prev, u.edition(), validFrom));
                continue;
            }
            StoredUnit next = new StoredUnit(
                    u.code(),
                    prev == null ? 1 : prev.version() + 1,
                    u.edition(),
                    u.name(),
                    u.category(),
                    u.divisionCode(),
                    List.copyOf(new TreeSet<>(u.basins())),
                    UnitStatus.ACTIVE,
                    u.geometry(),
                    GaussKruger.areaM2(u.geometry()),
                    hashes.get(u.code()),
                    validFrom,
                    null,
                    now);
            if (prev == null || prev.status() == UnitStatus.RETIRED) {
                unitChanges.add(new UnitChange(
                        ChangeKind.CREATED, next, prev, prev == null ? List.of() : changedFields(prev, next)));
            } else {
                unitChanges.add(new UnitChange(ChangeKind.UPDATED, next, prev, changedFields(prev, next)));
            }
        }
        for (String code : absent) {
            StoredUnit prev = previous.get(code);
            unitChanges.add(retire(prev, prev.edition(), validFrom(null, prev.validFrom(), now)));
        }

        // rules: per scope in the delivery, the new clause set against the store's active rules of that scope (a
        // rule's id names its scope, so the rules of these scopes are all the planner looks up)
        Set<String> scopes = new HashSet<>(absent);
        delivery.units().forEach(u -> scopes.add(u.code()));
        delivery.lists().forEach(l -> scopes.add(l.scopeCode()));
        Map<String, StoredRule> latestRules = current.latestRulesOfScopes().apply(scopes);
        Map<String, List<StoredRule>> activeByScope = new HashMap<>();
        latestRules.values().stream()
                .filter(r -> r.status() == UnitStatus.ACTIVE)
                .forEach(r -> activeByScope
                        .computeIfAbsent(r.scopeCode(), k -> new ArrayList<>())
                        .add(r));
        List<RuleChange> ruleChanges = new ArrayList<>();
        int[] rulesUnchanged = {0};
        for (ControlUnit u : delivery.units()) {
            List<AccessRule> rules = u.status() == UnitStatus.ACTIVE
                    ? new AccessList(RuleLevel.UNIT, u.code(), u.name(), new EnumMap<>(u.listTexts())).rules()
                    : List.of();
            planScope(
                    u.code(),
                    rules,
                    u.edition(),
                    u.updatedAt(),
                    latestRules,
                    activeByScope,
                    now,
                    ruleChanges,
                    rulesUnchanged);
        }
        for (String code : absent) {
            planScope(
                    code,
                    List.of(),
                    previous.get(code).edition(),
                    null,
                    latestRules,
                    activeByScope,
                    now,
                    ruleChanges,
                    rulesUnchanged);
        }
        for (IncomingList l : delivery.lists()) {
            List<AccessRule> rules = l.status() == UnitStatus.ACTIVE
                    ? new AccessList(l.level(), l.scopeCode(), l.scopeName(), new EnumMap<>(l.texts())).rules()
                    : List.of();
            planScope(
                    l.scopeCode(),
                    rules,
                    l.edition(),
                    l.updatedAt(),
                    latestRules,
                    activeByScope,
                    now,
                    ruleChanges,
                    rulesUnchanged);
        }
        return new ChangePlan(unitChanges, ruleChanges, unitsUnchanged, rulesUnchanged[0]);
    }

    private void planScope(
            String scope,
            List<AccessRule> incoming,
            String edition,
            OffsetDateTime updatedAt,
            Map<String, StoredRule> latestRules,
            Map<String, List<StoredRule>> activeByScope,
            OffsetDateTime now,
            List<RuleChange> out,
            int[] unchanged) {
        Map<String, StoredRule> active = new LinkedHashMap<>();
        activeByScope.getOrDefault(scope, List.of()).forEach(r -> active.put(r.ruleId(), r));
        for (AccessRule rule : incoming) {
            StoredRule latest = latestRules.get(rule.id());
            String hash = ruleHash(rule);
            if (latest != null
                    && latest.status() == UnitStatus.ACTIVE
                    && latest.contentHash().equals(hash)) {
                unchanged[0]++;
                active.remove(rule.id());
                continue;
            }
            StoredRule next = new StoredRule(
                    rule.id(),
                    latest == null ? 1 : latest.version() + 1,
                    edition,
                    rule.level(),
                    rule.scopeCode(),
                    rule.dimension(),
                    rule.seq(),
                    rule.text(),
                    rule.sourceText(),
                    UnitStatus.ACTIVE,
                    hash,
                    validFrom(updatedAt, latest == null ? null : latest.validFrom(), now),
                    null,
                    now);
            ChangeKind kind =
                    latest == null || latest.status() == UnitStatus.RETIRED ? ChangeKind.CREATED : ChangeKind.UPDATED;
            out.add(new RuleChange(kind, next, latest));
            active.remove(rule.id());
        }
        for (StoredRule gone : active.values()) {
            StoredRule next = new StoredRule(
                    gone.ruleId(),
                    gone.version() + 1,
                    edition,
                    gone.level(),
                    gone.scopeCode(),
                    gone.dimension(),
                    gone.seq(),
                    gone.text(),
                    gone.sourceText(),
                    UnitStatus.RETIRED,
                    gone.contentHash(),
                    validFrom(updatedAt, gone.validFrom(), now),
                    null,
                    now);
            out.add(new RuleChange(ChangeKind.RETIRED, next, gone));
        }
    }

    private static UnitChange retire(StoredUnit prev, String edition, OffsetDateTime validFrom) {
        StoredUnit next = new StoredUnit(
                prev.code(),
                prev.version() + 1,
                edition,
                prev.name(),
                prev.category(),
                prev.divisionCode(),
                prev.basins(),
                UnitStatus.RETIRED,
                prev.geometry(),
                prev.areaM2(),
                prev.contentHash(),
                validFrom,
                null,
                validFrom);
        return new UnitChange(ChangeKind.RETIRED, next, prev, List.of("status"));
    }

    /**
     * A version takes effect when the source says it was updated, unless that is not after the version it replaces
     * (a backdated or repeated timestamp), in which case it takes effect now.
     */
    static OffsetDateTime validFrom(OffsetDateTime updatedAt, OffsetDateTime previousValidFrom, OffsetDateTime now) {
        if (updatedAt == null) {
            return now;
        }
        if (previousValidFrom != null && !updatedAt.isAfter(previousValidFrom)) {
            return previousValidFrom.isBefore(now) ? now : previousValidFrom.plusNanos(1000);
        }
        return updatedAt;
    }

    static List<String> changedFields(StoredUnit prev, StoredUnit next) {
        List<String> fields = new ArrayList<>();
        if (!Objects.equals(prev.name(), next.name())) fields.add("name");
        if (prev.category() != next.category()) fields.add("category");
        if (!Objects.equals(prev.divisionCode(), next.divisionCode())) fields.add("divisionCode");
        if (!Objects.equals(prev.basins(), next.basins())) fields.add("basins");
        if (prev.status() != next.status()) fields.add("status");
        if (prev.geometry() == null
                || !GeometryHashes.sha256(prev.geometry()).equals(GeometryHashes.sha256(next.geometry()))) {
            fields.add("geometry");
            fields.add("areaM2");
        }
        return fields;
    }

    static String unitHash(ControlUnit u) {
        return sha256(String.join(
                "\u001f",
                u.name(),
                u.category().name(),
                u.divisionCode(),
                new TreeSet<>(u.basins()).toString(),
                u.status().name(),
                GeometryHashes.sha256(u.geometry())));
    }

    static String ruleHash(AccessRule r) {
        return sha256(String.join(
                "\u001f", r.level().name(), r.scopeCode(), r.dimension().name(), Integer.toString(r.seq()), r.text()));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
