package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.Account;
import dev.gatehouse.domain.AccountPolicy;
import dev.gatehouse.domain.StatusChange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The billing sweep terminates a whole batch in one statement, so its SQL states the termination
 * rule set-based beside {@link AccountPolicy#termination}. This test holds them to one rule: for
 * every case of the table (the account's own status × where it sits: top-level, sub-user or
 * teammate, under an active, terminated or banned account), each with an unpaid invoice of the
 * period, the sweep's candidates are exactly the accounts the policy answers {@code APPLY} for.
 */
@DisplayName("Termination rule: the sweep's SQL and AccountPolicy.termination agree on every case")
class TerminationRuleDbTest {

    private static final List<String> STATUSES = List.of("active", "terminated", "banned");
    private static final List<String> PLACES = List.of("top-level", "sub-user", "teammate");

    private final StoreDb db = StoreDb.shared();
    private final AccountPolicy policy = new AccountPolicy();

    /** One row of the table: the account's own status, where it sits, and its parent's or team's status. */
    private record Case(String status, String place, String aboveStatus, UUID account) {
        @Override
        public String toString() {
            return status + " " + place + (place.equals("top-level") ? "" : " of " + aboveStatus);
        }
    }

    @Test
    @DisplayName("the sweep's candidates are exactly the accounts AccountPolicy.termination would terminate")
    void sqlAndPolicyAgree() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LocalDate period = LocalDate.of(1800 + random.nextInt(100), 1 + random.nextInt(12), 1);
        String prefix = StoreDb.unique("rule");
        List<Case> cases = new ArrayList<>();
        int n = 0;
        for (String status : STATUSES) {
            for (String place : PLACES) {
                for (String above : place.equals("top-level") ? List.of("-") : STATUSES) {
                    String name = prefix + "-" + n++;
                    UUID account = arrange(name, status, place, above);
                    db.execute(
                            "INSERT INTO bill_run (account_id, period, amount_due, due_date) VALUES (?, ?, 10.00, ?)",
                            account,
                            period,
                            period.plusDays(14));
                    cases.add(new Case(status, place, above, account));
                }
            }
        }

        Set<UUID> candidates = db.transaction(em -> new BillingRepository(em).terminationCandidates(period)).stream()
                .map(BillingRepository.Invoice::accountId)
                .collect(Collectors.toSet());
        AccountRepository accounts = new AccountRepository(db.connection());

        assertThat(cases).hasSize(21);
        assertThat(cases).allSatisfy(c -> {
            Account account = accounts.findById(c.account()).orElseThrow();
            boolean policyTerminates = policy.termination(account) == StatusChange.APPLY;
            assertThat(candidates.contains(c.account()))
                    .as("%s: the sweep's SQL terminates it, as the policy %s", c, policy.termination(account))
                    .isEqualTo(policyTerminates);
        });
        assertThat(cases.stream().filter(c -> candidates.contains(c.account())).map(Case::toString))
                .as("what the sweep terminates")
                .containsExactlyInAnyOrder(
                        "active top-level", "active teammate of active", "active teammate of terminated");
    }

    /** The account of one case, with its parent or team when it has one. */
    private UUID arrange(String name, String status, String place, String above) {
        UUID parent = null;
        UUID team = null;
        if (!place.equals("top-level")) {
            UUID upper = db.account(name + "-above", null, name + "-above@db.test");
            setStatus(upper, above);
            if (place.equals("sub-user")) {
                parent = upper;
            } else {
                team = upper;
            }
        }
        UUID account = db.account(name, parent, name + "@db.test");
        setStatus(account, status);
        if (team != null) {
            db.execute(
                    "INSERT INTO teammate (account_id, member_id, invite_email, invite_email_key, level, invited_by,"
                            + " accepted_at) VALUES (?, ?, ?, ?, 'developer', 'test', now())",
                    team,
                    account,
                    name + "@db.test",
                    name + "@db.test");
        }
        return account;
    }

    private void setStatus(UUID account, String status) {
        db.execute("UPDATE account SET status = ?, status_reason = 'rule test' WHERE id = ?", status, account);
    }
}
