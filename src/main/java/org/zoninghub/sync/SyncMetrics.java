package org.zoninghub.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.SyncRun;

/**
 * Sync runs as metrics, counted when a run ends: {@code zoning.sync.runs} (counter, tags {@code trigger} and
 * {@code outcome}), {@code zoning.sync.run.duration} (timer, tag {@code outcome}) and {@code zoning.sync.run.records}
 * (the records of each run by {@code kind}: created, updated, retired, unchanged, rejected).
 */
@Component
class SyncMetrics implements SyncRuns.Listener {

    private final MeterRegistry registry;

    SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void finished(SyncRun run) {
        Counter.builder("zoning.sync.runs")
                .description("Sync runs (provincial pulls, file imports, dynamic updates, replays) that ended")
                .tag("trigger", run.trigger().name())
                .tag("outcome", run.outcome().name())
                .register(registry)
                .increment();
        if (run.startedAt() != null && run.endedAt() != null) {
            Timer.builder("zoning.sync.run.duration")
                    .description("How long sync runs took, from start to end")
                    .tag("outcome", run.outcome().name())
                    .register(registry)
                    .record(Duration.between(run.startedAt(), run.endedAt()));
        }
        SyncRuns.Counts c = run.counts();
        if (c != null) {
            record("created", c.created());
            record("updated", c.updated());
            record("retired", c.retired());
            record("unchanged", c.unchanged());
            record("rejected", c.rejected());
        }
    }

    private void record(String kind, int count) {
        DistributionSummary.builder("zoning.sync.run.records")
                .description("Unit records per sync run, by what became of them")
                .baseUnit("records")
                .tag("kind", kind)
                .register(registry)
                .record(count);
    }
}
