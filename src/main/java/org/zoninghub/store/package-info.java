/**
 * The canonical store in PostgreSQL: every unit and rule version with its validity and edition ({@link
 * org.zoninghub.store.UnitVersions}, {@link org.zoninghub.store.RuleVersions}, {@link
 * org.zoninghub.store.EditionStore}), sync runs and quarantine ({@link org.zoninghub.store.SyncRuns}), the cross-instance
 * sync lock ({@link org.zoninghub.store.SyncLock}), cursors, dynamic updates, statistics, and the transactional
 * outbox with its facade {@link org.zoninghub.store.Announcements}: a change's CloudEvents are appended in the change's
 * own transaction; the relay in {@code publish} only reads and sends them. Subscriber feeds plug in through {@link
 * org.zoninghub.store.Announcements.Follower}. Schema: Flyway migrations in {@code db/migration}.
 *
 * <p>May use: {@code zoning}, {@code spatial}. Knows nothing of its callers.
 */
package org.zoninghub.store;
