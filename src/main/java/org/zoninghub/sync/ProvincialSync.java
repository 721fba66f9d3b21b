package org.zoninghub.sync;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.zoninghub.publish.Announcements.Change;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Counts;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.Rejection;
import org.zoninghub.store.SyncRuns.RuleCounts;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;

/**
 * Synchronisation with the provincial platform: reads every page of units and lists, validates, and applies the
 * delivery whole or not at all. A run is begun (recorded as RUNNING) by whoever triggers it and executed by the
 * sync route, one at a time.
 */
@Component
public class ProvincialSync {

    private static final Logger log = LoggerFactory.getLogger(ProvincialSync.class);

    private final ProvincialClient client;
    private final ProvincialMapper mapper;
    private final ChangeApplier applier;
    private final SyncRuns runs;
    private final SyncProperties properties;

    public ProvincialSync(
            ProvincialClient client,
            ProvincialMapper mapper,
            ChangeApplier applier,
            SyncRuns runs,
            SyncProperties properties) {
        this.client = client;
        this.mapper = mapper;
        this.applier = applier;
        this.runs = runs;
        this.properties = properties;
    }

    /** Records a new run as RUNNING; the sync route executes it. */
    public SyncRun begin(Trigger trigger) {
        String source = client.baseUrl()
                .orElseThrow(
                        () -> new IllegalStateException(
                                "no provincial platform is configured: set zoning.province.base-url (ZONING_PROVINCE_BASEURL)"));
        return runs.start(trigger, source);
    }

    /** Executes a begun run: a full pull, validated, applied in one transaction. Never throws. */
    public SyncRun execute(UUID runId) {
        try {
            ProvincialClient.Collection units = client.units(null);
            ProvincialClient.Collection lists = client.lists(null);
            Delivery delivery = mapper.map(units.records(), lists.records(), true);
            return finish(runId, delivery);
        } catch (RuntimeException e) {
            log.warn("sync run {} failed: {}", runId, e.getMessage());
            runs.finish(runId, Outcome.FAILED, Counts.ZERO, e.getMessage(), List.of());
            return runs.find(runId).orElseThrow();
        }
    }

    private SyncRun finish(UUID runId, Delivery delivery) {
        List<Rejection> rejected = delivery.rejected();
        Set<String> rejectedRecords = rejected.stream().map(Rejection::record).collect(Collectors.toSet());
        if (!rejected.isEmpty()) {
            runs.quarantine(runId, rejected, Map.of());
        }
        if (!rejected.isEmpty() && properties.onInvalid() == SyncProperties.OnInvalid.REJECT_RUN) {
            runs.finish(
                    runId,
                    Outcome.REJECTED,
                    new Counts(0, 0, 0, 0, rejectedRecords.size(), RuleCounts.ZERO),
                    rejected.size() + " defect(s) in " + rejectedRecords.size()
                            + " record(s); nothing was applied (zoning.sync.on-invalid=reject-run)",
                    rejected);
            log.warn("sync run {} rejected: {} defective record(s), nothing applied", runId, rejectedRecords.size());
            return runs.find(runId).orElseThrow();
        }
        ChangePlan plan = applier.apply(delivery, runId, rejectedRecords, "PROVINCE");
        Counts counts = new Counts(
                plan.count(Change.CREATED),
                plan.count(Change.UPDATED),
                plan.count(Change.RETIRED),
                plan.unitsUnchanged(),
                rejectedRecords.size(),
                new RuleCounts(
                        plan.countRules(Change.CREATED),
                        plan.countRules(Change.UPDATED),
                        plan.countRules(Change.RETIRED),
                        plan.rulesUnchanged()));
        runs.finish(runId, Outcome.SUCCEEDED, counts, null, rejected);
        log.info(
                "sync run {} succeeded: units {} created, {} updated, {} retired, {} unchanged; rules {} created,"
                        + " {} updated, {} retired",
                runId,
                counts.created(),
                counts.updated(),
                counts.retired(),
                counts.unchanged(),
                counts.rules().created(),
                counts.rules().updated(),
                counts.rules().retired());
        return runs.find(runId).orElseThrow();
    }
}
