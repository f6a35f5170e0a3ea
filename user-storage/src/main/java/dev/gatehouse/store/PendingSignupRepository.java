package dev.gatehouse.store;

import dev.gatehouse.domain.Identifiers;
import dev.gatehouse.domain.PendingSignup;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL over {@code pending_signup}. A pending signup past its expiry counts as gone everywhere:
 * it no longer logs in, confirms or reserves anything, and the purge deletes it.
 */
public final class PendingSignupRepository {

    private static final String COLUMNS = "id, username, email, password_hash, expires_at";

    private final StoreConnection store;

    public PendingSignupRepository(StoreConnection store) {
        this.store = store;
    }

    /**
     * Reserves the username and address until {@code expiresAt}. An expired signup with the same
     * username gives way, under a new id so that its old links confirm nothing.
     *
     * @return the new signup's id, or empty when a live signup holds the username
     */
    public Optional<UUID> reserve(String username, String email, String passwordHash, Instant expiresAt) {
        return store.write(em -> {
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery("""
                            INSERT INTO pending_signup (username, username_key, email, email_key, password_hash, expires_at)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                            ON CONFLICT (username_key) DO UPDATE
                            SET id = gen_random_uuid(), username = excluded.username, email = excluded.email,
                                email_key = excluded.email_key, password_hash = excluded.password_hash,
                                created_at = now(), expires_at = excluded.expires_at
                            WHERE pending_signup.expires_at <= now()
                            RETURNING id
                            """)
                    .setParameter(1, username)
                    .setParameter(2, Identifiers.key(username))
                    .setParameter(3, email)
                    .setParameter(4, Identifiers.key(email))
                    .setParameter(5, passwordHash)
                    .setParameter(6, timestamp(expiresAt))
                    .getResultList();
            return ids.stream().findFirst().map(Sql::uuid);
        });
    }

    /** Why a signup reserved nothing, as {@code signup_attempt} records it. */
    public enum Refusal {
        ADDRESS_IN_USE("address_in_use"),
        USERNAME_TAKEN("username_taken"),
        ADDRESS_BANNED("address_banned");

        private final String column;

        Refusal(String column) {
            this.column = column;
        }
    }

    /**
     * Records a signup that reserved nothing, until {@code expiresAt}: one row, as a reserving
     * signup writes one, so that a refused signup's request costs the store what a free one's does
     * (SPEC P2.6, S1). The purge deletes it with the expired signups.
     */
    public void recordRefused(String email, Refusal refusal, Instant expiresAt) {
        store.write(em -> em.createNativeQuery(
                        "INSERT INTO signup_attempt (email_key, outcome, expires_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, Identifiers.key(email))
                .setParameter(2, refusal.column)
                .setParameter(3, timestamp(expiresAt))
                .executeUpdate());
    }

    public Optional<PendingSignup> findLive(UUID id) {
        return select("id = ?1", "", id);
    }

    /**
     * The live signup an identifier names: its username, or else its address. Accounts come first
     * (the caller asks them before), so a signup's address shared with an account never matches.
     */
    public Optional<PendingSignup> findLiveByIdentifier(String identifier) {
        String key = Identifiers.key(identifier);
        return select(
                "(username_key = ?1 OR email_key = ?1)"
                        + " AND NOT EXISTS (SELECT 1 FROM account a WHERE a.username_key = ?1 OR a.email_key = ?1)",
                "ORDER BY username_key = ?1 DESC",
                key);
    }

    /** Keeps a signup alive until {@code expiresAt}, for a resent link; false if it is gone. */
    public boolean extend(UUID id, Instant expiresAt) {
        return store.write(em -> em.createNativeQuery("UPDATE pending_signup SET expires_at = greatest(expires_at, ?1)"
                                + " WHERE id = ?2 AND expires_at > now()")
                        .setParameter(1, timestamp(expiresAt))
                        .setParameter(2, id)
                        .executeUpdate()
                == 1);
    }

    /**
     * Turns a live signup into an active account with a confirmed address and the same id, in one
     * statement: the row leaves {@code pending_signup} and enters {@code account} together, and a
     * second confirmation finds nothing to move.
     *
     * <p>Identifiers never collide (SPEC P4.2): when an account took the username, or an identifier
     * equal to the username or address, since the signup was made, the signup goes and no account
     * is created; the link then answers like a used one and the user signs up again.
     *
     * @return the account's id, or empty when the signup is gone (confirmed before, expired, purged)
     *     or its identifiers now collide
     */
    public Optional<UUID> confirm(UUID id) {
        return store.write(em -> {
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery("""
                            WITH confirmed AS (
                                DELETE FROM pending_signup WHERE id = ?1 AND expires_at > now()
                                RETURNING id, username, username_key, email, email_key, password_hash
                            )
                            INSERT INTO account (id, username, username_key, email, email_key, email_confirmed, password_hash)
                            SELECT c.id, c.username, c.username_key, c.email, c.email_key, true, c.password_hash
                            FROM confirmed c
                            WHERE NOT EXISTS (SELECT 1 FROM account a
                                              WHERE a.username_key IN (c.username_key, c.email_key)
                                                 OR a.email_key = c.username_key)
                            RETURNING id
                            """).setParameter(1, id).getResultList();
            return ids.stream().findFirst().map(Sql::uuid);
        });
    }

    /** Deletes every signup and refused attempt past its expiry; the number of signups deleted. */
    public int purgeExpired() {
        return store.write(em -> {
            em.createNativeQuery("DELETE FROM signup_attempt WHERE expires_at <= now()")
                    .executeUpdate();
            return em.createNativeQuery("DELETE FROM pending_signup WHERE expires_at <= now()")
                    .executeUpdate();
        });
    }

    private Optional<PendingSignup> select(String where, String order, Object bind) {
        return store.read(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM pending_signup"
                            + " WHERE expires_at > now() AND " + where + " " + order + " LIMIT 1")
                    .setParameter(1, bind)
                    .getResultList();
            return rows.stream().findFirst().map(PendingSignupRepository::toSignup);
        });
    }

    private static PendingSignup toSignup(Object[] row) {
        return new PendingSignup(
                Sql.uuid(row[0]), (String) row[1], (String) row[2], (String) row[3], Sql.instant(row[4]));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
