package org.zoninghub.sync.camel;

import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.sync.ProvincialSync;
import org.zoninghub.sync.SyncTrigger;

/** Hands begun runs to the {@code sync.pull-provincial} route, whose single consumer executes them in turn. */
@Component
class CamelSyncTrigger implements SyncTrigger {

    static final String ENDPOINT = "seda:sync.pull-provincial";

    private final ProvincialSync sync;
    private final ProducerTemplate producer;

    CamelSyncTrigger(ProvincialSync sync, ProducerTemplate producer) {
        this.sync = sync;
        this.producer = producer;
    }

    @Override
    public SyncRun trigger(Trigger trigger) {
        SyncRun run = sync.begin(trigger);
        producer.sendBody(ENDPOINT, run.id());
        return run;
    }
}
