package org.zoninghub.sync;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.zoninghub.publish.Announcements;
import org.zoninghub.store.EditionStore;
import org.zoninghub.store.RuleVersions;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.SyncCursors;
import org.zoninghub.store.UnitVersions;
import org.zoninghub.sync.ChangePlan.RuleChange;
import org.zoninghub.sync.ChangePlan.UnitChange;
import org.zoninghub.zoning.Basin;
import org.zoninghub.zoning.Jurisdiction;
import org.zoninghub.zoning.UnitStatus;

/**
 * Applies a delivery in one transaction: plans against the state read inside the transaction, appends the new
 * unit and rule versions, announces each change (and the new state of every unit it touches) in the outbox, and
 * moves the source's incremental cursor. Either all of it commits or none of it does.
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

    public ChangeApplier(
            UnitVersions units,
            RuleVersions rules,
            EditionStore editions,
            Announcements announcements,
            JdbcTemplate jdbc,
            SyncProperties properties,
            Jurisdiction jurisdiction,
            SyncCursors cursors) {
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
        if (cursor != null) {
            cursors.save(cursor.source(), cursor.updatedSince());
        }
        OffsetDateTime now = jdbc.queryForObject("select now()", OffsetDateTime.class);
        Map<String, StoredRule> latestRules = rules.latestAll();
        ChangePlan plan = new ChangePlanner(properties.retireAbsent())
                .plan(
                        delivery,
                        new ChangePlanner.Current(units.latestHeads(), units::latest, latestRules),
                        now,
                        rejectedRecords);
        if (plan.isEmpty()) {
            return plan;
        }
        ensureEditions(plan, editionSource);
        for (UnitChange c : plan.units()) {
            units.append(c.next(), runId);
            announcements.unitChanged(c.kind(), c.next(), c.previous(), c.changedFields(), now);
        }
        for (RuleChange c : plan.rules()) {
            rules.append(c.next(), runId);
            announcements.ruleChanged(c.kind(), c.next(), c.previous(), now);
            latestRules.put(c.next().ruleId(), c.next());
        }
        announceStates(plan, latestRules, now);
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

    /** Emits the state of every unit whose own version or binding rules changed. */
    private void announceStates(ChangePlan plan, Map<String, StoredRule> latestRules, OffsetDateTime now) {
        Set<String> direct = new LinkedHashSet<>();
        boolean cityChanged = false;
        Set<Basin> basinsChanged = EnumSet.noneOf(Basin.class);
        plan.units().forEach(c -> direct.add(c.next().code()));
        for (RuleChange c : plan.rules()) {
            switch (c.next().level()) {
                case UNIT -> direct.add(c.next().scopeCode());
                case CITY -> cityChanged = true;
                case BASIN -> basinsChanged.add(Basin.valueOf(c.next().scopeCode()));
            }
        }
        Set<String> candidates = new LinkedHashSet<>(direct);
        if (cityChanged || !basinsChanged.isEmpty()) {
            units.latestHeads().values().stream()
                    .filter(h -> h.status() == UnitStatus.ACTIVE)
                    .forEach(h -> candidates.add(h.code()));
        }
        Map<String, List<StoredRule>> activeByScope = new HashMap<>();
        latestRules.values().stream()
                .filter(r -> r.status() == UnitStatus.ACTIVE)
                .forEach(r -> activeByScope
                        .computeIfAbsent(r.scopeCode(), k -> new ArrayList<>())
                        .add(r));
        List<StoredRule> cityRules = activeByScope.getOrDefault(jurisdiction.code(), List.of());
        for (StoredUnit unit : units.latest(candidates)) {
            boolean touched = direct.contains(unit.code())
                    || cityChanged
                    || unit.basins().stream().anyMatch(basinsChanged::contains);
            if (!touched) {
                continue;
            }
            List<StoredRule> binding = new ArrayList<>(cityRules);
            unit.basins().forEach(b -> binding.addAll(activeByScope.getOrDefault(b.name(), List.of())));
            binding.addAll(activeByScope.getOrDefault(unit.code(), List.of()));
            announcements.unitState(unit, binding, unit.edition(), now);
        }
    }
}
