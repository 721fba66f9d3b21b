package org.zoninghub.store;

import static org.zoninghub.store.UnitVersions.odt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Department credentials (role READER): one generated key each, presented as {@code X-Api-Key: zh_…} or as the
 * password of HTTP Basic with the credential's username.
 *
 * <p>A key is {@code zh_} + 8 characters of lookup prefix + {@code _} + 43 characters (256 random bits, URL-safe
 * Base64). Only its SHA-256 is stored: a key is high-entropy and generated here, so a slow password hash (bcrypt)
 * would add nothing against guessing but cost tens of milliseconds on every department request; SHA-256 of a
 * 256-bit secret cannot be reversed or brute-forced. The prefix finds the row without scanning, and the hashes are
 * compared in constant time.
 *
 * <p>{@link #authenticateKey} and {@link #authenticateBasic} read the table. A caller that keeps the active
 * credentials in memory instead reads them with {@link #active()} and watches {@link #changes()}: it counts the
 * creations, rotations and revocations made through this bean, and moves once each has committed, so that such a
 * cache can drop its copy before the next request (a change made by another instance on the same database is not
 * counted here; such a cache bounds its age instead).
 */
@Repository
public class Credentials {

    private static final String KEY_HEAD = "zh_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** A credential as listed; never its key. */
    public record Credential(
            UUID id,
            String username,
            String name,
            String department,
            String subscriberId,
            String role,
            String keyPrefix,
            OffsetDateTime createdAt,
            String createdBy,
            OffsetDateTime rotatedAt,
            OffsetDateTime revokedAt,
            String revokedBy,
            OffsetDateTime lastUsedAt) {

        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A credential with its key, as answered once when it is created or rotated. */
    public record Issued(Credential credential, String key) {}

    /** An active credential with the SHA-256 of its key, for matching a presented key in memory. */
    public record Active(Credential credential, String keyHash) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final AtomicLong changes = new AtomicLong();

    public Credentials(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Issued create(String username, String name, String department, String subscriberId, String createdBy) {
        UUID id = UUID.randomUUID();
        String prefix = prefix();
        String key = key(prefix);
        jdbc.update(
                "insert into credential (id, username, name, department, subscriber_id, key_prefix, key_hash,"
                        + " created_by) values (:id, :username, :name, :department, :subscriber, :prefix, :hash,"
                        + " :by)",
                new MapSqlParameterSource("id", id)
                        .addValue("username", username)
                        .addValue("name", name)
                        .addValue("department", department)
                        .addValue("subscriber", subscriberId)
                        .addValue("prefix", prefix)
                        .addValue("hash", sha256(key))
                        .addValue("by", createdBy));
        changed();
        return new Issued(find(id).orElseThrow(), key);
    }

    /** A new key for an active credential; the old one is refused from now on. Empty when none or revoked. */
    @Transactional
    public Optional<Issued> rotate(UUID id) {
        String prefix = prefix();
        String key = key(prefix);
        int updated = jdbc.update(
                "update credential set key_prefix = :prefix, key_hash = :hash, rotated_at = now()"
                        + " where id = :id and revoked_at is null",
                new MapSqlParameterSource("id", id).addValue("prefix", prefix).addValue("hash", sha256(key)));
        changed();
        return updated == 0 ? Optional.empty() : Optional.of(new Issued(find(id).orElseThrow(), key));
    }

    /** Revokes a credential (it stays listed); empty when there is none. Revoking twice keeps the first time. */
    public Optional<Credential> revoke(UUID id, String by) {
        jdbc.update(
                "update credential set revoked_at = now(), revoked_by = :by where id = :id and revoked_at is null",
                new MapSqlParameterSource("id", id).addValue("by", by));
        changed();
        return find(id);
    }

    public Optional<Credential> find(UUID id) {
        return jdbc.query("select * from credential where id = :id", Map.of("id", id), row).stream()
                .findFirst();
    }

    public Optional<Credential> findByUsername(String username) {
        return jdbc.query("select * from credential where username = :u", Map.of("u", username), row).stream()
                .findFirst();
    }

    public List<Credential> list() {
        return jdbc.query("select * from credential order by created_at, username", Map.of(), row);
    }

    /** The active credential whose key this is, or empty. */
    public Optional<Credential> authenticateKey(String key) {
        if (key == null || !key.startsWith(KEY_HEAD) || key.length() < KEY_HEAD.length() + 9 || key.length() > 200) {
            return Optional.empty();
        }
        String prefix = key.substring(KEY_HEAD.length(), KEY_HEAD.length() + 8);
        return match(
                jdbc.query(
                        "select * from credential where key_prefix = :p and revoked_at is null",
                        Map.of("p", prefix),
                        (rs, n) -> Map.entry(row.mapRow(rs, n), rs.getString("key_hash"))),
                key);
    }

    /** The active credential with this username whose key is the given password (HTTP Basic), or empty. */
    public Optional<Credential> authenticateBasic(String username, String password) {
        if (password == null || password.length() > 200) {
            return Optional.empty();
        }
        return match(
                jdbc.query(
                        "select * from credential where username = :u and revoked_at is null",
                        Map.of("u", username),
                        (rs, n) -> Map.entry(row.mapRow(rs, n), rs.getString("key_hash"))),
                password);
    }

    /** Every active credential with its key's hash (the table is small: one row per department system). */
    public List<Active> active() {
        return jdbc.query(
                "select * from credential where revoked_at is null",
                Map.of(),
                (rs, n) -> new Active(row.mapRow(rs, n), rs.getString("key_hash")));
    }

    /**
     * How many creations, rotations and revocations this bean has made; the count moves again once the transaction
     * that made one has committed, so a copy of {@link #active()} read after the count was {@code n} is current as
     * long as the count is still {@code n} (for the changes made through this bean).
     */
    public long changes() {
        return changes.get();
    }

    /**
     * The active credential whose key this is among {@code active} (the SHA-256 compared in constant time), or
     * empty: {@link #authenticateKey} on a copy of the table.
     */
    public static Optional<Credential> matchKey(Map<String, List<Active>> activeByPrefix, String key) {
        if (key == null || !key.startsWith(KEY_HEAD) || key.length() < KEY_HEAD.length() + 9 || key.length() > 200) {
            return Optional.empty();
        }
        String prefix = key.substring(KEY_HEAD.length(), KEY_HEAD.length() + 8);
        return matchActive(activeByPrefix.getOrDefault(prefix, List.of()), key);
    }

    /** The active credential among {@code candidates} whose key is {@code password}: {@link #authenticateBasic}. */
    public static Optional<Credential> matchPassword(List<Active> candidates, String password) {
        if (password == null || password.length() > 200) {
            return Optional.empty();
        }
        return matchActive(candidates, password);
    }

    private static Optional<Credential> matchActive(List<Active> candidates, String key) {
        byte[] presented = sha256(key).getBytes(StandardCharsets.US_ASCII);
        for (Active c : candidates) {
            if (MessageDigest.isEqual(presented, c.keyHash().getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(c.credential());
            }
        }
        return Optional.empty();
    }

    /** Moves {@link #changes()} now and, inside a transaction, again once it has committed. */
    private void changed() {
        changes.incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    changes.incrementAndGet();
                }
            });
        }
    }

    /** Records that a credential was used, at most once a minute per credential. */
    public void touch(UUID id) {
        jdbc.update(
                "update credential set last_used_at = now() where id = :id"
                        + " and (last_used_at is null or last_used_at < now() - interval '1 minute')",
                Map.of("id", id));
    }

    private static Optional<Credential> match(List<Map.Entry<Credential, String>> candidates, String key) {
        byte[] presented = sha256(key).getBytes(StandardCharsets.US_ASCII);
        for (Map.Entry<Credential, String> c : candidates) {
            if (MessageDigest.isEqual(presented, c.getValue().getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(c.getKey());
            }
        }
        return Optional.empty();
    }

    private static String prefix() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes).replace('-', 'x').replace('_', 'y');
    }

    private static String key(String prefix) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return KEY_HEAD + prefix + "_" + B64.encodeToString(secret);
    }

    static String sha256(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private final RowMapper<Credential> row = (rs, n) -> new Credential(
            rs.getObject("id", UUID.class),
            rs.getString("username"),
            rs.getString("name"),
            rs.getString("department"),
            rs.getString("subscriber_id"),
            rs.getString("role"),
            rs.getString("key_prefix"),
            odt(rs.getTimestamp("created_at")),
            rs.getString("created_by"),
            odt(rs.getTimestamp("rotated_at")),
            odt(rs.getTimestamp("revoked_at")),
            rs.getString("revoked_by"),
            odt(rs.getTimestamp("last_used_at")));
}
