package org.zoninghub.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lock every transaction that applies changes takes first (a delivery's apply, an edition's activation): a
 * PostgreSQL transaction-level advisory lock, released by the commit or rollback. The {@link SyncLock} keeps runs
 * apart for their whole length; this one holds even where a run's session lock was lost (its connection dropped
 * between its check and its apply) or a path applies without it, so that no two applies ever interleave.
 */
@Repository
public class ApplyLock {

    /** The advisory lock key of an apply transaction ("ZONING" followed by 2). */
    public static final long APPLY = 0x5A4F4E494E470002L;

    private final JdbcTemplate jdbc;

    public ApplyLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for and takes the apply lock until the caller's transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void take() {
        jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, APPLY);
    }
}
