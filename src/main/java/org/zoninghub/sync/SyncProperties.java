package org.zoninghub.sync;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Synchronisation with the provincial platform and the inbox ({@code zoning.sync.*}).
 *
 * @param cron schedule of the incremental pull (Spring cron, six fields, seconds first): records updated since the
 *     cursor of the previous successful pull; the first pull of a source is full
 * @param reconcileCron schedule of the full reconciliation (Spring cron): every record, without
 *     {@code updatedSince}, retiring the units the province no longer lists when {@code retireAbsent}
 * @param onStartup pull once when the hub has started
 * @param inbox directory watched for files to import
 * @param onInvalid {@code reject-run}: a run with any invalid record applies nothing; {@code skip-invalid}: the
 *     valid part is applied and the invalid records are quarantined
 * @param activationInterval how often the hub looks for versions of a future edition whose date has arrived, to
 *     switch to them and publish them
 * @param retireAbsent whether a full pull retires the units the province no longer lists (an incremental pull
 *     never retires by absence)
 * @param maxRetireShare the largest share (0–1) of the units in force that a provincial pull or a file may retire
 *     without an administrator: a run that would retire more, or every unit in force, ends HELD with nothing applied
 *     until it is confirmed ({@code POST /api/v1/admin/sync-runs/{id}/confirm}) or discarded ({@code …/discard})
 */
@Validated
@ConfigurationProperties("zoning.sync")
public record SyncProperties(
        @DefaultValue("0 */15 * * * *") @NotBlank String cron,
        @DefaultValue("0 30 2 * * *") @NotBlank String reconcileCron,
        @DefaultValue("true") boolean onStartup,
        @DefaultValue("var/inbox") @NotBlank String inbox,
        @DefaultValue("reject-run") @NotNull OnInvalid onInvalid,
        @DefaultValue("true") boolean retireAbsent,
        @DefaultValue("30s") @NotNull java.time.Duration activationInterval,

        @DefaultValue("0.10") @DecimalMin("0.0") @DecimalMax("1.0")
        double maxRetireShare) {

    public enum OnInvalid {
        REJECT_RUN,
        SKIP_INVALID
    }
}
