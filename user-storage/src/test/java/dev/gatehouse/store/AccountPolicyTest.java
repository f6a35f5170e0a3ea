package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.store.AccessDecision.Verdict;
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
                Instant.EPOCH);
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
}
