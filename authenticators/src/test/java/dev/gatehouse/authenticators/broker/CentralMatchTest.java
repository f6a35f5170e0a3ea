package dev.gatehouse.authenticators.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.Account;
import dev.gatehouse.domain.AccountStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("CentralMatch")
class CentralMatchTest {

    private static final String EMAIL = "ada@example.org";

    private static Account account(boolean emailConfirmed, String centralSubject) {
        return new Account(
                UUID.randomUUID(),
                "ada",
                EMAIL,
                emailConfirmed,
                "$2a$10$abcdefghijklmnopqrstuuFakeHashForTestsOnly0123456789abc",
                AccountStatus.ACTIVE,
                AccountStatus.ACTIVE,
                null,
                centralSubject,
                Instant.parse("2024-01-01T00:00:00Z"),
                null,
                null);
    }

    private static Account unlinked(boolean emailConfirmed) {
        return account(emailConfirmed, null);
    }

    @Nested
    @DisplayName("when the store already records the central subject")
    class RecordedSubject {

        @ParameterizedTest(name = "banned={0}, e-mail match={1}, central verified={2}")
        @CsvSource({
            "false, false, false",
            "false, false, true",
            "false, true,  false",
            "false, true,  true",
            "true,  false, false",
            "true,  false, true",
            "true,  true,  false",
            "true,  true,  true"
        })
        @DisplayName("logs in as that account, whatever else is true, even a banned e-mail")
        void recordedSubjectWins(boolean emailBanned, boolean emailMatch, boolean centralVerified) {
            // given
            Optional<Account> bySubject = Optional.of(account(true, "central-sub-1"));
            Optional<Account> byEmail = emailMatch ? Optional.of(account(false, "central-sub-2")) : Optional.empty();

            // when
            CentralMatch match = CentralMatch.of(bySubject, emailBanned, byEmail, centralVerified);

            // then
            assertThat(match).isEqualTo(CentralMatch.RECORDED_LINK);
        }
    }

    @Nested
    @DisplayName("when the subject is new")
    class NewSubject {

        @ParameterizedTest(name = "e-mail match={0}, central verified={1}")
        @CsvSource({"false, false", "false, true", "true, false", "true, true"})
        @DisplayName("refuses a banned e-mail address")
        void refusesBannedEmail(boolean emailMatch, boolean centralVerified) {
            // given
            Optional<Account> byEmail = emailMatch ? Optional.of(unlinked(true)) : Optional.empty();

            // when
            CentralMatch match = CentralMatch.of(Optional.empty(), true, byEmail, centralVerified);

            // then
            assertThat(match).isEqualTo(CentralMatch.REFUSE);
        }

        @ParameterizedTest(name = "central verified={0}")
        @CsvSource({"true", "false"})
        @DisplayName("creates an account when nobody has the e-mail address")
        void createsWhenNoEmailMatch(boolean centralVerified) {
            // when
            CentralMatch match = CentralMatch.of(Optional.empty(), false, Optional.empty(), centralVerified);

            // then
            assertThat(match).isEqualTo(CentralMatch.CREATE);
        }

        @ParameterizedTest(name = "account e-mail confirmed={0}, central verified={1}")
        @CsvSource({"false, false", "false, true", "true, false", "true, true"})
        @DisplayName("refuses when the account with that e-mail is linked to another central subject")
        void refusesAccountLinkedElsewhere(boolean emailConfirmed, boolean centralVerified) {
            // given
            Optional<Account> byEmail = Optional.of(account(emailConfirmed, "another-central-sub"));

            // when
            CentralMatch match = CentralMatch.of(Optional.empty(), false, byEmail, centralVerified);

            // then
            assertThat(match).isEqualTo(CentralMatch.REFUSE);
        }

        @Test
        @DisplayName("asks for the legacy password when both sides verified the e-mail")
        void confirmsWithPasswordWhenBothVerified() {
            // given
            Optional<Account> byEmail = Optional.of(unlinked(true));

            // when
            CentralMatch match = CentralMatch.of(Optional.empty(), false, byEmail, true);

            // then
            assertThat(match).isEqualTo(CentralMatch.CONFIRM_WITH_PASSWORD);
        }

        @ParameterizedTest(name = "account e-mail confirmed={0}, central verified={1}")
        @CsvSource({
            "false, true",
            "true,  false",
            "false, false",
        })
        @DisplayName("refuses as unverified unless both sides verified the e-mail (keycloak#53041)")
        void refusesUnverified(boolean emailConfirmed, boolean centralVerified) {
            // given
            Optional<Account> byEmail = Optional.of(unlinked(emailConfirmed));

            // when
            CentralMatch match = CentralMatch.of(Optional.empty(), false, byEmail, centralVerified);

            // then
            assertThat(match).isEqualTo(CentralMatch.REFUSE_UNVERIFIED);
        }
    }

    @Nested
    @DisplayName("when the central e-mail is an account's username (CVE-2026-19607's class)")
    class UsernameMatch {

        @ParameterizedTest(name = "another account owns the address={0}")
        @CsvSource({"false", "true"})
        @DisplayName("confirms that account with its legacy password, never creates one, whoever owns the address")
        void confirmsTheUsernamesAccount(boolean emailMatch) {
            // given: the account's own address is unconfirmed, which matters only for e-mail matches
            Optional<Account> byUsername = Optional.of(unlinked(false));
            Optional<Account> byEmail = emailMatch ? Optional.of(unlinked(true)) : Optional.empty();

            // when
            CentralMatch match = CentralMatch.of(Optional.empty(), false, byUsername, byEmail, true);

            // then
            assertThat(match).isEqualTo(CentralMatch.CONFIRM_WITH_PASSWORD);
        }

        @Test
        @DisplayName("refuses when the central side does not vouch for the address, or the account is linked")
        void refusesUnverifiedOrLinked() {
            assertThat(CentralMatch.of(Optional.empty(), false, Optional.of(unlinked(true)), Optional.empty(), false))
                    .isEqualTo(CentralMatch.REFUSE_UNVERIFIED);
            assertThat(CentralMatch.of(
                            Optional.empty(), false, Optional.of(account(true, "other")), Optional.empty(), true))
                    .isEqualTo(CentralMatch.REFUSE);
        }

        @Test
        @DisplayName("a banned address is refused first")
        void bannedFirst() {
            assertThat(CentralMatch.of(Optional.empty(), true, Optional.of(unlinked(true)), Optional.empty(), true))
                    .isEqualTo(CentralMatch.REFUSE);
        }
    }
}
