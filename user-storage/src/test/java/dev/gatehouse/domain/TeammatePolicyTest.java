package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("AccountPolicy for teammates")
class TeammatePolicyTest {

    private static final String INVITED = "mate@example.test";

    private final AccountPolicy policy = new AccountPolicy();
    private final Account team = account("owner@example.test", true, AccountStatus.ACTIVE, null);

    static Account account(String email, boolean confirmed, AccountStatus effective, UUID teamId) {
        return new Account(
                UUID.randomUUID(),
                "someone",
                email,
                confirmed,
                null,
                AccountStatus.ACTIVE,
                effective,
                null,
                null,
                Instant.EPOCH,
                teamId,
                teamId == null ? null : TeammateLevel.DEVELOPER);
    }

    private TeammateAcceptance accept(Account invitee, Account team, boolean hasMembers) {
        return policy.teammateAcceptance(invitee, team, Identifiers.key(INVITED), hasMembers);
    }

    @Nested
    @DisplayName("teammateAcceptance()")
    class Acceptance {

        @Test
        @DisplayName("an active account with the invited address, confirmed, in any case, joins")
        void applies() {
            assertThat(accept(account("Mate@Example.TEST", true, AccountStatus.ACTIVE, null), team, false))
                    .isEqualTo(TeammateAcceptance.APPLY);
        }

        @Test
        @DisplayName("another address, an unconfirmed one or none is refused before anything else")
        void otherAddress() {
            Account other = account("other@example.test", true, AccountStatus.BANNED, UUID.randomUUID());
            assertThat(accept(other, team, true)).isEqualTo(TeammateAcceptance.REFUSE_OTHER_ADDRESS);
            assertThat(accept(account(INVITED, false, AccountStatus.ACTIVE, null), team, false))
                    .isEqualTo(TeammateAcceptance.REFUSE_OTHER_ADDRESS);
            assertThat(accept(account(null, true, AccountStatus.ACTIVE, null), team, false))
                    .isEqualTo(TeammateAcceptance.REFUSE_OTHER_ADDRESS);
        }

        @Test
        @DisplayName("the team's own account, a teammate already, or a team that is a teammate itself is refused")
        void membership() {
            Account own = new Account(
                    team.id(),
                    "owner",
                    INVITED,
                    true,
                    null,
                    AccountStatus.ACTIVE,
                    AccountStatus.ACTIVE,
                    null,
                    null,
                    Instant.EPOCH,
                    null,
                    null);
            assertThat(accept(own, team, false)).isEqualTo(TeammateAcceptance.REFUSE_OWN_ACCOUNT);
            assertThat(accept(account(INVITED, true, AccountStatus.ACTIVE, UUID.randomUUID()), team, false))
                    .isEqualTo(TeammateAcceptance.REFUSE_ALREADY_TEAMMATE);
            Account teammateTeam = account("t@example.test", true, AccountStatus.ACTIVE, UUID.randomUUID());
            assertThat(accept(account(INVITED, true, AccountStatus.ACTIVE, null), teammateTeam, false))
                    .isEqualTo(TeammateAcceptance.REFUSE_ALREADY_TEAMMATE);
        }

        @Test
        @DisplayName("an account with sub-users or teammates of its own is refused")
        void hasMembers() {
            assertThat(accept(account(INVITED, true, AccountStatus.ACTIVE, null), team, true))
                    .isEqualTo(TeammateAcceptance.REFUSE_HAS_MEMBERS);
        }

        @ParameterizedTest(name = "invitee {0}, team {1}")
        @CsvSource({"TERMINATED, ACTIVE", "BANNED, ACTIVE", "ACTIVE, TERMINATED", "ACTIVE, BANNED"})
        @DisplayName("an inactive invitee or team is refused")
        void inactive(AccountStatus invitee, AccountStatus teamStatus) {
            Account inactiveTeam = account("owner@example.test", true, teamStatus, null);
            assertThat(accept(account(INVITED, true, invitee, null), inactiveTeam, false))
                    .isEqualTo(TeammateAcceptance.REFUSE_INACTIVE);
        }
    }

    @Nested
    @DisplayName("teamManagement() and TeamRole")
    class Management {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"OWNER, true", "ADMIN, true", "DEVELOPER, false", "BILLING, false", "READ_ONLY, false"})
        @DisplayName("only the owner and admin teammates manage the team")
        void levels(TeammateLevel level, boolean manages) {
            assertThat(policy.teamManagement(new TeamRole(UUID.randomUUID(), level)))
                    .isEqualTo(manages);
        }

        @Test
        @DisplayName("an account that is nobody's teammate acts for itself as owner; a teammate for its team")
        void roles() {
            Account owner = account(INVITED, true, AccountStatus.ACTIVE, null);
            UUID teamId = UUID.randomUUID();
            assertThat(TeamRole.of(owner)).isEqualTo(new TeamRole(owner.id(), TeammateLevel.OWNER));
            assertThat(TeamRole.of(account(INVITED, true, AccountStatus.ACTIVE, teamId)))
                    .isEqualTo(new TeamRole(teamId, TeammateLevel.DEVELOPER));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @CsvSource({"admin, ADMIN", "read-only, READ_ONLY", "Billing, BILLING"})
        @DisplayName("teammate levels are read in any case; owner and unknown values are not teammate levels")
        void parse(String value, TeammateLevel expected) {
            assertThat(TeammateLevel.ofTeammate(value)).contains(expected);
            assertThat(TeammateLevel.ofTeammate("owner")).isEmpty();
            assertThat(TeammateLevel.ofTeammate("root")).isEmpty();
            assertThat(TeammateLevel.ofTeammate(null)).isEmpty();
        }
    }
}
