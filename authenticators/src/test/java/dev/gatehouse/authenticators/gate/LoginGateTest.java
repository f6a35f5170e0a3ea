package dev.gatehouse.authenticators.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.authenticators.gate.LoginGate.Kind;
import dev.gatehouse.authenticators.gate.LoginGate.Subject;
import dev.gatehouse.authenticators.gate.LoginGate.Verdict;
import dev.gatehouse.domain.AccountStatus;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("LoginGate")
class LoginGateTest {

    private static final Subject ACTIVE = account(false, true, false, AccountStatus.ACTIVE, false);

    /** Counts the hashes an attempt pays. */
    private static final class Counting implements LoginGate.Passwords {
        private final boolean matches;
        int verified;
        int dummies;

        Counting(boolean matches) {
            this.matches = matches;
        }

        @Override
        public boolean verify() {
            verified++;
            return matches;
        }

        @Override
        public void dummy() {
            dummies++;
        }

        int hashes() {
            return verified + dummies;
        }
    }

    private static Subject account(
            boolean locked, boolean hasPassword, boolean linked, AccountStatus status, boolean unconfirmed) {
        return new Subject(Kind.ACCOUNT, locked, hasPassword, linked, status, false, unconfirmed, false);
    }

    static Stream<Arguments> everySubject() {
        return Stream.of(
                Arguments.of("unknown", Subject.UNKNOWN),
                Arguments.of("active", ACTIVE),
                Arguments.of("locked", account(true, true, false, AccountStatus.ACTIVE, false)),
                Arguments.of("linked, password removed", account(false, false, true, AccountStatus.ACTIVE, false)),
                Arguments.of("linked, password kept", account(false, true, true, AccountStatus.ACTIVE, false)),
                Arguments.of("pending signup", Subject.pendingSignup(false)),
                Arguments.of("locked pending signup", Subject.pendingSignup(true)),
                Arguments.of("unconfirmed", account(false, true, false, AccountStatus.ACTIVE, true)),
                Arguments.of("banned", account(false, true, false, AccountStatus.BANNED, false)),
                Arguments.of("terminated", account(false, true, false, AccountStatus.TERMINATED, false)));
    }

    @Nested
    @DisplayName("pays exactly one hash")
    class OneHash {

        @ParameterizedTest(name = "{0}, whatever the password")
        @MethodSource("dev.gatehouse.authenticators.gate.LoginGateTest#everySubject")
        void always(String label, Subject subject) {
            for (String password : new String[] {null, "", "typed"}) {
                for (boolean matches : new boolean[] {true, false}) {
                    Counting passwords = new Counting(matches);
                    LoginGate.decide(subject, password, passwords);
                    assertThat(passwords.hashes())
                            .as("%s, %s, %s", label, password, matches)
                            .isEqualTo(1);
                }
            }
        }
    }

    @Nested
    @DisplayName("before the password is proven")
    class Unproven {

        @ParameterizedTest(name = "{0}: a wrong password is refused without telling the state")
        @MethodSource("dev.gatehouse.authenticators.gate.LoginGateTest#everySubject")
        void wrongPassword(String label, Subject subject) {
            Verdict verdict = LoginGate.decide(subject, "wrong", new Counting(false));
            assertThat(verdict.proven()).isFalse();
        }

        @ParameterizedTest(name = "{0}: an empty password is refused after a dummy hash")
        @MethodSource("dev.gatehouse.authenticators.gate.LoginGateTest#everySubject")
        void emptyPassword(String label, Subject subject) {
            Counting passwords = new Counting(true);
            Verdict verdict = LoginGate.decide(subject, "", passwords);
            assertThat(verdict.proven()).isFalse();
            assertThat(passwords.dummies).isEqualTo(1);
        }

        @Test
        @DisplayName("a locked account or signup is refused even with the right password, not counted again")
        void locked() {
            Counting passwords = new Counting(true);
            assertThat(LoginGate.decide(account(true, true, false, AccountStatus.ACTIVE, false), "right", passwords))
                    .isEqualTo(Verdict.LOCKED);
            assertThat(LoginGate.decide(Subject.pendingSignup(true), "right", passwords))
                    .isEqualTo(Verdict.LOCKED);
            assertThat(passwords.verified).isZero();
            assertThat(Verdict.LOCKED.countsAsFailure()).isFalse();
        }

        @Test
        @DisplayName("a linked account without a kept password answers like a wrong password")
        void linkedWithoutPassword() {
            assertThat(LoginGate.decide(
                            account(false, false, true, AccountStatus.ACTIVE, false), "x", new Counting(true)))
                    .isEqualTo(Verdict.WRONG_PASSWORD);
        }
    }

    @Nested
    @DisplayName("once the password is proven")
    class Proven {

        @Test
        @DisplayName("tells the state: banned, terminated, unconfirmed, pending, central login; else allows")
        void states() {
            assertThat(decide(account(false, true, false, AccountStatus.BANNED, true)))
                    .isEqualTo(Verdict.BANNED);
            assertThat(decide(account(false, true, false, AccountStatus.TERMINATED, false)))
                    .isEqualTo(Verdict.TERMINATED);
            assertThat(decide(account(false, true, false, AccountStatus.ACTIVE, true)))
                    .isEqualTo(Verdict.UNCONFIRMED);
            assertThat(decide(Subject.pendingSignup(false))).isEqualTo(Verdict.UNCONFIRMED);
            assertThat(decide(account(false, true, true, AccountStatus.ACTIVE, false)))
                    .isEqualTo(Verdict.CENTRAL_LOGIN_REQUIRED);
            assertThat(decide(ACTIVE)).isEqualTo(Verdict.ALLOW);
            assertThat(decide(new Subject(Kind.ACCOUNT, false, true, false, AccountStatus.ACTIVE, true, false, false)))
                    .isEqualTo(Verdict.DISABLED);
            assertThat(decide(new Subject(Kind.ACCOUNT, false, true, false, AccountStatus.ACTIVE, false, false, true)))
                    .isEqualTo(Verdict.SECOND_FACTOR);
        }

        private Verdict decide(Subject subject) {
            Verdict verdict = LoginGate.decide(subject, "right", new Counting(true));
            assertThat(verdict.proven()).isTrue();
            return verdict;
        }
    }
}
