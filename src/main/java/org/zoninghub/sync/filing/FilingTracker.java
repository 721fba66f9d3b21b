package org.zoninghub.sync.filing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.zoninghub.store.DynamicUpdateStore;
import org.zoninghub.store.DynamicUpdateStore.DynamicUpdate;
import org.zoninghub.store.DynamicUpdateStore.FilingStatus;
import org.zoninghub.sync.ProvincialException;
import org.zoninghub.zoning.Jurisdiction;

/**
 * Files applied dynamic updates with the province and follows them to FILED or RETURNED. A submission the province
 * did not accept (down, refusing) stays NOT_SUBMITTED with the error and is tried again on the next poll.
 */
@Component
public class FilingTracker {

    private static final Logger log = LoggerFactory.getLogger(FilingTracker.class);
    static final int POLL_BATCH = 50;

    private final DynamicUpdateStore store;
    private final FilingClient client;
    private final Jurisdiction jurisdiction;
    private final ObjectMapper json;

    public FilingTracker(DynamicUpdateStore store, FilingClient client, Jurisdiction jurisdiction, ObjectMapper json) {
        this.store = store;
        this.client = client;
        this.jurisdiction = jurisdiction;
        this.json = json;
    }

    /**
     * Submits one update's filing now, unless it was submitted meanwhile or is being submitted elsewhere: the update
     * is claimed for a lease longer than the request's deadline (no row lock is held while the province is asked);
     * failures are recorded, not thrown.
     */
    public void submit(UUID updateId) {
        store.claimUnsubmitted(updateId, client.deadline().multipliedBy(2).plusSeconds(30))
                .ifPresent(this::submitLocked);
    }

    private void submitLocked(DynamicUpdate update) {
        try {
            FilingClient.Receipt receipt = client.submit(filing(update));
            store.filingState(update.id(), receipt.filingId(), receipt.status(), receipt.comment(), null);
            log.info(
                    "dynamic update {} (edition {}) filed as {}: {}",
                    update.id(),
                    update.edition(),
                    receipt.filingId(),
                    receipt.status());
        } catch (ProvincialException e) {
            store.filingState(update.id(), null, FilingStatus.NOT_SUBMITTED, null, e.getMessage());
            log.warn(
                    "dynamic update {} (edition {}) could not be filed yet: {}",
                    update.id(),
                    update.edition(),
                    e.getMessage());
        }
    }

    /** Submits what is not submitted and asks the province about open filings; returns how many were checked. */
    public int pollOpen() {
        int checked = 0;
        for (DynamicUpdate update : store.openFilings(POLL_BATCH)) {
            checked++;
            if (update.filingStatus() == FilingStatus.NOT_SUBMITTED) {
                submit(update.id());
                continue;
            }
            try {
                FilingClient.Receipt receipt = client.status(update.filingId());
                if (receipt.status() != update.filingStatus()) {
                    log.info(
                            "filing {} of edition {}: {} -> {}{}",
                            update.filingId(),
                            update.edition(),
                            update.filingStatus(),
                            receipt.status(),
                            receipt.comment() == null ? "" : " (" + receipt.comment() + ")");
                }
                store.filingState(update.id(), null, receipt.status(), receipt.comment(), null);
            } catch (ProvincialException e) {
                store.filingState(update.id(), null, update.filingStatus(), null, e.getMessage());
            }
        }
        return checked;
    }

    /** The filing sent to the province: the jurisdiction, the edition and exactly what it changed. */
    ObjectNode filing(DynamicUpdate update) {
        ObjectNode f = json.createObjectNode();
        f.put("jurisdictionCode", jurisdiction.code());
        f.put("jurisdictionName", jurisdiction.name());
        f.put("edition", update.edition());
        f.put("description", update.description());
        f.put("effectiveFrom", update.effectiveFrom().toString());
        f.put("submittedBy", update.submittedBy());
        f.put("localUpdateId", update.id().toString());
        try {
            JsonNode request = json.readTree(update.request());
            ObjectNode units = f.putObject("units");
            units.put("type", "FeatureCollection");
            units.set("features", request.path("features"));
            f.set("lists", request.path("lists"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }
}
