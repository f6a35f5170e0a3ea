package dev.gatehouse.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL over the store's {@code api_key} table; every value is a bind parameter. */
public final class ApiKeyRepository implements ApiKeyCheck.KeyStore {

    /**
     * "Last used" is recorded to the minute: a key checked many times a second costs one write a
     * minute, not one per check (the check reads {@code stale} and updates only then).
     */
    static final String LAST_USED_RESOLUTION = "1 minute";

    private static final String COLUMNS = "id, account_id, name, created_at, last_used_at, revoked_at";

    private final StoreConnection store;

    public ApiKeyRepository(StoreConnection store) {
        this.store = store;
    }

    public ApiKey create(UUID accountId, String name, ApiKeyFormat.Generated key) {
        store.write(em -> em.createNativeQuery(
                        "INSERT INTO api_key (id, account_id, name, secret_hash) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, key.keyId())
                .setParameter(2, accountId)
                .setParameter(3, name)
                .setParameter(4, key.secretHash())
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

    @Override
    public Optional<ApiKeyCheck.StoredKey> findForCheck(String keyId) {
        return store.read(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT account_id, secret_hash, revoked_at IS NOT NULL,"
                            + " last_used_at IS NULL OR last_used_at < now() - interval '" + LAST_USED_RESOLUTION
                            + "' FROM api_key WHERE id = ?1")
                    .setParameter(1, keyId)
                    .getResultList();
            return rows.stream()
                    .map(row -> new ApiKeyCheck.StoredKey(
                            keyId, Sql.uuid(row[0]), (byte[]) row[1], (Boolean) row[2], (Boolean) row[3]))
                    .findFirst();
        });
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
                Sql.instant(row[5]));
    }
}
