package org.zoninghub.sync;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoninghub.store.ApplyLock;
import org.zoninghub.store.RuleVersions;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.StoredUnit;
import org.zoninghub.store.SyncLock;
import org.zoninghub.store.UnitVersions;
import org.zoninghub.sync.ChangePlan.RuleChange;
import org.zoninghub.sync.ChangePlan.UnitChange;
import org.zoninghub.zoning.ChangeKind;
import org.zoninghub.zoning.UnitStatus;

/**
 * Switches to an edition published ahead of its date: its versions were stored when they arrived (as-of queries
 * already see them from their valid-from on); when the date arrives they are announced, in the order they take
 * effect, with the states of the units they touch, in one transaction. Runs under the sync lock, so one instance
 * announces each version once.
 */
@Component
public class EditionActivation {

    private static final Logger log = LoggerFactory.getLogger(EditionActivation.class);

    private final UnitVersions units;
    private final RuleVersions rules;
    private final ChangeApplier applier;
    private final SyncLock lock;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final ApplyLock applyLock;

    public EditionActivation(
            UnitVersions units,
            RuleVersions rules,
            ChangeApplier applier,
            SyncLock lock,
            TransactionTemplate tx,
            JdbcTemplate jdbc,
            ApplyLock applyLock) {
        this.applyLock = applyLock;
        this.units = units;
        this.rules = rules;
        this.applier = applier;
        this.lock = lock;
        this.tx = tx;
        this.jdbc = jdbc;
    }

    /** Announces every stored version whose valid-from has arrived; returns how many (0 when another holds the lock). */
    public int activateDue() {
        Optional<SyncLock.Lease> lease = lock.tryAcquire();
        if (lease.isEmpty()) {
            return 0;
        }
        try (SyncLock.Lease held = lease.get()) {
            Integer count = tx.execute(status -> activate());
            return count == null ? 0 : count;
        }
    }

    private int activate() {
        applyLock.take();
        OffsetDateTime now = jdbc.queryForObject("select now()", OffsetDateTime.class);
        List<UnitChange> unitChanges = new ArrayList<>();
        for (StoredUnit v : units.dueUnannounced(now)) {
            StoredUnit prev =
                    v.version() > 1 ? units.version(v.code(), v.version() - 1).orElse(null) : null;
            ChangeKind kind = kind(v.status(), prev == null ? null : prev.status());
            List<String> fields = prev == null
                    ? List.of()
                    : kind == ChangeKind.RETIRED ? List.of("status") : ChangePlanner.changedFields(prev, v);
            unitChanges.add(new UnitChange(kind, v, prev, fields));
            units.markAnnounced(v.code(), v.version());
        }
        List<RuleChange> ruleChanges = new ArrayList<>();
        for (StoredRule v : rules.dueUnannounced(now)) {
            StoredRule prev =
                    v.version() > 1 ? rules.version(v.ruleId(), v.version() - 1).orElse(null) : null;
            ruleChanges.add(new RuleChange(kind(v.status(), prev == null ? null : prev.status()), v, prev));
            rules.markAnnounced(v.ruleId(), v.version());
        }
        if (unitChanges.isEmpty() && ruleChanges.isEmpty()) {
            return 0;
        }
        applier.announce(unitChanges, ruleChanges, now);
        log.info(
                "editions taking effect: announced {} unit and {} rule version(s) whose valid-from has arrived",
                unitChanges.size(),
                ruleChanges.size());
        return unitChanges.size() + ruleChanges.size();
    }

    private static ChangeKind kind(UnitStatus status, UnitStatus previous) {
        if (status == UnitStatus.RETIRED) {
            return ChangeKind.RETIRED;
        }
        return previous == null || previous == UnitStatus.RETIRED ? ChangeKind.CREATED : ChangeKind.UPDATED;
    }
}
