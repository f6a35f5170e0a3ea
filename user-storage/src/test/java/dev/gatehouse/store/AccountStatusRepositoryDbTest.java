package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.AccountPolicy;
import dev.gatehouse.domain.StatusChange;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("AccountStatusRepository against PostgreSQL: the ban cascade and status changes, row by row")
class AccountStatusRepositoryDbTest {

    private final StoreDb db = StoreDb.shared();

    /** parent → a → b, parent → sibling, plus an unrelated account; each with a key and a dedicated IP. */
    private Map<String, UUID> tree() {
        String prefix = StoreDb.unique("ban");
        Map<String, UUID> ids = new LinkedHashMap<>();
        ids.put("parent", db.account(prefix + "-parent", null, prefix + "@db.test"));
        ids.put("a", db.account(prefix + "-a", ids.get("parent"), prefix + "@db.test"));
        ids.put("b", db.account(prefix + "-b", ids.get("a"), prefix + "-b@db.test"));
        ids.put("sibling", db.account(prefix + "-sibling", ids.get("parent"), null));
        ids.put("other", db.account(prefix + "-other", null, prefix + "-other@db.test"));
        ids.forEach((name, id) -> {
            db.execute(
                    "INSERT INTO api_key (id, account_id, name, secret_hash) VALUES (?, ?, 'k', sha256(?::bytea))",
                    StoreDb.unique("key"),
                    id,
                    name);
            db.execute(
                    "INSERT INTO dedicated_ip (address, account_id, assigned_at) VALUES (?::inet, ?, now())",
                    randomAddress(),
                    id);
        });
        return ids;
    }

    private AccountStatusRepository.BanResult ban(UUID account) {
        return db.transaction(em -> new AccountStatusRepository(em, new AccountPolicy()).ban(account, "abuse", "it"));
    }

    @Nested
    @DisplayName("banning a parent")
    class BanParent {

        @Test
        @DisplayName("bans the whole subtree with reason and actor, and nobody outside it")
        void statuses() {
            Map<String, UUID> tree = tree();

            AccountStatusRepository.BanResult result = ban(tree.get("parent"));

            List<UUID> subtree = List.of(tree.get("parent"), tree.get("a"), tree.get("b"), tree.get("sibling"));
            assertThat(result.banned()).containsExactlyInAnyOrderElementsOf(subtree);
            assertThat(result.subtree()).containsExactlyInAnyOrderElementsOf(subtree);
            for (UUID id : subtree) {
                assertThat(db.string(
                                "SELECT status || '/' || status_reason || '/' || status_actor FROM account WHERE id = ?",
                                id))
                        .contains("banned/abuse/it");
            }
            assertThat(db.status(tree.get("other"))).isEqualTo("active");
        }

        @Test
        @DisplayName("deletes the subtree's API keys, releases its dedicated IPs, bans its addresses; the other"
                + " account keeps all three")
        void keysAddressesAndIps() {
            Map<String, UUID> tree = tree();

            ban(tree.get("parent"));

            for (String name : List.of("parent", "a", "b", "sibling")) {
                UUID id = tree.get(name);
                assertThat(db.count("SELECT count(*) FROM api_key WHERE account_id = ?", id))
                        .as(name)
                        .isZero();
                assertThat(db.count("SELECT count(*) FROM dedicated_ip WHERE account_id = ?", id))
                        .as(name)
                        .isZero();
            }
            UUID other = tree.get("other");
            assertThat(db.count("SELECT count(*) FROM api_key WHERE account_id = ?", other))
                    .isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM dedicated_ip WHERE account_id = ?", other))
                    .isEqualTo(1);
            String prefix = db.string("SELECT username FROM account WHERE id = ?", tree.get("parent"))
                    .orElseThrow()
                    .replace("-parent", "");
            assertThat(db.strings(
                            "SELECT email_key FROM email_ban WHERE email_key LIKE ? ORDER BY email_key", prefix + "%"))
                    .containsExactly(prefix + "-b@db.test", prefix + "@db.test");
        }

        @Test
        @DisplayName("audits each banned account, the subtree's size on the parent's row, and queues one revocation")
        void auditAndOutbox() {
            Map<String, UUID> tree = tree();

            ban(tree.get("parent"));

            assertThat(db.string(
                            "SELECT old_status || '>' || new_status || '/' || cascaded_count FROM status_audit"
                                    + " WHERE account_id = ?",
                            tree.get("parent")))
                    .contains("active>banned/4");
            for (String name : List.of("a", "b", "sibling")) {
                assertThat(db.string("SELECT cascaded_count FROM status_audit WHERE account_id = ?", tree.get(name)))
                        .as(name)
                        .contains("0");
            }
            assertThat(db.string("SELECT status FROM revocation_pending WHERE account_id = ?", tree.get("parent")))
                    .contains("banned");
        }

        @Test
        @DisplayName("again changes no account and writes no audit row")
        void idempotent() {
            Map<String, UUID> tree = tree();
            ban(tree.get("parent"));

            AccountStatusRepository.BanResult again = ban(tree.get("parent"));

            assertThat(again.banned()).isEmpty();
            assertThat(again.subtree()).hasSize(4);
            long auditRows = tree.values().stream()
                    .mapToLong(id -> db.count("SELECT count(*) FROM status_audit WHERE account_id = ?", id))
                    .sum();
            assertThat(auditRows).as("one per account of the first ban").isEqualTo(4);
        }
    }

    @Test
    @DisplayName("banning a sub-user bans its subtree only: the parent and the sibling stay active")
    void banSubUser() {
        Map<String, UUID> tree = tree();

        AccountStatusRepository.BanResult result = ban(tree.get("a"));

        assertThat(result.banned()).containsExactlyInAnyOrder(tree.get("a"), tree.get("b"));
        assertThat(db.status(tree.get("parent"))).isEqualTo("active");
        assertThat(db.status(tree.get("sibling"))).isEqualTo("active");
        assertThat(db.count("SELECT count(*) FROM api_key WHERE account_id = ?", tree.get("parent")))
                .isEqualTo(1);
    }

    @Nested
    @DisplayName("terminating and reinstating by hand")
    class TerminateReinstate {

        @Test
        @DisplayName("a termination writes the account's own status only; its sub-users keep theirs")
        void terminate() {
            Map<String, UUID> tree = tree();

            AccountStatusRepository.ChangeResult result =
                    db.transaction(em -> new AccountStatusRepository(em, new AccountPolicy())
                            .terminate(tree.get("parent"), "manual", "support"));

            assertThat(result.outcome()).isEqualTo(StatusChange.APPLY);
            assertThat(db.status(tree.get("parent"))).isEqualTo("terminated");
            assertThat(db.status(tree.get("a"))).isEqualTo("active");
            assertThat(db.string("SELECT status FROM revocation_pending WHERE account_id = ?", tree.get("parent")))
                    .contains("terminated");
        }

        @Test
        @DisplayName("reinstatement is refused while an invoice from before this month is unpaid, applied once paid")
        void reinstate() {
            Map<String, UUID> tree = tree();
            UUID parent = tree.get("parent");
            db.transaction(em -> new AccountStatusRepository(em, new AccountPolicy()).terminate(parent, "m", "s"));
            LocalDate lastMonth = LocalDate.now().withDayOfMonth(1).minusMonths(1);
            db.execute(
                    "INSERT INTO bill_run (account_id, period, amount_due, due_date) VALUES (?, ?, 10.00, ?)",
                    parent,
                    lastMonth,
                    lastMonth.plusDays(14));

            AccountStatusRepository.ChangeResult refused = db.transaction(
                    em -> new AccountStatusRepository(em, new AccountPolicy()).reinstate(parent, "support"));
            db.execute("UPDATE bill_run SET paid_at = now() WHERE account_id = ?", parent);
            AccountStatusRepository.ChangeResult applied = db.transaction(
                    em -> new AccountStatusRepository(em, new AccountPolicy()).reinstate(parent, "support"));

            assertThat(refused.outcome()).isEqualTo(StatusChange.REFUSE_UNPAID);
            assertThat(refused.unpaid()).isPresent();
            assertThat(applied.outcome()).isEqualTo(StatusChange.APPLY);
            assertThat(db.status(parent)).isEqualTo("active");
            assertThat(db.count("SELECT count(*) FROM revocation_pending WHERE account_id = ?", parent))
                    .as("the termination's pending revocation, cancelled")
                    .isZero();
        }
    }

    private static String randomAddress() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }
}
