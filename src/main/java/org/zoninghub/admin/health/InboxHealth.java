package org.zoninghub.admin.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import org.zoninghub.store.SyncRuns;
import org.zoninghub.store.SyncRuns.Outcome;
import org.zoninghub.store.SyncRuns.SyncRun;
import org.zoninghub.store.SyncRuns.Trigger;
import org.zoninghub.sync.SyncProperties;

/**
 * Health component {@code inbox}: DOWN when a file has waited in the inbox longer than
 * {@code zoning.health.inbox-stuck-after} (since it became stuck), or when the latest file import FAILED (an error of
 * the hub, not a rejected file; since that import). UP otherwise.
 */
@Component("inboxHealthIndicator")
class InboxHealth implements HealthIndicator {

    private final SyncProperties sync;
    private final SyncRuns runs;
    private final HealthProperties properties;
    private final Since since = new Since();

    InboxHealth(SyncProperties sync, SyncRuns runs, HealthProperties properties) {
        this.sync = sync;
        this.runs = runs;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Path inbox = Path.of(sync.inbox());
        Optional<SyncRun> last = runs.latest(List.of(Trigger.FILE), null, null);
        Health.Builder b;
        Optional<Path> oldest = oldestWaiting(inbox);
        Instant stuckSince =
                oldest.map(p -> modified(p).plus(properties.inboxStuckAfter())).orElse(null);
        if (stuckSince != null && Instant.now().isAfter(stuckSince)) {
            b = Health.down()
                    .withDetail(
                            "reason",
                            "file " + oldest.get().getFileName() + " has waited in the inbox longer than "
                                    + properties.inboxStuckAfter() + " (zoning.health.inbox-stuck-after)")
                    .withDetail("since", stuckSince);
        } else if (last.isPresent() && last.get().outcome() == Outcome.FAILED) {
            b = Health.down()
                    .withDetail(
                            "reason",
                            "the latest file import (" + last.get().source() + ") failed: "
                                    + last.get().error())
                    .withDetail("since", last.get().endedAt());
        } else {
            b = Health.up().withDetail("since", since.of("inbox", Status.UP));
        }
        b.withDetail("directory", inbox.toAbsolutePath().toString());
        last.ifPresent(r -> b.withDetail("lastImport", r.source()).withDetail("lastOutcome", r.outcome()));
        return b.build();
    }

    private static Optional<Path> oldestWaiting(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".report.json"))
                    .min(Comparator.comparing(InboxHealth::modified));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }
}
