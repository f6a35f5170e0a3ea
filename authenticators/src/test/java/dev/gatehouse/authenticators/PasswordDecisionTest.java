package dev.gatehouse.authenticators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.authenticators.PasswordDecision.Candidate;
import dev.gatehouse.authenticators.PasswordDecision.Outcome;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("PasswordDecision")
class PasswordDecisionTest {

    private final AtomicInteger dummyHashes = new AtomicInteger();
    private final AtomicInteger passwordChecks = new AtomicInteger();

    private final Runnable dummyHash = dummyHashes::incrementAndGet;

    private BooleanSupplier passwordMatches(boolean matches) {
        return () -> {
            passwordChecks.incrementAndGet();
            return matches;
        };
    }

    @Nested
    @DisplayName("for an identifier that matched no account")
    class UnknownAccount {

        @Test
        @DisplayName("the code path hashes a dummy password exactly once, so timing matches a wrong password")
        void codePathHashesADummyPassword() {
            // when
            PasswordDecision.decide(Candidate.NONE, passwordMatches(true), dummyHash);

            // then
            assertThat(dummyHashes).hasValue(1);
        }

        @Test
        @DisplayName("never checks the typed password")
        void neverChecksThePassword() {
            // when
            PasswordDecision.decide(Candidate.NONE, passwordMatches(true), dummyHash);

            // then
            assertThat(passwordChecks).hasValue(0);
        }

        @ParameterizedTest(name = "password supplier would say {0}")
        @CsvSource({"true", "false"})
        @DisplayName("is UNKNOWN_ACCOUNT, whatever the password supplier would say")
        void isUnknownAccount(boolean wouldMatch) {
            // when
            Outcome outcome = PasswordDecision.decide(Candidate.NONE, passwordMatches(wouldMatch), dummyHash);

            // then
            assertThat(outcome).isEqualTo(Outcome.UNKNOWN_ACCOUNT);
        }
    }

    @Nested
    @DisplayName("for a known account")
    class KnownAccount {

        @ParameterizedTest(name = "password matches: {0} -> {1}")
        @CsvSource({"true, ACCEPTED", "false, REJECTED"})
        @DisplayName("follows the password check")
        void followsThePasswordCheck(boolean matches, Outcome expected) {
            // when
            Outcome outcome = PasswordDecision.decide(Candidate.ACCOUNT, passwordMatches(matches), dummyHash);

            // then
            assertThat(outcome).isEqualTo(expected);
        }

        @ParameterizedTest(name = "password matches: {0}")
        @CsvSource({"true", "false"})
        @DisplayName("checks the password exactly once and never runs the dummy hash")
        void checksOnceWithoutDummyHash(boolean matches) {
            // when
            PasswordDecision.decide(Candidate.ACCOUNT, passwordMatches(matches), dummyHash);

            // then
            assertThat(passwordChecks).hasValue(1);
            assertThat(dummyHashes).hasValue(0);
        }
    }

    @Nested
    @DisplayName("for a pending signup")
    class PendingSignup {

        @ParameterizedTest(name = "password matches: {0} -> {1}")
        @CsvSource({"true, UNCONFIRMED_SIGNUP", "false, UNKNOWN_ACCOUNT"})
        @DisplayName("is the unconfirmed signup with its password, and fails like an unknown account without it")
        void followsThePasswordCheck(boolean matches, Outcome expected) {
            // when
            Outcome outcome = PasswordDecision.decide(Candidate.PENDING_SIGNUP, passwordMatches(matches), dummyHash);

            // then
            assertThat(outcome).isEqualTo(expected);
        }

        @ParameterizedTest(name = "password matches: {0}")
        @CsvSource({"true", "false"})
        @DisplayName("pays for its own hash only, like an account")
        void checksOnceWithoutDummyHash(boolean matches) {
            // when
            PasswordDecision.decide(Candidate.PENDING_SIGNUP, passwordMatches(matches), dummyHash);

            // then
            assertThat(passwordChecks).hasValue(1);
            assertThat(dummyHashes).hasValue(0);
        }
    }
}
