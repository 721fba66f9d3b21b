package org.zoninghub.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.zoninghub.store.StoredRule;
import org.zoninghub.store.ZoningInForce;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.RuleLevel;
import org.zoninghub.zoning.UnitStatus;

/**
 * Stopping the hub while the compliance index is being built (a national build reads for seconds, and a sync's commit
 * starts one): the build ends before the stop returns, so it never reads on while the database's connections close.
 */
class ComplianceIndexStopTest {

    @Test
    void stoppingEndsABuildInProgressBeforeItReturns() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        AtomicReference<RuntimeException> endedBy = new AtomicReference<>();
        StoredRule rule = new StoredRule(
                "ZH22040210001-KJBJYS-1",
                1,
                null,
                RuleLevel.UNIT,
                "ZH22040210001",
                Dimension.SPATIAL_LAYOUT,
                1,
                "禁止新建",
                "禁止新建",
                UnitStatus.ACTIVE,
                "h",
                null,
                null,
                null);
        // a store whose rows keep coming, one a millisecond, for at most 100 s (its data source is never used)
        ZoningInForce slow =
                new ZoningInForce(new NamedParameterJdbcTemplate(new SimpleDriverDataSource()), null, null) {
                    @Override
                    public State read(OffsetDateTime t, Sink sink) {
                        reading.countDown();
                        try {
                            for (int i = 0; i < 100_000; i++) {
                                sink.rule(rule);
                                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                            }
                            return null;
                        } catch (RuntimeException e) {
                            endedBy.set(e);
                            throw e;
                        } finally {
                            ended.set(true);
                        }
                    }
                };
        ComplianceIndex index = new ComplianceIndex(
                slow, new ComplianceProperties(1 << 20, 50_000, 1000, 16, 400_000, 1_000_000, Duration.ofHours(1), 8));
        index.start();
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

        index.stop();

        assertThat(ended).as("the build ended before stop returned").isTrue();
        assertThat(endedBy.get()).isInstanceOf(CancellationException.class);
        assertThat(index.isRunning()).isFalse();
    }
}
