package org.zoninghub.sync;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.zoninghub.store.Announcements;
import org.zoninghub.store.ApplyLock;
import org.zoninghub.store.EditionStore;
import org.zoninghub.store.RuleVersions;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.SyncCursors;
import org.zoninghub.store.UnitVersions;
import org.zoninghub.sync.ChangePlan.RuleChange;
import org.zoninghub.sync.ChangePlan.UnitChange;
import org.zoninghub.zoning.Binding;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.RuleLevel;
import org.zoninghub.zoning.UnitStatus;

/**
 * Applies a delivery in one transaction: plans against the state read inside the transaction, appends the new
 * unit and rule versions, announces each change (and the new state of every unit it touches) in the outbox, and
 * moves the source's incremental cursor. Either all of it commits or none of it does. The transaction first takes the
 * {@link ApplyLock}, so applies never interleave, whichever path they come by.
 */
@Component
public class ChangeApplier {

    private final UnitVersions units;
    private final RuleVersions rules;
    private final EditionStore editions;
    private final Announcements announcements;
    private final JdbcTemplate jdbc;
    private final SyncProperties properties;
    private final Jurisdiction jurisdiction;
    private final SyncCursors cursors;
    private final ApplyLock applyLock;

    public ChangeApplier(
            UnitVersions units,
            RuleVersions rules,
            EditionStore editions,
            Announcements announcements,
            JdbcTemplate jdbc,
            SyncProperties properties,
            Jurisdiction jurisdiction,
            SyncCursors cursors,
            ApplyLock applyLock) {
        this.applyLock = applyLock;
        this.jurisdiction = jurisdiction;
        this.cursors = cursors;
        this.units = units;
        this.rules = rules;
        this.editions = editions;
        this.announcements = announcements;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Where a source's next incremental pull resumes, saved with the changes it covers. */
    public record Cursor(String source, OffsetDateTime updatedSince) {}

    /** Applies a delivery that moves no cursor (a file import). */
    @Transactional
    public ChangePlan apply(Delivery delivery, UUID runId, Set<String> rejectedRecords, String editionSource) {
        return apply(delivery, runId, rejectedRecords, editionSource, null);
    }

    /**
     * Applies a delivery and, in the same transaction, moves the source's cursor (when not null), even when nothing
     * changed: the cursor commits exactly when the changes it covers do.
     */
    @Transactional
    public ChangePlan apply(
            Delivery delivery, UUID runId, Set<String> rejectedRecords, String editionSource, Cursor cursor) {
        return apply(delivery, runId, rejectedRecords, editionSource, cursor, null);
    }

    /** Looks at a plan before anything of it is written, and may refuse it by throwing (the transaction rolls back). */
    @FunctionalInterface
    public interface Guard {
        /**
         * @param plan what the delivery would change
         * @param unitsInForce how many units are in force (latest version active) before it
         */
        void check(ChangePlan plan, int unitsInForce);
    }

    /**
     * Applies a delivery as {@link #apply(Delivery, UUID, Set, String, Cursor)} does, after the guard (when not null)
     * has seen the plan; a guard that throws leaves the store as it was.
     */
    @Transactional
    public ChangePlan apply(
            Delivery delivery,
            UUID runId,
            Set<String> rejectedRecords,
            String editionSource,
            Cursor cursor,
            Guard guard) {
        applyLock.take();
        if (cursor != null) {
            cursors.save(cursor.source(), cursor.updatedSince());
        }
        OffsetDateTime now = jdbc.queryForObject("select now()", OffsetDateTime.class);
        Map<String, UnitVersions.Head> heads = units.latestHeads();
        ChangePlan plan = new ChangePlanner(properties.retireAbsent())
                .plan(
                        delivery,
                        new ChangePlanner.Current(heads, units::latest, rules::latestOfScopes),
                        now,
                        rejectedRecords);
        if (guard != null) {
            guard.check(plan, (int) heads.values().stream()
                    .filter(h -> h.status() == UnitStatus.ACTIVE)
                    .count());
        }
        if (plan.isEmpty()) {
            return plan;
        }
        ensureEditions(plan, editionSource);
        units.appendAll(plan.units().stream().map(UnitChange::next).toList(), runId);
        rules.appendAll(plan.rules().stream().map(RuleChange::next).toList(), runId);
        // versions of an edition that takes effect later are stored now and announced when they take effect
        announce(
                plan.units().stream()
                        .filter(c -> !c.next().validFrom().isAfter(now))
                        .toList(),
                plan.rules().stream()
                        .filter(c -> !c.next().validFrom().isAfter(now))
                        .toList(),
                now);
        return plan;
    }

    private void ensureEditions(ChangePlan plan, String source) {
        Map<String, OffsetDateTime> first = new HashMap<>();
        plan.units()
                .forEach(c -> first.merge(c.next().edition(), c.next().validFrom(), (a, b) -> a.isBefore(b) ? a : b));
        plan.rules()
                .forEach(c -> first.merge(c.next().edition(), c.next().validFrom(), (a, b) -> a.isBefore(b) ? a : b));
        first.forEach((code, from) -> editions.ensure(code, from, source));
    }

    /**
     * Announces changes that have taken effect: one event per unit and rule version, then the state of every unit
     * whose own version or binding rules changed, as in force at {@code now}. Runs in the caller's transaction, as one
     * batch of announcements (written to the outbox when it ends).
     */
    void announce(List<UnitChange> unitChanges, List<RuleChange> ruleChanges, OffsetDateTime now) {
        announcements.batch(() -> announceEach(unitChanges, ruleChanges, now));
    }

    private void announceEach(List<UnitChange> unitChanges, List<RuleChange> ruleChanges, OffsetDateTime now) {
        for (UnitChange c : unitChanges) {
            announcements.unitChanged(c.kind(), c.next(), c.previous(), c.changedFields(), now);
        }
        for (RuleChange c : ruleChanges) {
            announcements.ruleChanged(c.kind(), c.next(), c.previous(), now);
        }
        Set<String> direct = new LinkedHashSet<>();
        Set<String> citiesChanged = new LinkedHashSet<>();
        Set<String> basinsChanged = new LinkedHashSet<>();
        unitChanges.forEach(c -> direct.add(c.next().code()));
        for (RuleChange c : ruleChanges) {
            switch (c.next().level()) {
                case UNIT -> direct.add(c.next().scopeCode());
                case CITY -> citiesChanged.add(c.next().scopeCode());
                case BASIN -> basinsChanged.add(c.next().scopeCode());
            }
        }
        if (direct.isEmpty() && citiesChanged.isEmpty() && basinsChanged.isEmpty()) {
            return;
        }
        Set<String> candidates = new LinkedHashSet<>(direct);
        if (!citiesChanged.isEmpty() || !basinsChanged.isEmpty()) {
            units.latestHeads().values().stream()
                    .filter(h -> h.status() == UnitStatus.ACTIVE)
                    .forEach(h -> candidates.add(h.code()));
        }
        List<StoredUnit> touched = new ArrayList<>();
        Set<String> scopes = new LinkedHashSet<>();
        for (StoredUnit unit : units.inForce(candidates, now)) {
            boolean bound = direct.contains(unit.code())
                    || citiesChanged.stream()
                            .anyMatch(s -> Binding.binds(jurisdiction, RuleLevel.CITY, s, unit.basins(), unit.code()))
                    || basinsChanged.stream()
                            .anyMatch(s -> Binding.binds(jurisdiction, RuleLevel.BASIN, s, unit.basins(), unit.code()));
            if (bound) {
                touched.add(unit);
                scopes.addAll(Binding.scopes(jurisdiction, unit.basins(), unit.code()));
            }
        }
        Map<String, List<StoredRule>> inForceByScope = new HashMap<>();
        rules.activeAsOf(scopes, now)
                .forEach(r -> inForceByScope
                        .computeIfAbsent(r.scopeCode(), k -> new ArrayList<>())
                        .add(r));
        for (StoredUnit unit : touched) {
            List<StoredRule> binding = Binding.rules(
                    jurisdiction, unit.basins(), unit.code(), scope -> inForceByScope.getOrDefault(scope, List.of()));
            announcements.unitState(unit, binding, unit.edition(), now);
        }
    }
}
