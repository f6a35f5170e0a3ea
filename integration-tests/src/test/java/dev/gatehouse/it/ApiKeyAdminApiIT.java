package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("The Admin API's key endpoints: authentication, roles, errors")
class ApiKeyAdminApiIT {

    private final GatehouseEnvironment env;
    private final ApiKeys keys;

    ApiKeyAdminApiIT(GatehouseEnvironment env) {
        this.env = env;
        this.keys = new ApiKeys(env);
    }

    @Test
    @DisplayName("no token 401; a realm user's token without the role 403; with gatehouse-support allowed")
    void authenticationAndRoles() {
        UUID target = env.store().account(Names.unique("target")).password("pw").create();
        String plain = Names.unique("plain");
        env.store().account(plain).password("plain-pass").create();
        String support = Names.unique("support");
        env.store().account(support).password("support-pass").create();
        keys.grantRealmRole(support, "gatehouse-support");
        String url = keys.adminUrl("accounts/" + target + "/api-keys");

        assertThat(keys.request("GET", url, null, null).statusCode()).isEqualTo(401);
        assertThat(keys.request("POST", url, null, "{\"name\":\"x\"}").statusCode())
                .isEqualTo(401);
        HttpResponse<String> forbidden = keys.request("GET", url, keys.userToken(plain, "plain-pass"), null);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("gatehouse-support");

        String supportToken = keys.userToken(support, "support-pass");
        HttpResponse<String> created = keys.request("POST", url, supportToken, "{\"name\":\"by support\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String keyId = Oidc.json(created.body()).get("id").asText();
        assertThat(keys.request("GET", url, supportToken, null).body()).contains(keyId);
        assertThat(keys.request("DELETE", url + "/" + keyId, supportToken, null).statusCode())
                .isEqualTo(204);
    }

    @Test
    @DisplayName("unknown account 404, unknown key 404, malformed JSON or name 400 with a message")
    void errors() {
        UUID target = env.store().account(Names.unique("target")).password("pw").create();
        String admin = keys.admin();
        String url = keys.adminUrl("accounts/" + target + "/api-keys");
        String before = keys.storeFingerprint();

        assertThat(keys.request("GET", keys.adminUrl("accounts/" + UUID.randomUUID() + "/api-keys"), admin, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(keys.request("POST", keys.adminUrl("accounts/not-a-uuid/api-keys"), admin, "{\"name\":\"x\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(keys.request("DELETE", url + "/no-such-key", admin, null).statusCode())
                .isEqualTo(404);
        for (String body : new String[] {"{\"name\":", "[]", "{}", "{\"name\":42}", "{\"name\":\"\"}", "not json"}) {
            HttpResponse<String> response = keys.request("POST", url, admin, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(Oidc.json(response.body()).get("errorMessage").asText())
                    .as(body)
                    .isNotBlank();
        }
        assertThat(keys.storeFingerprint()).isEqualTo(before);

        String sqlName = "x'); DELETE FROM api_key; --";
        HttpResponse<String> created = keys.request("POST", url, admin, "{\"name\":" + ApiKeys.quote(sqlName) + "}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode listed = Oidc.json(keys.request("GET", url, admin, null).body());
        assertThat(listed.get(0).get("name").asText()).as("stored verbatim").isEqualTo(sqlName);
    }

    @Test
    @DisplayName("failed checks are counted per client IP and readable by support")
    void failureCounter() {
        String twice = BrowserClient.randomIp();
        String once = BrowserClient.randomIp();
        while (once.equals(twice)) {
            once = BrowserClient.randomIp();
        }
        JsonNode before = failures();
        checkFrom(twice, "nobody", "GH.nothing.here");
        checkFrom(twice, "nobody", "garbage");
        checkFrom(once, "nobody", "GH.nothing.here");

        JsonNode after = failures();
        assertThat(after.get("total").asLong()).isEqualTo(before.get("total").asLong() + 3);
        JsonNode byIp = after.get("byClientIp");
        assertThat(byIp.path(twice).asLong()
                        - before.get("byClientIp").path(twice).asLong())
                .as("failures from %s", twice)
                .isEqualTo(2);
        assertThat(byIp.path(once).asLong()
                        - before.get("byClientIp").path(once).asLong())
                .as("failures from %s", once)
                .isEqualTo(1);
        assertThat(keys.request("GET", keys.adminUrl("api-key-checks/failures"), null, null)
                        .statusCode())
                .isEqualTo(401);
    }

    private JsonNode failures() {
        HttpResponse<String> response =
                keys.request("GET", keys.adminUrl("api-key-checks/failures"), keys.admin(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Oidc.json(response.body());
    }

    /** A failing form check sent from a loopback address of its own, which Keycloak sees as the client IP. */
    private void checkFrom(String ip, String apiUser, String apiKey) {
        Page answer = env.browser()
                .from(ip)
                .postEncoded(
                        keys.checkUrl(),
                        "api_user=" + URLEncoder.encode(apiUser, StandardCharsets.UTF_8) + "&api_key="
                                + URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
    }
}
