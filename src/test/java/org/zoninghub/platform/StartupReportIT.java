package org.zoninghub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.zoninghub.store.Credentials;

/**
 * Two instances started together on one empty store both look for the zero-setup reader's credential, find none and
 * create it: the one whose insert loses must still start, with a working key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StartupReportIT {

    @Autowired
    Environment env;

    @Autowired
    Credentials credentials;

    @Autowired
    NamedParameterJdbcTemplate named;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SecurityProperties security;

    @Test
    void theInstanceWhoseInsertLosesRotatesTheOtherInstancesCredential() {
        jdbc.update("delete from credential where username = ?", StartupReport.READER);
        // this instance's look-up finds nothing; the other instance creates the credential just after it
        Credentials racing = new Credentials(named) {
            private boolean looked;

            @Override
            public Optional<Credential> findByUsername(String username) {
                if (!looked) {
                    looked = true;
                    credentials.create(StartupReport.READER, "zero-setup run", null, null, "startup");
                    return Optional.empty();
                }
                return super.findByUsername(username);
            }
        };

        String key = new StartupReport(env, racing, security).readerKey();

        assertThat(credentials.authenticateKey(key))
                .as("the key printed by the instance that lost the race is accepted")
                .hasValueSatisfying(c -> assertThat(c.username()).isEqualTo(StartupReport.READER));
        assertThat(jdbc.queryForObject(
                        "select count(*) from credential where username = ?", Long.class, StartupReport.READER))
                .isOne();
    }
}
