package dev.gatehouse.store;

import dev.gatehouse.domain.AccountPolicy;
import dev.gatehouse.domain.BillingCalendar;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The billing job's SQL (SPEC P6.2): warning claims, the termination sweep and its preview, and
 * the record of the job's runs. Every statement works on a batch of rows at once and binds every
 * value; each batch method is meant to run in a transaction of its own.
 */
public final class BillingRepository {

    /** Before every account id, to start walking accounts in id order. */
    public static final UUID FIRST_ACCOUNT = new UUID(0, 0);

    private static final String TERMINATION_REASON = "billing";
    private static final String SYSTEM_ACTOR = "system";

    /**
     * Whom a termination applies to, {@link AccountPolicy#termination}'s {@code APPLY} case as a
     * set-based predicate over {@code account a}, since the sweep terminates a whole batch in one
     * statement: top-level, of the terminable status, not the teammate of a banned team (a ban
     * cascades to the own status of its subtree, so a top-level account's own status and its
     * team's are its effective status). {@code TerminationRuleDbTest} checks that both agree on
     * every case.
     */
    private static final String TERMINABLE = "a.parent_id IS NULL AND a.status = '"
            + AccountPolicy.TERMINABLE.dbValue() + "' AND NOT EXISTS (SELECT 1 FROM teammate tm"
            + " JOIN account team ON team.id = tm.account_id WHERE tm.member_id = a.id AND team.status = '"
            + AccountPolicy.TERMINATION_BLOCKER.dbValue() + "')";

    /** Accounts the termination applies to with an unpaid invoice of the period: whom the sweep terminates. */
    private static final String CANDIDATES = """
            FROM account a JOIN bill_run b ON b.account_id = a.id
            WHERE b.period = ?1 AND b.paid_at IS NULL AND\s""" + TERMINABLE + "\n";

    private static final String PREVIEW = """
            SELECT a.id, a.username, a.email, b.id, to_char(b.period, 'YYYY-MM'), CAST(b.amount_due AS text),
                   CAST(b.due_date AS text)
            """ + CANDIDATES + " ORDER BY a.id";

    /**
     * Claims the warnings due on a date for one batch of unpaid, past-due invoices: for each, the
     * latest offset reached (a missed offset is not sent late once a later one is due), unless that
     * or a later warning went out already. The insert is the decision: a concurrent or later run
     * finds the row and sends nothing. Every invoice of the batch is returned, claimed or not, so
     * that the caller can walk on.
     */
    private static final String CLAIM_WARNINGS = """
            WITH offsets (days) AS (
                SELECT unnest(CAST(string_to_array(?2, ',') AS int[]))
            ), batch AS (
                SELECT b.id, b.account_id, b.period, b.amount_due, b.due_date, CAST(?1 AS date) - b.due_date AS overdue
                FROM bill_run b
                WHERE b.paid_at IS NULL AND b.due_date < CAST(?1 AS date) AND b.id > ?3
                ORDER BY b.id
                LIMIT ?4
            ), due AS (
                SELECT bt.id, (SELECT max(o.days) FROM offsets o WHERE o.days <= bt.overdue) AS offset_days
                FROM batch bt JOIN account a ON a.id = bt.account_id
                WHERE a.status <> 'banned' AND a.email IS NOT NULL
            ), claimed AS (
                INSERT INTO billing_warning (bill_run_id, offset_days)
                SELECT d.id, d.offset_days FROM due d
                WHERE d.offset_days IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM billing_warning w
                                  WHERE w.bill_run_id = d.id AND w.offset_days >= d.offset_days)
                ON CONFLICT DO NOTHING
                RETURNING bill_run_id, offset_days
            )
            SELECT bt.id, c.offset_days, bt.overdue, a.id, a.username, a.email, to_char(bt.period, 'YYYY-MM'),
                   CAST(bt.amount_due AS text), CAST(bt.due_date AS text)
            FROM batch bt
            LEFT JOIN claimed c ON c.bill_run_id = bt.id
            LEFT JOIN account a ON a.id = bt.account_id AND c.bill_run_id IS NOT NULL
            ORDER BY bt.id
            """;

    /**
     * Terminates one batch of candidates as one statement. The invoices are locked and checked
     * again ({@code FOR UPDATE} re-reads a row that a concurrent transaction changed, after waiting
     * for it): a payment committed after the batch was read, or still being committed, keeps its
     * account active. Each terminated account gets an audit row counting its subtree.
     */
    private static final String TERMINATE_BATCH =
            """
            WITH batch AS (
                SELECT a.id
            """ + CANDIDATES + """
                  AND a.id > ?2
                ORDER BY a.id
                LIMIT ?3
            ), unpaid AS (
                SELECT b.id, b.account_id, b.period, b.amount_due, b.due_date
                FROM bill_run b
                WHERE b.account_id IN (SELECT id FROM batch) AND b.period = ?1 AND b.paid_at IS NULL
                FOR UPDATE
            ), terminated AS (
                UPDATE account a
                SET status = 'terminated', status_reason = CAST(?4 AS text), status_actor = CAST(?5 AS text),
                    status_changed_at = now()
                FROM unpaid u
                WHERE a.id = u.account_id AND\s""" + TERMINABLE + """

                RETURNING a.id, a.username, a.email, u.id AS invoice_id, u.period, u.amount_due, u.due_date
            ), tree (root, id, depth) AS (
                SELECT root, id, depth FROM %s
            ), audit AS (
                INSERT INTO status_audit (account_id, old_status, new_status, reason, actor, cascaded_count)
                SELECT t.id, 'active', 'terminated', CAST(?4 AS text), CAST(?5 AS text),
                       (SELECT count(DISTINCT tr.id) FROM tree tr WHERE tr.root = t.id)
                FROM terminated t
                RETURNING 1
            )
            SELECT bt.id, t.username, t.email, t.invoice_id, to_char(t.period, 'YYYY-MM'), CAST(t.amount_due AS text),
                   CAST(t.due_date AS text)
            FROM batch bt LEFT JOIN terminated t ON t.id = bt.id
            ORDER BY bt.id
            """.formatted(Subtree.of("ARRAY(SELECT id FROM terminated)"));

    /**
     * Claims the notices of up to {@code ?2} accounts the sweep terminated for period {@code ?1}
     * that no run notified yet: those of the batch just terminated, and those a run that stopped
     * after terminating left behind. The insert is the decision, as for warnings: a concurrent run
     * waits for the row and claims nothing.
     */
    private static final String CLAIM_TERMINATION_NOTICES = """
            WITH pending AS (
                SELECT b.id, a.id AS account_id, a.username, a.email, b.period, b.amount_due, b.due_date
                FROM account a JOIN bill_run b ON b.account_id = a.id
                WHERE a.parent_id IS NULL AND a.status = 'terminated' AND a.status_reason = CAST(?3 AS text)
                  AND a.status_actor = CAST(?4 AS text) AND b.period = ?1 AND b.paid_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM billing_termination_notice n WHERE n.bill_run_id = b.id)
                ORDER BY b.id
                LIMIT ?2
            ), claimed AS (
                INSERT INTO billing_termination_notice (bill_run_id)
                SELECT id FROM pending
                ON CONFLICT DO NOTHING
                RETURNING bill_run_id
            )
            SELECT p.id, p.account_id, p.username, p.email, to_char(p.period, 'YYYY-MM'), CAST(p.amount_due AS text),
                   CAST(p.due_date AS text)
            FROM pending p JOIN claimed c ON c.bill_run_id = p.id
            ORDER BY p.id
            """;

    private final EntityManager em;

    public BillingRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * An invoice and its account.
     *
     * @param period the invoice's month, {@code YYYY-MM}
     * @param amountDue as stored, e.g. {@code 42.50}
     */
    public record Invoice(
            long id,
            UUID accountId,
            String username,
            String email,
            String period,
            String amountDue,
            LocalDate dueDate) {

        /** The first day of the invoice's month. */
        public LocalDate periodStart() {
            return LocalDate.parse(period + "-01");
        }
    }

    /** A warning claimed for sending. */
    public record Warning(Invoice invoice, int offsetDays, int daysOverdue) {}

    /**
     * One batch of a pass over invoices or accounts.
     *
     * @param next where the next batch starts (an invoice id or an account id), empty after the last batch
     * @param items what the batch claimed or terminated
     */
    public record Batch<K, T>(Optional<K> next, List<T> items) {}

    /** The accounts the sweep would terminate for this period, oldest id first. */
    public List<Invoice> terminationCandidates(LocalDate period) {
        return Sql.guarded(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows =
                    em.createNativeQuery(PREVIEW).setParameter(1, period).getResultList();
            return rows.stream()
                    .map(row -> new Invoice(
                            ((Number) row[3]).longValue(),
                            Sql.uuid(row[0]),
                            (String) row[1],
                            (String) row[2],
                            (String) row[4],
                            (String) row[5],
                            LocalDate.parse((String) row[6])))
                    .toList();
        });
    }

    /** Claims the warnings due on {@code date} among the next {@code limit} past-due invoices after {@code afterInvoice}. */
    public Batch<Long, Warning> claimWarnings(LocalDate date, BillingCalendar calendar, long afterInvoice, int limit) {
        return Sql.guarded(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(CLAIM_WARNINGS)
                    .setParameter(1, date)
                    .setParameter(2, calendar.offsetsSql())
                    .setParameter(3, afterInvoice)
                    .setParameter(4, limit)
                    .getResultList();
            List<Warning> claimed = new ArrayList<>();
            long last = afterInvoice;
            for (Object[] row : rows) {
                last = ((Number) row[0]).longValue();
                if (row[1] != null) {
                    Invoice invoice = new Invoice(
                            last,
                            Sql.uuid(row[3]),
                            (String) row[4],
                            (String) row[5],
                            (String) row[6],
                            (String) row[7],
                            LocalDate.parse((String) row[8]));
                    claimed.add(new Warning(invoice, ((Number) row[1]).intValue(), ((Number) row[2]).intValue()));
                }
            }
            return new Batch<>(rows.size() < limit ? Optional.empty() : Optional.of(last), List.copyOf(claimed));
        });
    }

    /** Gives a claimed warning back after its e-mail could not be sent, so that the next run tries again. */
    public void releaseWarning(Warning warning) {
        Sql.guarded(
                () -> em.createNativeQuery("DELETE FROM billing_warning WHERE bill_run_id = ?1 AND offset_days = ?2")
                        .setParameter(1, warning.invoice().id())
                        .setParameter(2, warning.offsetDays())
                        .executeUpdate());
    }

    /**
     * Terminates the next {@code limit} candidates after {@code afterAccount} for this period
     * (reason {@code billing}, actor {@code system}); returns the invoices whose accounts it
     * terminated. Their notices are claimed apart ({@link #claimTerminationNotices}).
     */
    public Batch<UUID, Invoice> terminateBatch(LocalDate period, UUID afterAccount, int limit) {
        return Sql.guarded(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(TERMINATE_BATCH)
                    .setParameter(1, period)
                    .setParameter(2, afterAccount)
                    .setParameter(3, limit)
                    .setParameter(4, TERMINATION_REASON)
                    .setParameter(5, SYSTEM_ACTOR)
                    .getResultList();
            List<Invoice> terminated = new ArrayList<>();
            UUID last = afterAccount;
            for (Object[] row : rows) {
                last = Sql.uuid(row[0]);
                if (row[3] != null) {
                    terminated.add(new Invoice(
                            ((Number) row[3]).longValue(),
                            last,
                            (String) row[1],
                            (String) row[2],
                            (String) row[4],
                            (String) row[5],
                            LocalDate.parse((String) row[6])));
                }
            }
            return new Batch<>(rows.size() < limit ? Optional.empty() : Optional.of(last), List.copyOf(terminated));
        });
    }

    /**
     * Claims the notices of up to {@code limit} accounts terminated by the sweep for this period and
     * not notified yet; empty when none is left.
     */
    public List<Invoice> claimTerminationNotices(LocalDate period, int limit) {
        return Sql.guarded(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(CLAIM_TERMINATION_NOTICES)
                    .setParameter(1, period)
                    .setParameter(2, limit)
                    .setParameter(3, TERMINATION_REASON)
                    .setParameter(4, SYSTEM_ACTOR)
                    .getResultList();
            return rows.stream()
                    .map(row -> new Invoice(
                            ((Number) row[0]).longValue(),
                            Sql.uuid(row[1]),
                            (String) row[2],
                            (String) row[3],
                            (String) row[4],
                            (String) row[5],
                            LocalDate.parse((String) row[6])))
                    .toList();
        });
    }

    /** Today in the account store's time zone: the billing date of scheduled runs, as reinstatement sees it. */
    public LocalDate today() {
        return Sql.guarded(() -> LocalDate.parse((String)
                em.createNativeQuery("SELECT CAST(current_date AS text)").getSingleResult()));
    }

    /** Whether a run of the job for this date finished. */
    public boolean finished(LocalDate date) {
        return Sql.guarded(() -> !em.createNativeQuery(
                        "SELECT 1 FROM billing_job_run WHERE billing_date = ?1 AND finished_at IS NOT NULL LIMIT 1")
                .setParameter(1, date)
                .getResultList()
                .isEmpty());
    }

    /** Records that a run started; {@code trigger} is {@code scheduled} or {@code admin}. */
    public long started(LocalDate date, String trigger) {
        return Sql.guarded(() -> ((Number) em.createNativeQuery(
                                "INSERT INTO billing_job_run (billing_date, trigger) VALUES (?1, ?2) RETURNING id")
                        .setParameter(1, date)
                        .setParameter(2, trigger)
                        .getSingleResult())
                .longValue());
    }

    public void finished(long run, int warningsSent, int accountsTerminated) {
        Sql.guarded(() -> em.createNativeQuery("UPDATE billing_job_run SET finished_at = now(), warnings_sent = ?2,"
                        + " accounts_terminated = ?3 WHERE id = ?1")
                .setParameter(1, run)
                .setParameter(2, warningsSent)
                .setParameter(3, accountsTerminated)
                .executeUpdate());
    }
}
