package dev.gatehouse.store;

import dev.gatehouse.domain.AccountStatus;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The revocation outbox (table {@code revocation_pending}): what committed status changes still have
 * to revoke in Keycloak. A status change queues its accounts in its own transaction; an attempt that
 * ended every session of them marks them {@link #done}, one that failed records the failure. Every
 * value is a bind parameter; sets of ids are one array parameter.
 */
public final class RevocationOutbox {

    /** Longest error text kept for the Admin API. */
    static final int MAX_ERROR = 500;

    private static final String QUEUE = """
            INSERT INTO revocation_pending (account_id, status, version)
            SELECT id, CAST(?2 AS text), nextval('revocation_pending_version')
            FROM unnest(CAST(?1 AS uuid[])) AS id
            ON CONFLICT (account_id) DO UPDATE
            SET status = EXCLUDED.status, version = EXCLUDED.version, requested_at = now(),
                attempts = 0, last_attempt_at = NULL, last_error = NULL
            RETURNING version
            """;

    private static final String DUE = """
            SELECT account_id, version FROM revocation_pending
            WHERE coalesce(last_attempt_at, requested_at) <= now() - make_interval(secs => ?1)
            ORDER BY coalesce(last_attempt_at, requested_at), account_id
            LIMIT ?2
            """;

    private static final String DONE =
            "DELETE FROM revocation_pending WHERE account_id = ANY (CAST(?1 AS uuid[])) AND version <= ?2";

    private static final String FAILED = """
            UPDATE revocation_pending
            SET attempts = attempts + 1, last_attempt_at = now(), last_error = CAST(?2 AS text)
            WHERE account_id = ANY (CAST(?1 AS uuid[])) AND version <= ?3
            """;

    private static final String LIST = """
            SELECT r.account_id, a.username, r.status, r.requested_at, r.attempts, r.last_attempt_at, r.last_error
            FROM revocation_pending r JOIN account a ON a.id = r.account_id
            ORDER BY r.requested_at, r.account_id
            LIMIT ?1
            """;

    private final EntityManager em;

    public RevocationOutbox(EntityManager em) {
        this.em = em;
    }

    /**
     * Accounts whose subtrees' sessions are to end, and the outbox version that covers them: an
     * attempt that succeeds deletes their rows up to that version, and no later request.
     */
    public record Revocation(List<UUID> accountIds, long version) {

        public static final Revocation NONE = new Revocation(List.of(), 0);

        public boolean isEmpty() {
            return accountIds.isEmpty();
        }
    }

    /** A pending row, as the Admin API lists it. */
    public record Pending(
            UUID accountId,
            String username,
            String status,
            Instant requestedAt,
            int attempts,
            Instant lastAttemptAt,
            String lastError) {}

    /** Queues the accounts, in the caller's transaction (the status change's). */
    public Revocation queue(Collection<UUID> accountIds, AccountStatus status) {
        if (accountIds.isEmpty()) {
            return Revocation.NONE;
        }
        return Sql.guarded(() -> {
            @SuppressWarnings("unchecked")
            List<Object> versions = em.createNativeQuery(QUEUE)
                    .setParameter(1, Sql.uuidArray(accountIds))
                    .setParameter(2, status.dbValue())
                    .getResultList();
            long version = versions.stream()
                    .mapToLong(value -> ((Number) value).longValue())
                    .max()
                    .orElse(0);
            return new Revocation(List.copyOf(accountIds), version);
        });
    }

    /**
     * Rows due for a retry: no attempt, or the last one, for {@code graceSeconds} (so that the
     * request's own first attempt is not repeated while it runs).
     */
    public Revocation due(int graceSeconds, int limit) {
        return Sql.guarded(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(DUE)
                    .setParameter(1, graceSeconds)
                    .setParameter(2, limit)
                    .getResultList();
            List<UUID> ids = rows.stream().map(row -> Sql.uuid(row[0])).toList();
            long version = rows.stream()
                    .mapToLong(row -> ((Number) row[1]).longValue())
                    .max()
                    .orElse(0);
            return new Revocation(ids, version);
        });
    }

    /** The revocation happened: its rows go, unless a later change queued the account again. */
    public int done(Revocation revocation) {
        if (revocation.isEmpty()) {
            return 0;
        }
        return Sql.guarded(() -> em.createNativeQuery(DONE)
                .setParameter(1, Sql.uuidArray(revocation.accountIds()))
                .setParameter(2, revocation.version())
                .executeUpdate());
    }

    /** The attempt failed: counted, with why, for the Admin API; the rows stay for the next retry. */
    public void failed(Revocation revocation, String error) {
        if (revocation.isEmpty()) {
            return;
        }
        String text = error == null ? null : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        Sql.guarded(() -> em.createNativeQuery(FAILED)
                .setParameter(1, Sql.uuidArray(revocation.accountIds()))
                .setParameter(2, text)
                .setParameter(3, revocation.version())
                .executeUpdate());
    }

    /** Drops an account's pending row: reinstated, it has nothing left to revoke. */
    public void cancel(UUID accountId) {
        Sql.guarded(() -> em.createNativeQuery("DELETE FROM revocation_pending WHERE account_id = ?1")
                .setParameter(1, accountId)
                .executeUpdate());
    }

    /** The pending rows, oldest first. */
    public List<Pending> list(int limit) {
        return Sql.guarded(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows =
                    em.createNativeQuery(LIST).setParameter(1, limit).getResultList();
            return rows.stream()
                    .map(row -> new Pending(
                            Sql.uuid(row[0]),
                            (String) row[1],
                            (String) row[2],
                            Sql.instant(row[3]),
                            ((Number) row[4]).intValue(),
                            Sql.instant(row[5]),
                            (String) row[6]))
                    .toList();
        });
    }
}
