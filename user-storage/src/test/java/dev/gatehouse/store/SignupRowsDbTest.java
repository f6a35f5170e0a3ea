package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.Identifiers;
import dev.gatehouse.store.AccountRepository.SignupObstacles;
import dev.gatehouse.store.PendingSignupRepository.Refusal;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Signups against PostgreSQL: what stands in their way, in one statement, and the rows they leave")
class SignupRowsDbTest {

    private final StoreDb db = StoreDb.shared();
    private final AccountRepository accounts = new AccountRepository(db.connection());
    private final PendingSignupRepository signups = new PendingSignupRepository(db.connection());

    private SignupObstacles obstacles(String email, String username) {
        return accounts.signupObstacles(email, username);
    }

    @Test
    @DisplayName("free identifiers stand in nobody's way")
    void free() {
        assertThat(obstacles(StoreDb.unique("free") + "@db.test", StoreDb.unique("free")))
                .isEqualTo(new SignupObstacles(false, false, false));
    }

    @Test
    @DisplayName(
            "an address is in use as an account's address, a live signup's address, or either's username, in any case")
    void addressInUse() {
        String owner = StoreDb.unique("owner");
        db.account(owner, null, owner + "@db.test");
        String atUsername = StoreDb.unique("user") + "@db.test";
        db.account(atUsername, null, null);
        String pending = StoreDb.unique("pending");
        signups.reserve(pending, pending + "@db.test", "hash", Instant.now().plusSeconds(600));
        String pendingAtUsername = StoreDb.unique("pending") + "@db.test";
        signups.reserve(
                pendingAtUsername,
                StoreDb.unique("other") + "@db.test",
                "hash",
                Instant.now().plusSeconds(600));

        for (String address :
                new String[] {(owner + "@db.test").toUpperCase(), atUsername, pending + "@db.test", pendingAtUsername
                }) {
            assertThat(obstacles(address, StoreDb.unique("new")))
                    .as(address)
                    .isEqualTo(new SignupObstacles(false, true, false));
        }
    }

    @Test
    @DisplayName("an expired signup holds nothing; a banned address is banned whatever else holds")
    void expiredAndBanned() {
        String late = StoreDb.unique("late");
        signups.reserve(late, late + "@db.test", "hash", Instant.now().minusSeconds(1));
        String banned = StoreDb.unique("banned") + "@db.test";
        db.execute(
                "INSERT INTO email_ban (email, email_key, reason) VALUES (?, ?, 'abuse')",
                banned,
                Identifiers.key(banned));

        assertThat(obstacles(late + "@db.test", late)).isEqualTo(new SignupObstacles(false, false, false));
        assertThat(obstacles(banned, late)).isEqualTo(new SignupObstacles(true, false, false));
    }

    @Test
    @DisplayName("a username is taken as an account's or live signup's username or address")
    void usernameTaken() {
        String owner = StoreDb.unique("owner");
        db.account(owner, null, owner + "@db.test");
        String pending = StoreDb.unique("pending");
        signups.reserve(pending, pending + "@db.test", "hash", Instant.now().plusSeconds(600));

        for (String username : new String[] {owner.toUpperCase(), owner + "@db.test", pending, pending + "@db.test"}) {
            assertThat(obstacles(StoreDb.unique("new") + "@db.test", username))
                    .as(username)
                    .isEqualTo(new SignupObstacles(false, false, true));
        }
    }

    @Test
    @DisplayName("a refused signup leaves one row with its outcome, and the purge takes it once expired")
    void refusedRows() {
        String kept = StoreDb.unique("kept") + "@db.test";
        String gone = StoreDb.unique("gone") + "@db.test";
        signups.recordRefused(kept, Refusal.ADDRESS_IN_USE, Instant.now().plusSeconds(600));
        signups.recordRefused(gone, Refusal.ADDRESS_BANNED, Instant.now().minusSeconds(1));

        assertThat(outcomes(kept)).containsExactly("address_in_use");
        assertThat(outcomes(gone)).containsExactly("address_banned");

        signups.purgeExpired();

        assertThat(outcomes(kept)).containsExactly("address_in_use");
        assertThat(outcomes(gone)).isEmpty();
    }

    private java.util.List<String> outcomes(String email) {
        return db.strings("SELECT outcome FROM signup_attempt WHERE email_key = ? ORDER BY id", Identifiers.key(email));
    }
}
