package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("No lost revocation: a status change whose session step fails is retried until the sessions end (SPEC S5)")
class RevocationOutboxIT {

    private static final String PASSWORD = "outbox-pass";

    /**
     * Keycloak's persisted sessions of a user, online ('0') and offline ('1'): Keycloak's own table,
     * read in its database, for the sessions no Admin API lists once the user is disabled.
     */
    private static final String SESSIONS = "SELECT count(*) FROM offline_user_session WHERE user_id = ?";

    private final GatehouseEnvironment env;
    private final StatusApi status;
    private final DataSource keycloakDb;

    RevocationOutboxIT(GatehouseEnvironment env) {
        this.env = env;
        this.status = new StatusApi(env);
        this.keycloakDb = env.keycloakDatabase();
    }

    @Test
    @DisplayName("a ban whose session step Keycloak's database refuses is listed as pending, keeps failing"
            + " while refused, and ends every session once the database accepts again, with no second ban")
    void banRetriedUntilSessionsEnd() {
        AccountTree tree = AccountTree.of(env, "outbox", PASSWORD);
        tree.add("parent", null, tree.username("parent") + "@it.test")
                .add("sub", "parent", tree.username("sub") + "@it.test");
        String prefix = tree.prefix();
        UUID parent = tree.id("parent");
        UUID sub = tree.id("sub");
        String online = status.refreshToken(prefix + "-parent", PASSWORD, false);
        String offline = status.refreshToken(prefix + "-parent", PASSWORD, true);
        String subOnline = status.refreshToken(prefix + "-sub", PASSWORD, false);
        String userId = status.userId(prefix + "-parent");
        String subUserId = status.userId(prefix + "-sub");
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions(userId) == 2 && sessions(subUserId) == 1);

        HttpResponse<String> banned;
        try (KeycloakWriteRefusal refusal = KeycloakWriteRefusal.forUser(keycloakDb, userId)) {
            banned = status.ban(parent, "outbox test");

            assertThat(banned.statusCode()).as(banned.body()).isEqualTo(200);
            assertThat(Oidc.json(banned.body()).get("banned").asInt()).isEqualTo(2);
            assertThat(Oidc.json(banned.body()).get("revocationPending").asBoolean())
                    .as(banned.body())
                    .isTrue();
            JsonNode row = pending(parent).orElseThrow(() -> new AssertionError("no pending row: " + revocations()));
            assertThat(row.get("username").asText()).isEqualTo(prefix + "-parent");
            assertThat(row.get("status").asText()).isEqualTo("banned");
            assertThat(row.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(row.get("lastError").asText()).contains("refuses writes");
            System.out.println("gatehouse.revocation pending while refused: " + row);

            // The retries fail too while Keycloak's database refuses; nothing was half done.
            await().atMost(Duration.ofSeconds(40))
                    .until(() ->
                            pending(parent).map(r -> r.get("attempts").asInt()).orElse(0) >= 3);
            assertThat(sessions(userId))
                    .as("the parent's sessions, still there")
                    .isEqualTo(2);
            assertThat(sessions(subUserId))
                    .as("the sub-user's, in the same batch, still there")
                    .isEqualTo(1);
            // The ban holds meanwhile: Keycloak refuses the disabled users' tokens.
            assertThat(status.refresh(online).statusCode()).isEqualTo(400);
            assertThat(status.refresh(subOnline).statusCode()).isEqualTo(400);
        }

        long recovered = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> pending(parent).isEmpty());
        System.out.printf(
                "gatehouse.revocation finished %d ms after Keycloak's database accepted writes again%n",
                (System.nanoTime() - recovered) / 1_000_000);
        assertThat(sessions(userId)).as("every session of the parent ended").isZero();
        assertThat(sessions(subUserId)).as("and of its sub-user").isZero();
        assertThat(status.sessions(prefix + "-parent")).isEmpty();
        // Keycloak's own row for a federated user's notBefore: no API shows it.
        assertThat(KeycloakWriteRefusal.count(
                        keycloakDb,
                        "SELECT count(*) FROM fed_user_attribute WHERE user_id = ? AND name = 'fedNotBefore'",
                        userId))
                .as("notBefore set")
                .isEqualTo(1);
        assertThat(env.store().pendingRevocations(parent)).isZero();
        assertThat(status.refresh(online).statusCode()).isEqualTo(400);
        assertThat(status.refresh(offline).statusCode()).as("offline token").isEqualTo(400);
        assertThat(status.adminEvents("gatehouse/accounts/" + parent + "/ban"))
                .as("nobody banned again")
                .hasSize(1);
    }

    @Test
    @DisplayName("a ban whose sessions end at once leaves nothing pending; a reinstated termination drops its row")
    void nothingPendingAfterSuccess() {
        String prefix = Names.unique("outbox-ok");
        UUID id = account(prefix);
        status.refreshToken(prefix, PASSWORD, false);

        HttpResponse<String> terminated = status.terminate(id, "manual");

        assertThat(terminated.statusCode()).as(terminated.body()).isEqualTo(200);
        assertThat(Oidc.json(terminated.body()).get("revocationPending").asBoolean())
                .isFalse();
        assertThat(pending(id)).isEmpty();
        assertThat(status.sessions(prefix)).isEmpty();

        env.store().queueRevocation(id, "terminated");
        HttpResponse<String> reinstated = status.reinstate(id);
        assertThat(reinstated.statusCode()).as(reinstated.body()).isEqualTo(200);
        assertThat(env.store().pendingRevocations(id)).isZero();
    }

    @Test
    @DisplayName("the pending list needs a Gatehouse role: a token without one gets 403")
    void listNeedsRole() {
        String username = Names.unique("outbox-plain");
        account(username);
        String token = Oidc.json(status.grant(username, PASSWORD, false).body())
                .get("access_token")
                .asText();
        HttpResponse<String> answer = status.api().request("GET", status.api().adminUrl("revocations"), token, null);
        assertThat(answer.statusCode()).isIn(401, 403);
    }

    private UUID account(String username) {
        return env.store()
                .account(username)
                .email(username + "@it.test")
                .password(PASSWORD)
                .create();
    }

    private int sessions(String userId) {
        return KeycloakWriteRefusal.count(keycloakDb, SESSIONS, userId);
    }

    private JsonNode revocations() {
        HttpResponse<String> answer = status.api()
                .request(
                        "GET",
                        status.api().adminUrl("revocations"),
                        status.api().admin(),
                        null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Oidc.json(answer.body());
    }

    private Optional<JsonNode> pending(UUID accountId) {
        for (JsonNode row : revocations()) {
            if (accountId.toString().equals(row.get("accountId").asText())) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }
}
