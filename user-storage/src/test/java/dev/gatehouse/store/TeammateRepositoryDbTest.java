package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.Teammate;
import dev.gatehouse.domain.TeammateLevel;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TeammateRepository against PostgreSQL: invitation and membership rows")
class TeammateRepositoryDbTest {

    private final StoreDb db = StoreDb.shared();

    private <T> T teammates(java.util.function.Function<TeammateRepository, T> work) {
        return db.transaction(em -> work.apply(new TeammateRepository(em)));
    }

    private boolean did(java.util.function.Predicate<TeammateRepository> work) {
        return db.transaction(em -> work.test(new TeammateRepository(em)));
    }

    @Test
    @DisplayName("one pending invitation per address and account, whatever the address's case")
    void oneInvitationPerAddress() {
        UUID team = db.account(StoreDb.unique("team"), null, null);
        String address = StoreDb.unique("mate") + "@db.test";

        Optional<Teammate> first = teammates(repo -> repo.invite(team, address, TeammateLevel.DEVELOPER, "owner"));
        Optional<Teammate> again =
                teammates(repo -> repo.invite(team, address.toUpperCase(), TeammateLevel.ADMIN, "owner"));

        assertThat(first).isPresent();
        assertThat(first.get().accepted()).isFalse();
        assertThat(again).isEmpty();
        assertThat(db.string("SELECT level FROM teammate WHERE account_id = ?", team))
                .contains("developer");
        assertThat(did(repo -> repo.hasTeam(team))).isTrue();
    }

    @Test
    @DisplayName("an invitation is accepted once, and an account is a member of one team only")
    void acceptOnce() {
        UUID team = db.account(StoreDb.unique("team"), null, null);
        UUID otherTeam = db.account(StoreDb.unique("team"), null, null);
        UUID member = db.account(StoreDb.unique("member"), null, null);
        UUID latecomer = db.account(StoreDb.unique("late"), null, null);
        Teammate invitation = teammates(
                        repo -> repo.invite(team, StoreDb.unique("m") + "@db.test", TeammateLevel.BILLING, "owner"))
                .orElseThrow();
        Teammate otherInvitation = teammates(repo ->
                        repo.invite(otherTeam, StoreDb.unique("m") + "@db.test", TeammateLevel.BILLING, "owner"))
                .orElseThrow();

        assertThat(did(repo -> repo.accept(invitation.id(), member))).isTrue();
        assertThat(did(repo -> repo.accept(invitation.id(), latecomer)))
                .as("the same link again")
                .isFalse();
        assertThat(did(repo -> repo.accept(otherInvitation.id(), member)))
                .as("a member of another team already")
                .isFalse();

        assertThat(db.string("SELECT member_id FROM teammate WHERE id = ?", invitation.id()))
                .contains(member.toString());
        assertThat(db.count("SELECT count(*) FROM teammate WHERE id = ? AND accepted_at IS NOT NULL", invitation.id()))
                .isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM teammate WHERE id = ? AND member_id IS NULL", otherInvitation.id()))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("changing the level and removing write the row; removing the team's account removes its teammates")
    void levelRemoveAndCascade() {
        UUID team = db.account(StoreDb.unique("team"), null, null);
        Teammate one = teammates(
                        repo -> repo.invite(team, StoreDb.unique("a") + "@db.test", TeammateLevel.READ_ONLY, "owner"))
                .orElseThrow();
        Teammate two = teammates(
                        repo -> repo.invite(team, StoreDb.unique("b") + "@db.test", TeammateLevel.READ_ONLY, "owner"))
                .orElseThrow();

        assertThat(did(repo -> repo.changeLevel(one.id(), TeammateLevel.ADMIN))).isTrue();
        assertThat(did(repo -> repo.remove(two.id()))).isTrue();
        assertThat(did(repo -> repo.remove(two.id()))).isFalse();

        java.util.List<Teammate> left = teammates(repo -> repo.list(team));
        assertThat(left).extracting(Teammate::level).containsExactly(TeammateLevel.ADMIN);
        db.execute("DELETE FROM account WHERE id = ?", team);
        assertThat(db.count("SELECT count(*) FROM teammate WHERE id = ?", one.id()))
                .as("ON DELETE CASCADE")
                .isZero();
    }
}
