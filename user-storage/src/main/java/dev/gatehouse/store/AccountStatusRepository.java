package dev.gatehouse.store;

import dev.gatehouse.domain.Account;
import dev.gatehouse.domain.AccountPolicy;
import dev.gatehouse.domain.AccountStatus;
import dev.gatehouse.domain.StatusChange;
import dev.gatehouse.store.RevocationOutbox.Revocation;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Status changes in the account store: bans, manual terminations and reinstatements. Each method
 * is meant to run in a transaction of its own and is a few set-based statements; every value is a
 * bind parameter. The decisions come from {@link AccountPolicy}. A change that blocks accounts
 * queues their revocation in the {@link RevocationOutbox} in the same transaction, so that what
 * remains to revoke in Keycloak is never lost once the change has committed.
 */
public final class AccountStatusRepository {

    private static final String SUBTREE = """
            WITH tree (id, depth) AS (
                SELECT id, depth FROM %s
            )
            """.formatted(Subtree.of("ARRAY[CAST(?1 AS uuid)]"));

    /**
     * The whole ban as one statement, so that it is atomic on its own: every data-modifying part
     * sees the same snapshot of the subtree. Keys, IPs and addresses are cleared for the whole
     * subtree (already banned members included), which writes nothing once that was done.
     */
    private static final String BAN = SUBTREE + """
            , members AS (
                SELECT a.id, a.status, a.email, a.email_key, min(t.depth) AS depth
                FROM tree t JOIN account a ON a.id = t.id
                GROUP BY a.id
            ), banned AS (
                UPDATE account a
                SET status = 'banned', status_reason = CAST(?2 AS text), status_actor = CAST(?3 AS text),
                    status_changed_at = now()
                FROM members m
                WHERE a.id = m.id AND a.status <> 'banned'
                RETURNING a.id, m.status AS old_status, m.depth
            ), keys AS (
                DELETE FROM api_key WHERE account_id IN (SELECT id FROM members) RETURNING 1
            ), ips AS (
                UPDATE dedicated_ip SET account_id = NULL, released_at = now()
                WHERE account_id IN (SELECT id FROM members)
                RETURNING 1
            ), emails AS (
                INSERT INTO email_ban (email_key, email, account_id, reason)
                SELECT DISTINCT ON (email_key) email_key, email, id, CAST(?2 AS text)
                FROM members WHERE email_key IS NOT NULL
                ORDER BY email_key, depth
                ON CONFLICT (email_key) DO NOTHING
                RETURNING 1
            ), audit AS (
                INSERT INTO status_audit (account_id, old_status, new_status, reason, actor, cascaded_count)
                SELECT id, old_status, 'banned', CAST(?2 AS text), CAST(?3 AS text),
                       CASE WHEN depth = (SELECT min(depth) FROM banned) THEN (SELECT count(*) FROM banned) ELSE 0 END
                FROM banned
                RETURNING 1
            )
            SELECT m.id, m.id IN (SELECT id FROM banned) FROM members m
            """;

    private static final String UNPAID_BEFORE_THIS_MONTH = """
            SELECT id, to_char(period, 'YYYY-MM'), CAST(amount_due AS text), CAST(due_date AS text)
            FROM bill_run
            WHERE account_id = ?1 AND paid_at IS NULL AND period < date_trunc('month', current_date)
            ORDER BY period, id
            LIMIT 1
            """;

    private static final String SET_STATUS = """
            WITH old AS (
                SELECT id, status FROM account WHERE id = ?1
            ), changed AS (
                UPDATE account a
                SET status = CAST(?2 AS text), status_reason = CAST(?3 AS text), status_actor = CAST(?4 AS text),
                    status_changed_at = now()
                FROM old WHERE a.id = old.id
                RETURNING a.id, old.status AS old_status
            )
            INSERT INTO status_audit (account_id, old_status, new_status, reason, actor, cascaded_count)
            SELECT id, old_status, CAST(?2 AS text), CAST(?3 AS text), CAST(?4 AS text), ?5 FROM changed
            """;

    private final EntityManager em;
    private final AccountPolicy policy;

    public AccountStatusRepository(EntityManager em, AccountPolicy policy) {
        this.em = em;
        this.policy = policy;
    }

    /**
     * The result of a ban.
     *
     * @param banned the accounts this ban changed (none when all were banned already)
     * @param subtree the account and all its descendants, all banned now
     * @param revocation the sessions to end, queued in the outbox
     */
    public record BanResult(List<UUID> banned, List<UUID> subtree, RevocationOutbox.Revocation revocation) {}

    /**
     * The result of a termination or reinstatement.
     *
     * @param outcome what the policy decided, and so what was written
     * @param subtree the account and its descendants, whose effective status follows it
     * @param unpaid the oldest unpaid invoice from before this month, for {@link StatusChange#REFUSE_UNPAID}
     * @param revocation the sessions to end, queued in the outbox; none unless a termination applied
     */
    public record ChangeResult(
            StatusChange outcome,
            List<UUID> subtree,
            Optional<UnpaidInvoice> unpaid,
            RevocationOutbox.Revocation revocation) {}

    /** An unpaid invoice: bill run id, period (YYYY-MM), amount due and due date, as text. */
    public record UnpaidInvoice(long id, String period, String amountDue, String dueDate) {}

    /**
     * Bans the account and every descendant (SPEC P7.1); banning again changes nothing in the
     * accounts, but queues their revocation again (a repeated ban also finishes a failed one).
     */
    public BanResult ban(UUID accountId, String reason, String actor) {
        return Sql.guarded(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(BAN)
                    .setParameter(1, accountId)
                    .setParameter(2, reason)
                    .setParameter(3, actor)
                    .getResultList();
            List<UUID> banned = new ArrayList<>();
            List<UUID> subtree = new ArrayList<>();
            for (Object[] row : rows) {
                UUID id = Sql.uuid(row[0]);
                subtree.add(id);
                if (Boolean.TRUE.equals(row[1])) {
                    banned.add(id);
                }
            }
            return new BanResult(
                    List.copyOf(banned),
                    List.copyOf(subtree),
                    subtree.isEmpty() ? Revocation.NONE : outbox().queue(List.of(accountId), AccountStatus.BANNED));
        });
    }

    /** Terminates a top-level account by hand (support), unless the policy refuses. */
    public ChangeResult terminate(UUID accountId, String reason, String actor) {
        Account account = lock(accountId);
        StatusChange outcome = policy.termination(account);
        List<UUID> subtree = subtree(accountId);
        Revocation revocation = Revocation.NONE;
        if (outcome == StatusChange.APPLY) {
            setStatus(accountId, AccountStatus.TERMINATED, reason, actor, subtree.size());
            revocation = outbox().queue(List.of(accountId), AccountStatus.TERMINATED);
        }
        return new ChangeResult(outcome, subtree, Optional.empty(), revocation);
    }

    /**
     * Reinstates a terminated account once no invoice from before this month is unpaid. The account
     * row stays locked until the transaction ends, so a concurrent sweep cannot interleave.
     */
    public ChangeResult reinstate(UUID accountId, String actor) {
        Account account = lock(accountId);
        Optional<UnpaidInvoice> unpaid = unpaidBeforeThisMonth(accountId);
        StatusChange outcome = policy.reinstatement(account, unpaid.isPresent());
        List<UUID> subtree = subtree(accountId);
        if (outcome == StatusChange.APPLY) {
            setStatus(accountId, AccountStatus.ACTIVE, "reinstated", actor, subtree.size());
            // Active again: a termination's revocation still pending would end fresh sessions.
            outbox().cancel(accountId);
        }
        return new ChangeResult(
                outcome, subtree, outcome == StatusChange.REFUSE_UNPAID ? unpaid : Optional.empty(), Revocation.NONE);
    }

    /** The account and its descendants. */
    public List<UUID> subtree(UUID accountId) {
        return Sql.guarded(() -> {
            @SuppressWarnings("unchecked")
            List<Object> rows = em.createNativeQuery(SUBTREE + "SELECT DISTINCT id FROM tree")
                    .setParameter(1, accountId)
                    .getResultList();
            return rows.stream().map(Sql::uuid).toList();
        });
    }

    private RevocationOutbox outbox() {
        return new RevocationOutbox(em);
    }

    private Account lock(UUID accountId) {
        Sql.guarded(() -> em.createNativeQuery("SELECT id FROM account WHERE id = ?1 FOR UPDATE")
                .setParameter(1, accountId)
                .getResultList());
        return new AccountRepository(StoreConnection.joining(em))
                .findById(accountId)
                .orElseThrow(() -> new IllegalArgumentException("No account " + accountId));
    }

    private Optional<UnpaidInvoice> unpaidBeforeThisMonth(UUID accountId) {
        return Sql.guarded(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(UNPAID_BEFORE_THIS_MONTH)
                    .setParameter(1, accountId)
                    .getResultList();
            return rows.stream()
                    .map(row -> new UnpaidInvoice(
                            ((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3]))
                    .findFirst();
        });
    }

    private void setStatus(UUID accountId, AccountStatus status, String reason, String actor, int cascaded) {
        Sql.guarded(() -> em.createNativeQuery(SET_STATUS)
                .setParameter(1, accountId)
                .setParameter(2, status.dbValue())
                .setParameter(3, reason)
                .setParameter(4, actor)
                .setParameter(5, cascaded)
                .executeUpdate());
    }
}
