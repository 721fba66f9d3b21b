package org.zoninghub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
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

    /**
     * Released migrations, byte for byte: Flyway records a checksum of each applied migration (comments included)
     * and refuses to start when the file changed. Add a line here when a migration is released; never change one.
     */
    static final Map<String, String> RELEASED = Map.of(
            "V1__canonical_store.sql", "5f56577688d3bd35b88ccb916df4c7505fce716867700b13b05a2b5624859e2b",
            "V2__sync_resilience.sql", "274002b5dd9f70715e954644c0a3390380c67e598c29180ac3dc41345a663147",
            "V3__subscribers.sql", "1e30cb5c4828feaebf799849b5e97ec3d22c70d421156a9b539b55ac462528d4",
            "V4__dynamic_updates.sql", "3958acd78e83a52fa2ac5365149a497793ae6a232369e9fc31e9aa5803187d40",
            "V7__future_editions.sql", "cf419945eee60e194a38549c72fb900b42c6d7ced86312c2f0ecf037a6e4d29b",
            "V8__outbox_topic_by_aggregate_type.sql",
                    "af1b4b6e7842faa866de7ae5643d5adfc0c92bd664ddb466a3200d6c1b8a13fd");

    @Test
    void releasedMigrationsAreUnchanged() throws Exception {
        for (Map.Entry<String, String> e : RELEASED.entrySet()) {
            byte[] bytes = new ClassPathResource("db/migration/" + e.getKey()).getContentAsByteArray();
            String sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertThat(sha)
                    .as(
                            "%s was released and must stay byte for byte as it was (Flyway checksums); write a new"
                                    + " migration instead",
                            e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void theReleasedGapStaysEmpty() throws IOException {
        assertThat(versions())
                .as("V5 and V6 were skipped by a released version; a migration numbered into the gap would fail on"
                        + " every existing database: number it above the highest")
                .doesNotContain(5, 6);
    }
}
