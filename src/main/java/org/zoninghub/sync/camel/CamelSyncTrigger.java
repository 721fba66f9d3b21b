package org.zoninghub.sync.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.zoninghub.store.SyncRuns.Mode;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.sync.ProvincialSync;
import org.zoninghub.sync.SyncInProgressException;
import org.zoninghub.sync.SyncTrigger;

/** Hands begun runs to the {@code sync.pull-provincial} route, whose single consumer executes them in turn. */
@Component
class CamelSyncTrigger implements SyncTrigger {

    static final String ENDPOINT = "seda:sync.pull-provincial";

    private static final Logger log = LoggerFactory.getLogger(CamelSyncTrigger.class);

    private final ProvincialSync sync;
    private final ProducerTemplate producer;
    private final CamelContext camel;

    CamelSyncTrigger(ProvincialSync sync, ProducerTemplate producer, CamelContext camel) {
        this.sync = sync;
        this.producer = producer;
        this.camel = camel;
    }

    @Override
    public SyncRun trigger(Trigger trigger, Mode mode) {
        if (!camel.isStarted()) {
            // the web server answers a few seconds before Camel starts: no run is recorded that no route could take
            throw new IllegalStateException("the hub's routes are not running yet (it is starting or stopping); no"
                    + " run was started: try again in a few seconds");
        }
        SyncRun run = sync.begin(trigger, mode);
        try {
            producer.sendBody(ENDPOINT, run.id());
        } catch (RuntimeException e) {
            sync.abandon(run.id(), "the run could not be handed to the sync route: " + e.getMessage());
            throw e;
        }
        return run;
    }

    /**
     * Called by the schedule routes: when another instance (or an earlier run here) is syncing, the tick is skipped
     * quietly, without recording a run; the next tick tries again.
     */
    public void scheduled(Mode mode) {
        try {
            trigger(Trigger.SCHEDULE, mode);
        } catch (SyncInProgressException e) {
            log.info("scheduled {} sync skipped: a sync is already in progress on this or another hub instance", mode);
        }
    }
}
