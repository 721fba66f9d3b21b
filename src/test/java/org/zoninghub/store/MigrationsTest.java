package org.zoninghub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The rules of {@code db/migration/README.md}: unique versions, and the released gap (V5, V6) stays empty. */
class MigrationsTest {

    private static final Pattern NAME = Pattern.compile("V(\\d+)__\\w+\\.sql");

    static List<Integer> versions() throws IOException {
        List<Integer> versions = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/*.sql")) {
            Matcher m = NAME.matcher(r.getFilename());
            assertThat(m.matches())
                    .as("%s is named V{version}__{description}.sql", r.getFilename())
                    .isTrue();
            versions.add(Integer.parseInt(m.group(1)));
        }
        return versions;
    }

    @Test
    void versionsAreUnique() throws IOException {
        List<Integer> versions = versions();
        assertThat(versions).doesNotHaveDuplicates().contains(1, 2, 3, 4, 7, 8);
    }

    @Test
    void theReleasedGapStaysEmpty() throws IOException {
        assertThat(versions())
                .as("V5 and V6 were skipped by a released version; a migration numbered into the gap would fail on"
                        + " every existing database: number it above the highest")
                .doesNotContain(5, 6);
    }
}
