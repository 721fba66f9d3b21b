package org.zoninghub.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.zoninghub.store.SyncRuns.Trigger;

/**
 * When the hub is ready: closes the runs a dead process left RUNNING (only when no other instance is syncing: a
 * live instance's run is never failed), then pulls once (zoning.sync.on-startup), unless another instance is already
 * syncing.
 */
@Component
class StartupSync {

    private static final Logger log = LoggerFactory.getLogger(StartupSync.class);

    private final SyncTrigger trigger;
    private final ProvincialSync sync;
    private final SyncProperties properties;
    private final ProvincialClient client;

    StartupSync(SyncTrigger trigger, ProvincialSync sync, SyncProperties properties, ProvincialClient client) {
        this.trigger = trigger;
        this.sync = sync;
        this.properties = properties;
        this.client = client;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        sync.closeAbandonedRuns(true);
        if (properties.onStartup() && client.baseUrl().isPresent()) {
            log.info(
                    "start-up sync with the provincial platform at {}",
                    client.baseUrl().get());
            try {
                trigger.trigger(Trigger.STARTUP);
            } catch (SyncInProgressException e) {
                log.info("start-up sync skipped: another hub instance is syncing");
            }
        }
    }
}
