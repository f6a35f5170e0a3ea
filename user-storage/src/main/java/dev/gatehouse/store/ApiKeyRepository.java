package dev.gatehouse.store;

import dev.gatehouse.domain.ApiKey;
import dev.gatehouse.domain.ApiKeyCheck;
import dev.gatehouse.domain.ApiKeyFormat;
import dev.gatehouse.domain.KeyScope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** SQL over the store's {@code api_key} table; every value is a bind parameter. */
public final class ApiKeyRepository implements ApiKeyCheck.KeyStore {

    /**
     * "Last used" is recorded to the minute: a key checked many times a second costs one write a
     * minute, not one per check (the check reads {@code stale} and updates only then).
     */
    static final String LAST_USED_RESOLUTION = "1 minute";

    private static final String COLUMNS =
            "id, account_id, name, created_at, last_used_at, revoked_at, array_to_string(scopes, ' '), expires_at";

    private static final int KEY_CHECK_COLUMNS = 5;

    /** The key row (5 columns), then its account's lookup columns; no account columns when it has none. */
    private static final Lookup FIND_FOR_CHECK = Lookup.of("SELECT k.secret_hash, k.revoked_at IS NOT NULL,"
            + " k.last_used_at IS NULL OR k.last_used_at < now() - interval '" + LAST_USED_RESOLUTION + "',"
            + " k.expires_at IS NOT NULL AND k.expires_at <= now(), array_to_string(k.scopes, ' '), a.*"
            + " FROM api_key k LEFT JOIN ("
            + AccountRepository.selectSql("id = (SELECT account_id FROM api_key WHERE id = ?1)", "")
            + ") a ON true WHERE k.id = ?1");

    private final StoreConnection store;

    public ApiKeyRepository(StoreConnection store) {
        this.store = store;
    }

    /**
     * Stores a new key.
     *
     * @param scopes at least one
     * @param expiresAt {@code null} for a key that does not expire
     */
    public ApiKey create(
            UUID accountId, String name, Set<KeyScope> scopes, Instant expiresAt, ApiKeyFormat.Generated key) {
        store.write(em -> em.createNativeQuery("INSERT INTO api_key (id, account_id, name, secret_hash, scopes,"
                        + " expires_at) VALUES (?1, ?2, ?3, ?4, string_to_array(?5, ' '),"
                        + " CAST(CAST(?6 AS text) AS timestamptz))")
                .setParameter(1, key.keyId())
                .setParameter(2, accountId)
                .setParameter(3, name)
                .setParameter(4, key.secretHash())
                .setParameter(5, KeyScope.join(scopes))
                .setParameter(6, expiresAt == null ? null : expiresAt.toString())
                .executeUpdate());
        return find(accountId, key.keyId()).orElseThrow();
    }

    /** The account's keys, revoked ones included, oldest first. */
    public List<ApiKey> list(UUID accountId) {
        return store.read(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "SELECT " + COLUMNS + " FROM api_key WHERE account_id = ?1 ORDER BY created_at, id")
                    .setParameter(1, accountId)
                    .getResultList();
            return rows.stream().map(ApiKeyRepository::toApiKey).toList();
        });
    }

    public Optional<ApiKey> find(UUID accountId, String keyId) {
        return store.read(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "SELECT " + COLUMNS + " FROM api_key WHERE id = ?1 AND account_id = ?2")
                    .setParameter(1, keyId)
                    .setParameter(2, accountId)
                    .getResultList();
            return rows.stream().map(ApiKeyRepository::toApiKey).findFirst();
        });
    }

    /** Revokes a key of the account; false when it has no such key or the key was revoked already. */
    public boolean revoke(UUID accountId, String keyId) {
        return store.write(em -> em.createNativeQuery("UPDATE api_key SET revoked_at = now()"
                                + " WHERE id = ?1 AND account_id = ?2 AND revoked_at IS NULL")
                        .setParameter(1, keyId)
                        .setParameter(2, accountId)
                        .executeUpdate())
                == 1;
    }

    /** Revokes every key of the account that is not revoked yet; returns how many. */
    public int revokeAll(UUID accountId) {
        return store.write(em -> em.createNativeQuery(
                        "UPDATE api_key SET revoked_at = now() WHERE account_id = ?1 AND revoked_at IS NULL")
                .setParameter(1, accountId)
                .executeUpdate());
    }

    /** How many of the account's keys are not revoked. */
    public long countActive(UUID accountId) {
        return store.read(em -> ((Number) em.createNativeQuery(
                                "SELECT count(*) FROM api_key WHERE account_id = ?1 AND revoked_at IS NULL")
                        .setParameter(1, accountId)
                        .getSingleResult())
                .longValue());
    }

    /**
     * The key's check columns and its account with the effective status, in one statement over
     * plain JDBC: the check is the hottest path there is, and Hibernate's native queries cost more
     * than the statement itself.
     */
    @Override
    public Optional<ApiKeyCheck.StoredKey> findForCheck(String keyId) {
        return store.readJdbc(connection -> {
            try (PreparedStatement statement = FIND_FOR_CHECK.prepare(connection, List.of(keyId));
                    ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(storedKey(keyId, rows)) : Optional.empty();
            }
        });
    }

    private static ApiKeyCheck.StoredKey storedKey(String keyId, ResultSet row) throws SQLException {
        Object[] account = new Object[AccountRepository.ACCOUNT_COLUMNS];
        for (int i = 0; i < account.length; i++) {
            account[i] = row.getObject(KEY_CHECK_COLUMNS + 1 + i);
        }
        return new ApiKeyCheck.StoredKey(
                keyId,
                row.getBytes(1),
                row.getBoolean(2),
                row.getBoolean(3),
                row.getBoolean(4),
                KeyScope.split(row.getString(5)),
                account[0] == null ? Optional.empty() : Optional.of(AccountRepository.toAccount(account)));
    }

    /** Records a use; the WHERE clause keeps concurrent checks from writing more than once a minute. */
    @Override
    public void touch(String keyId) {
        store.write(em -> em.createNativeQuery("UPDATE api_key SET last_used_at = now() WHERE id = ?1"
                        + " AND (last_used_at IS NULL OR last_used_at < now() - interval '" + LAST_USED_RESOLUTION
                        + "')")
                .setParameter(1, keyId)
                .executeUpdate());
    }

    private static ApiKey toApiKey(Object[] row) {
        return new ApiKey(
                (String) row[0],
                Sql.uuid(row[1]),
                (String) row[2],
                Sql.instant(row[3]),
                Sql.instant(row[4]),
                Sql.instant(row[5]),
                KeyScope.split((String) row[6]),
                Sql.instant(row[7]));
    }
}
