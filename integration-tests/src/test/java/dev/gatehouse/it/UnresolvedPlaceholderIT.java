package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A realm whose import left a {@code ${GATEHOUSE_…}} placeholder as literal text (Keycloak keeps
 * one it cannot resolve) is refused as a whole, naming the variable (issue 18): through the Admin
 * API's realm creation, which runs the same {@code RealmManager.importRealm} as {@code kc.sh import}.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("A realm with an unresolved GATEHOUSE_ placeholder")
class UnresolvedPlaceholderIT {

    private final GatehouseEnvironment env;

    UnresolvedPlaceholderIT(GatehouseEnvironment env) {
        this.env = env;
    }

    private static String realm(String name, String smtpPassword, String centralSecret, String clientSecret) {
        return """
                {
                  "realm": "%s",
                  "enabled": true,
                  "smtpServer": {"host": "localhost", "port": "2525", "from": "login@example.com",
                                 "auth": "true", "user": "mailer", "password": "%s"},
                  "identityProviders": [{
                    "alias": "central", "providerId": "oidc", "enabled": true,
                    "config": {"clientId": "gatehouse", "clientSecret": "%s", "clientAuthMethod": "client_secret_post",
                               "authorizationUrl": "https://central.example.com/auth",
                               "tokenUrl": "https://central.example.com/token"}
                  }],
                  "clients": [{"clientId": "backend", "publicClient": false, "secret": "%s"}]
                }
                """.formatted(name, smtpPassword, centralSecret, clientSecret);
    }

    private static String unique() {
        return "placeholder-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @DisplayName("is refused with 400 naming each variable, and nothing of it is created")
    void refused() {
        String name = unique();

        HttpResponse<String> response = env.admin()
                .post(
                        "/realms",
                        realm(
                                name,
                                "${GATEHOUSE_SMTP_PASSWORD}",
                                "${GATEHOUSE_CENTRAL_SECRET}",
                                "${GATEHOUSE_BACKEND_SECRET}"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = Oidc.json(response.body());
        assertThat(error.path("errorMessage").asText())
                .contains("Realm '" + name + "' refused")
                .contains("GATEHOUSE_SMTP_PASSWORD (SMTP settings (password))")
                .contains("GATEHOUSE_CENTRAL_SECRET (identity provider central (clientSecret))")
                .contains("GATEHOUSE_BACKEND_SECRET (client backend (secret))");
        assertThat(env.admin().get(name).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("one placeholder alone is enough")
    void oneIsEnough() {
        String name = unique();

        HttpResponse<String> response = env.admin()
                .post("/realms", realm(name, "mail-secret", "${GATEHOUSE_CENTRAL_SECRET}", "backend-secret"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Oidc.json(response.body()).path("errorMessage").asText())
                .contains("GATEHOUSE_CENTRAL_SECRET")
                .doesNotContain("GATEHOUSE_SMTP_PASSWORD", "mail-secret", "backend-secret");
        assertThat(env.admin().get(name).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("once every value is given, the same realm is created")
    void resolved() {
        String name = unique();

        HttpResponse<String> response =
                env.admin().post("/realms", realm(name, "mail-secret", "central-secret", "backend-secret"));

        try {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(env.admin()
                            .json(name + "/identity-provider/instances/central")
                            .path("alias")
                            .asText())
                    .isEqualTo("central");
        } finally {
            env.admin().delete(name);
        }
    }
}
