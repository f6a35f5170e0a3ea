package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BillingRepository against PostgreSQL: the termination sweep's rows")
class BillingRepositoryDbTest {

    private final StoreDb db = StoreDb.shared();

    /** A month of its own, so that other tests' invoices are no candidates. */
    private LocalDate period;

    private Map<String, UUID> accounts;

    @BeforeEach
    void invoices() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        period = LocalDate.of(1900 + random.nextInt(100), 1 + random.nextInt(12), 1);
        String prefix = StoreDb.unique("sweep");
        accounts = new LinkedHashMap<>();
        for (String name : List.of("delinquent-1", "delinquent-2", "delinquent-3", "paid", "banned", "parent")) {
            accounts.put(name, db.account(prefix + "-" + name, null, prefix + "-" + name + "@db.test"));
        }
        accounts.put("sub-of-delinquent", db.account(prefix + "-sub-d", accounts.get("delinquent-1"), null));
        accounts.put("sub-with-invoice", db.account(prefix + "-sub-i", accounts.get("parent"), null));
        db.execute(
                "UPDATE account SET status = 'banned', status_reason = 'abuse' WHERE id = ?", accounts.get("banned"));
        for (String name :
                List.of("delinquent-1", "delinquent-2", "delinquent-3", "paid", "banned", "sub-with-invoice")) {
            invoice(accounts.get(name), period);
        }
        db.execute("UPDATE bill_run SET paid_at = now() WHERE account_id = ?", accounts.get("paid"));
        invoice(accounts.get("parent"), period.plusMonths(1));
    }

    private void invoice(UUID account, LocalDate month) {
        db.execute(
                "INSERT INTO bill_run (account_id, period, amount_due, due_date) VALUES (?, ?, 10.00, ?)",
                account,
                month,
                month.plusDays(14));
    }

    @Test
    @DisplayName("terminates exactly the top-level active accounts with an unpaid invoice of the period, in batches")
    void terminatesDelinquentsInBatches() {
        List<BillingRepository.Batch<UUID, BillingRepository.Invoice>> batches = new ArrayList<>();
        UUID after = BillingRepository.FIRST_ACCOUNT;
        do {
            UUID from = after;
            BillingRepository.Batch<UUID, BillingRepository.Invoice> batch =
                    db.transaction(em -> new BillingRepository(em).terminateBatch(period, from, 2));
            batches.add(batch);
            after = batch.next().orElse(null);
        } while (after != null);

        assertThat(batches).hasSize(2);
        assertThat(batches.stream().mapToInt(batch -> batch.items().size()).sum())
                .isEqualTo(3);
        for (String name : List.of("delinquent-1", "delinquent-2", "delinquent-3")) {
            assertThat(db.string(
                            "SELECT status || '/' || status_reason || '/' || status_actor FROM account WHERE id = ?",
                            accounts.get(name)))
                    .as(name)
                    .contains("terminated/billing/system");
        }
        assertThat(db.status(accounts.get("paid"))).isEqualTo("active");
        assertThat(db.status(accounts.get("banned"))).isEqualTo("banned");
        assertThat(db.status(accounts.get("parent")))
                .as("an invoice of another month")
                .isEqualTo("active");
        assertThat(db.status(accounts.get("sub-with-invoice")))
                .as("a sub-user is never terminated on its own")
                .isEqualTo("active");
        assertThat(db.status(accounts.get("sub-of-delinquent")))
                .as("a sub-user keeps its own status; its parent's makes it effectively terminated")
                .isEqualTo("active");
    }

    @Test
    @DisplayName("audits each termination with its subtree's size")
    void audit() {
        db.transaction(em -> new BillingRepository(em).terminateBatch(period, BillingRepository.FIRST_ACCOUNT, 100));

        assertThat(db.string(
                        "SELECT old_status || '>' || new_status || '/' || actor || '/' || cascaded_count"
                                + " FROM status_audit WHERE account_id = ?",
                        accounts.get("delinquent-1")))
                .contains("active>terminated/system/2");
        assertThat(db.string(
                        "SELECT cascaded_count FROM status_audit WHERE account_id = ?", accounts.get("delinquent-2")))
                .contains("1");
        assertThat(db.count("SELECT count(*) FROM status_audit WHERE account_id = ?", accounts.get("paid")))
                .isZero();
    }

    @Test
    @DisplayName("a payment recorded before the batch keeps the account active")
    void paidMeanwhile() {
        db.execute("UPDATE bill_run SET paid_at = now() WHERE account_id = ?", accounts.get("delinquent-2"));

        db.transaction(em -> new BillingRepository(em).terminateBatch(period, BillingRepository.FIRST_ACCOUNT, 100));

        assertThat(db.status(accounts.get("delinquent-2"))).isEqualTo("active");
        assertThat(db.status(accounts.get("delinquent-1"))).isEqualTo("terminated");
    }

    @Test
    @DisplayName("the termination notices are claimed once: a second claim gets none")
    void noticesClaimedOnce() {
        db.transaction(em -> new BillingRepository(em).terminateBatch(period, BillingRepository.FIRST_ACCOUNT, 100));

        List<BillingRepository.Invoice> first =
                db.transaction(em -> new BillingRepository(em).claimTerminationNotices(period, 100));
        List<BillingRepository.Invoice> second =
                db.transaction(em -> new BillingRepository(em).claimTerminationNotices(period, 100));

        assertThat(first)
                .extracting(BillingRepository.Invoice::accountId)
                .containsExactlyInAnyOrder(
                        accounts.get("delinquent-1"), accounts.get("delinquent-2"), accounts.get("delinquent-3"));
        assertThat(second).isEmpty();
    }
}
