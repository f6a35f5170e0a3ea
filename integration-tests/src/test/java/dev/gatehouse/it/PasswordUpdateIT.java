package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Password updates through Keycloak write the store")
class PasswordUpdateIT {

    private final GatehouseEnvironment env;

    PasswordUpdateIT(GatehouseEnvironment env) {
        this.env = env;
    }

    @Test
    @DisplayName("an admin reset replaces the store's bcrypt hash; the old password stops working")
    void adminReset() {
        String username = Names.unique("pat");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("old-pass")
                .create();
        String oldHash = env.store().passwordHash(username).orElseThrow();
        String id = env.admin()
                .json("gatehouse/users?exact=true&username=" + username)
                .get(0)
                .get("id")
                .asText();

        HttpResponse<String> reset = env.admin()
                .put(
                        "gatehouse/users/" + id + "/reset-password",
                        "{\"type\":\"password\",\"value\":\"new-pass-123\",\"temporary\":false}");

        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
        String newHash = env.store().passwordHash(username).orElseThrow();
        assertThat(newHash).isNotEqualTo(oldHash).startsWith("$2a$10$");
        HttpResponse<String> oldPassword = grant(username, "old-pass");
        assertThat(oldPassword.statusCode()).isEqualTo(400);
        assertThat(oldPassword.body()).contains("invalid_grant").doesNotContain("access_token");
        assertThat(grant(username, "new-pass-123").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> grant(String username, String password) {
        return env.oidc("gatehouse").passwordGrant("demo-api", "demo-api-secret", username, password);
    }
}
