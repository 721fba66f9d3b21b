package org.zoninghub.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Trigger;

/** Closes runs a dead process left RUNNING, then pulls once when the hub is ready (zoning.sync.on-startup). */
@Component
class StartupSync {

    private static final Logger log = LoggerFactory.getLogger(StartupSync.class);

    private final SyncTrigger trigger;
    private final SyncRuns runs;
    private final SyncProperties properties;
    private final ProvincialClient client;

    StartupSync(SyncTrigger trigger, SyncRuns runs, SyncProperties properties, ProvincialClient client) {
        this.trigger = trigger;
        this.runs = runs;
        this.properties = properties;
        this.client = client;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        int abandoned = runs.failAbandoned("the hub stopped while this run was in progress");
        if (abandoned > 0) {
            log.warn("{} sync run(s) left RUNNING by a stopped hub were marked FAILED", abandoned);
        }
        if (properties.onStartup() && client.baseUrl().isPresent()) {
            log.info(
                    "start-up sync with the provincial platform at {}",
                    client.baseUrl().get());
            trigger.trigger(Trigger.STARTUP);
        }
    }
}
