package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a ban leaves behind that nothing undoes: {@code notBefore} on every account of the subtree
 * (SPEC P7.1), and no import that reactivates a banned account (SPEC P7.2).
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName(
        "A ban sets notBefore on its subtree, and no partial import brings a banned account back (SPEC P7.1, P7.2)")
class BanNoReturnIT {

    private static final String PASSWORD = "noreturn-pass";

    private final GatehouseEnvironment env;
    private final StatusApi status;

    BanNoReturnIT(GatehouseEnvironment env) {
        this.env = env;
        this.status = new StatusApi(env);
    }

    @Test
    @DisplayName("notBefore of the banned account and its sub-user, both holding sessions, is at or after the ban's"
            + " request; an account outside the subtree keeps none")
    void notBeforeSet() {
        String prefix = Names.unique("nb");
        UUID parent = account(prefix + "-parent", null);
        account(prefix + "-sub", parent);
        account(prefix + "-other", null);
        Map<String, String> users = Map.of(
                "parent", status.userId(prefix + "-parent"),
                "sub", status.userId(prefix + "-sub"),
                "other", status.userId(prefix + "-other"));
        // Gatehouse writes notBefore for the accounts that hold a session (AccessRevocation): a
        // disabled user without one has no token that notBefore could stop.
        for (String name : List.of("parent", "sub", "other")) {
            assertThat(status.grant(prefix + "-" + name, PASSWORD, false).statusCode())
                    .as(name)
                    .isEqualTo(200);
        }
        long beforeBan = System.currentTimeMillis() / 1000;
        users.forEach((name, id) ->
                assertThat(notBefore(id)).as("%s before the ban", name).isLessThan(beforeBan));

        HttpResponse<String> banned = status.ban(parent, "notBefore test");
        long afterBan = System.currentTimeMillis() / 1000 + 1;

        assertThat(banned.statusCode()).as(banned.body()).isEqualTo(200);
        for (String name : List.of("parent", "sub")) {
            assertThat(notBefore(users.get(name))).as(name).isBetween(beforeBan, afterBan);
        }
        assertThat(notBefore(users.get("other")))
                .as("an account outside the subtree")
                .isLessThan(beforeBan);
        System.out.printf(
                "gatehouse.ban notBefore parent=%d sub=%d ban request at %d%n",
                notBefore(users.get("parent")), notBefore(users.get("sub")), beforeBan);
    }

    @Test
    @DisplayName("partial import of the banned username with enabled=true: OVERWRITE answers 409 'Banned accounts"
            + " cannot be reactivated' (as does deleting the user), FAIL 409, SKIP skips; the account stays banned,"
            + " disabled and refused")
    void partialImportCannotReactivate() {
        String username = Names.unique("import-banned");
        UUID id = account(username, null);
        assertThat(status.ban(id, "import test").statusCode()).isEqualTo(200);
        String userId = status.userId(username);
        String user = """
                {"username": "%s", "email": "%s@it.test", "enabled": true,
                 "credentials": [{"type": "password", "value": "imported-pass", "temporary": false}]}
                """.formatted(username, username);

        HttpResponse<String> overwrite = partialImport("OVERWRITE", user);
        HttpResponse<String> deleted = env.admin().delete(ApiKeys.REALM + "/users/" + userId);
        HttpResponse<String> fail = partialImport("FAIL", user);
        HttpResponse<String> skip = partialImport("SKIP", user);
        System.out.printf(
                "gatehouse.ban partial import: OVERWRITE %d %s; FAIL %d %s; SKIP %d %s%n",
                overwrite.statusCode(),
                overwrite.body(),
                fail.statusCode(),
                fail.body(),
                skip.statusCode(),
                skip.body());

        assertThat(overwrite.statusCode()).as(overwrite.body()).isEqualTo(409);
        assertThat(Oidc.json(overwrite.body()).path("errorMessage").asText())
                .startsWith("Banned accounts cannot be reactivated");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(409);
        assertThat(Oidc.json(deleted.body()).path("errorMessage").asText())
                .startsWith("Banned accounts cannot be reactivated");
        assertThat(fail.statusCode()).as(fail.body()).isEqualTo(409);
        assertThat(skip.statusCode()).as(skip.body()).isEqualTo(200);
        assertThat(Oidc.json(skip.body()).path("skipped").asInt()).isEqualTo(1);

        var row = env.store().row(username).orElseThrow();
        assertThat(row.id()).isEqualTo(id);
        assertThat(row.status()).isEqualTo("banned");
        JsonNode users = env.admin().json(ApiKeys.REALM + "/users?exact=true&username=" + ApiKeys.encode(username));
        assertThat(users).as("one user of that name, the store's").hasSize(1);
        assertThat(users.get(0).get("id").asText()).isEqualTo(userId);
        assertThat(users.get(0).get("enabled").asBoolean()).isFalse();
        for (String password : List.of(PASSWORD, "imported-pass")) {
            HttpResponse<String> grant = status.grant(username, password, false);
            assertThat(grant.statusCode()).as(password).isEqualTo(400);
            assertThat(grant.body()).as(password).doesNotContain("access_token");
        }
    }

    private HttpResponse<String> partialImport(String ifResourceExists, String user) {
        return env.admin()
                .post(
                        ApiKeys.REALM + "/partialImport",
                        "{\"ifResourceExists\": \"" + ifResourceExists + "\", \"users\": [" + user + "]}");
    }

    private long notBefore(String userId) {
        return env.admin()
                .json(ApiKeys.REALM + "/users/" + userId)
                .path("notBefore")
                .asLong();
    }

    private UUID account(String username, UUID parent) {
        return env.store()
                .account(username)
                .email(username + "@it.test")
                .password(PASSWORD)
                .parent(parent)
                .create();
    }
}
