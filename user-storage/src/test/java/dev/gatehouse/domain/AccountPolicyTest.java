package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.AccessDecision.Verdict;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("AccountPolicy")
class AccountPolicyTest {

    private final AccountPolicy policy = new AccountPolicy();

    static Account account(AccountStatus own, AccountStatus effective, boolean subUser) {
        return new Account(
                UUID.randomUUID(),
                "ann",
                "ann@example.test",
                true,
                null,
                own,
                effective,
                subUser ? UUID.randomUUID() : null,
                null,
                Instant.EPOCH,
                null,
                null);
    }

    @Nested
    @DisplayName("login()")
    class Login {

        @ParameterizedTest(name = "effective {0} -> {1}")
        @CsvSource({"ACTIVE, ALLOW", "TERMINATED, REFUSE", "BANNED, REFUSE"})
        @DisplayName("lets only active accounts log in, and names the status it refused")
        void onlyActive(AccountStatus effective, Verdict expected) {
            // when
            AccessDecision decision = policy.login(effective);

            // then
            assertThat(decision.verdict()).isEqualTo(expected);
            assertThat(decision.effectiveStatus()).isEqualTo(effective);
        }
    }

    @Nested
    @DisplayName("apiKeyAccess()")
    class ApiKeyAccess {

        // Every own status × every effective status an ancestor can impose (never milder than the
        // own one), for top-level accounts and sub-users.
        @ParameterizedTest(name = "own {0}, effective {1}, sub-user {2} -> {3}")
        @CsvSource({
            "ACTIVE,     ACTIVE,     false, ALLOW",
            "ACTIVE,     ACTIVE,     true,  ALLOW",
            "TERMINATED, TERMINATED, false, REFUSE",
            "ACTIVE,     TERMINATED, true,  REFUSE",
            "TERMINATED, TERMINATED, true,  REFUSE",
            "BANNED,     BANNED,     false, INVALID_CREDENTIALS",
            "ACTIVE,     BANNED,     true,  INVALID_CREDENTIALS",
            "TERMINATED, BANNED,     true,  INVALID_CREDENTIALS",
            "BANNED,     BANNED,     true,  INVALID_CREDENTIALS"
        })
        @DisplayName("decides on the effective status only")
        void decidesOnTheEffectiveStatus(
                AccountStatus own, AccountStatus effective, boolean subUser, Verdict expected) {
            // when
            AccessDecision decision = policy.apiKeyAccess(account(own, effective, subUser));

            // then
            assertThat(decision.verdict()).isEqualTo(expected);
            assertThat(decision.effectiveStatus()).isEqualTo(effective);
            assertThat(decision.allowed()).isEqualTo(expected == Verdict.ALLOW);
        }
    }

    @Nested
    @DisplayName("ownKeyManagement()")
    class OwnKeyManagement {

        @ParameterizedTest(name = "own {0}, effective {1}, sub-user {2} -> {3}")
        @CsvSource({
            "ACTIVE,     ACTIVE,     false, ALLOW",
            "ACTIVE,     ACTIVE,     true,  ALLOW",
            "TERMINATED, TERMINATED, false, REFUSE",
            "ACTIVE,     TERMINATED, true,  REFUSE",
            "BANNED,     BANNED,     false, REFUSE",
            "ACTIVE,     BANNED,     true,  REFUSE"
        })
        @DisplayName("allows active accounts only, and says why otherwise")
        void allowsActiveOnly(AccountStatus own, AccountStatus effective, boolean subUser, Verdict expected) {
            assertThat(policy.ownKeyManagement(account(own, effective, subUser)).verdict())
                    .isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("termination()")
    class Termination {

        @ParameterizedTest(name = "own {0}, effective {1}, sub-user {2} -> {3}")
        @CsvSource({
            "ACTIVE,     ACTIVE,     false, APPLY",
            "TERMINATED, TERMINATED, false, UNCHANGED",
            "BANNED,     BANNED,     false, REFUSE_BANNED",
            "ACTIVE,     ACTIVE,     true,  REFUSE_SUB_USER",
            "ACTIVE,     TERMINATED, true,  REFUSE_SUB_USER",
            "TERMINATED, TERMINATED, true,  REFUSE_SUB_USER",
            "ACTIVE,     BANNED,     true,  REFUSE_BANNED",
            "TERMINATED, BANNED,     true,  REFUSE_BANNED",
            "BANNED,     BANNED,     true,  REFUSE_BANNED"
        })
        @DisplayName("terminates active top-level accounts; never touches banned ones or sub-users")
        void topLevelOnly(AccountStatus own, AccountStatus effective, boolean subUser, StatusChange expected) {
            // when
            StatusChange change = policy.termination(account(own, effective, subUser));

            // then
            assertThat(change).isEqualTo(expected);
            assertThat(change.refused()).isEqualTo(expected.name().startsWith("REFUSE"));
        }
    }

    @Nested
    @DisplayName("reinstatement()")
    class Reinstatement {

        @ParameterizedTest(name = "own {0}, effective {1}, sub-user {2}, unpaid {3} -> {4}")
        @CsvSource({
            "TERMINATED, TERMINATED, false, false, APPLY",
            "TERMINATED, TERMINATED, false, true,  REFUSE_UNPAID",
            "TERMINATED, TERMINATED, true,  false, APPLY",
            "ACTIVE,     ACTIVE,     false, false, UNCHANGED",
            "ACTIVE,     ACTIVE,     false, true,  UNCHANGED",
            "ACTIVE,     TERMINATED, true,  false, UNCHANGED",
            "BANNED,     BANNED,     false, false, REFUSE_BANNED",
            "BANNED,     BANNED,     false, true,  REFUSE_BANNED",
            "BANNED,     BANNED,     true,  false, REFUSE_BANNED",
            "ACTIVE,     BANNED,     true,  false, REFUSE_BANNED",
            "TERMINATED, BANNED,     true,  false, REFUSE_BANNED"
        })
        @DisplayName("never reactivates a banned account; a terminated one once nothing earlier is unpaid")
        void bannedNeverComesBack(
                AccountStatus own, AccountStatus effective, boolean subUser, boolean unpaid, StatusChange expected) {
            // when
            StatusChange change = policy.reinstatement(account(own, effective, subUser), unpaid);

            // then
            assertThat(change).isEqualTo(expected);
        }
    }
}
