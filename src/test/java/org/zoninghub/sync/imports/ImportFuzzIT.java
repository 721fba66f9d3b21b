package org.zoninghub.sync.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zoninghub.sync.imports.ImportFixture.golden;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.store.SyncRuns.Outcome;

/**
 * A sample of the fuzz cases of {@link ImportFuzzTest} through the real hub: each mutated file is imported; its run
 * ends (never RUNNING), and a run that applied nothing left the store and the outbox (so the topics) as they were.
 */
@SpringBootTest(
        properties = {
            "zoning.publish.topics.unit-changes=it-fuzz.units.changes",
            "zoning.publish.topics.rule-changes=it-fuzz.rules.changes",
            "zoning.publish.topics.unit-state=it-fuzz.units.state"
        })
@ActiveProfiles("test")
class ImportFuzzIT {

    static final int SAMPLE = 15;

    @Autowired
    FileImports imports;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void mutatedFilesEndTheirRunAndARejectChangesNothing() {
        int rejected = 0;
        for (String name : new String[] {"units.geojson", "units.zip", "unit-lists.xlsx", "unit-lists.csv"}) {
            byte[] valid = golden(name);
            Random random = new Random(ImportFuzzTest.SEED ^ name.hashCode());
            for (int i = 0; i < SAMPLE; i++) {
                byte[] input = name.endsWith(".zip") || name.endsWith(".xlsx")
                        ? (random.nextBoolean()
                                ? ImportFuzzTest.mutate(valid, random)
                                : ImportFuzzTest.mutateEntry(valid, random))
                        : ImportFuzzTest.mutate(valid, random);
                long versions = count("select count(*) from unit_version") + count("select count(*) from rule_version");
                long outbox = count("select coalesce(max(position), 0) from outbox");
                ImportReport report = imports.execute(imports.begin(name).id(), name, input);
                assertThat(report.outcome()).as(name + " case " + i).isNotEqualTo(Outcome.RUNNING);
                if (report.outcome() != Outcome.SUCCEEDED) {
                    rejected++;
                    assertThat(count("select count(*) from unit_version") + count("select count(*) from rule_version"))
                            .as(name + " case " + i + " " + report.outcome() + ": store unchanged")
                            .isEqualTo(versions);
                    assertThat(count("select coalesce(max(position), 0) from outbox"))
                            .as(name + " case " + i + ": nothing published")
                            .isEqualTo(outbox);
                }
            }
        }
        assertThat(count("select count(*) from sync_run where outcome = 'RUNNING'"))
                .isZero();
        assertThat(rejected).isPositive();
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
