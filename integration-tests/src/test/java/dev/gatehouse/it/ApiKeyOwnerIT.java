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

@ExtendWith(GatehouseExtension.class)
@DisplayName("Owners manage their own API keys with their access token")
class ApiKeyOwnerIT {

    private final GatehouseEnvironment env;
    private final ApiKeys keys;

    ApiKeyOwnerIT(GatehouseEnvironment env) {
        this.env = env;
        this.keys = new ApiKeys(env);
    }

    @Test
    @DisplayName("create, list and revoke an own key; the key works until revoked")
    void ownerLifecycle() {
        String username = Names.unique("owner");
        UUID id = env.store().account(username).password("owner-pass").create();
        String token = keys.userToken(username, "owner-pass");

        HttpResponse<String> created = keys.request("POST", keys.ownUrl("api-keys"), token, "{\"name\":\"my relay\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode json = Oidc.json(created.body());
        String keyId = json.get("id").asText();
        String key = json.get("key").asText();
        assertThat(json.get("accountId").asText()).isEqualTo(id.toString());
        assertThat(keys.checkForm(username, key).statusCode()).isEqualTo(200);

        HttpResponse<String> list = keys.request("GET", keys.ownUrl("api-keys"), token, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(Oidc.json(list.body()).get(0).get("id").asText()).isEqualTo(keyId);
        assertThat(list.body()).doesNotContain(key.split("\\.")[2]);

        HttpResponse<String> revoked = keys.request("DELETE", keys.ownUrl("api-keys/" + keyId), token, null);
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(keys.checkForm(username, key).statusCode()).isEqualTo(401);

        JsonNode events = env.admin().json("gatehouse/admin-events?resourceTypes=CUSTOM&max=500");
        long ownerEvents = 0;
        for (JsonNode event : events) {
            if (event.get("resourcePath").asText().endsWith("/api-keys/" + keyId)) {
                ownerEvents++;
            }
        }
        assertThat(ownerEvents).as("CREATE and DELETE admin events").isEqualTo(2);
    }

    @Test
    @DisplayName(
            "another account's key: 403 on revoke, absent from the list, untouched; the Admin API refuses the owner")
    void cannotTouchAnothersKeys() {
        String mallory = Names.unique("mallory");
        env.store().account(mallory).password("mallory-pass").create();
        String victim = Names.unique("victim");
        UUID victimId = env.store().account(victim).password("pw").create();
        ApiKeys.Created victimKey = keys.create(victimId, "victim relay");
        String token = keys.userToken(mallory, "mallory-pass");

        HttpResponse<String> revoke = keys.request("DELETE", keys.ownUrl("api-keys/" + victimKey.id()), token, null);
        HttpResponse<String> revokeUnknown = keys.request("DELETE", keys.ownUrl("api-keys/no-such-key"), token, null);
        HttpResponse<String> list = keys.request("GET", keys.ownUrl("api-keys"), token, null);
        HttpResponse<String> adminList =
                keys.request("GET", keys.adminUrl("accounts/" + victimId + "/api-keys"), token, null);
        HttpResponse<String> adminRevoke = keys.request(
                "DELETE", keys.adminUrl("accounts/" + victimId + "/api-keys/" + victimKey.id()), token, null);

        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(403);
        assertThat(revokeUnknown.statusCode())
                .as("the same answer for a key that does not exist")
                .isEqualTo(403);
        assertThat(revokeUnknown.body()).isEqualTo(revoke.body());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).isEqualTo("[]");
        assertThat(adminList.statusCode()).isEqualTo(403);
        assertThat(adminRevoke.statusCode()).isEqualTo(403);
        assertThat(env.store().queryString("SELECT revoked_at IS NULL FROM api_key WHERE id = ?", victimKey.id()))
                .hasValue("t");
        assertThat(keys.checkForm(victim, victimKey.key()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("no token or a bad token: 401; malformed body: 400")
    void authenticationAndInput() {
        String username = Names.unique("owner2");
        env.store().account(username).password("owner-pass").create();
        String token = keys.userToken(username, "owner-pass");

        assertThat(keys.request("GET", keys.ownUrl("api-keys"), null, null).statusCode())
                .isEqualTo(401);
        assertThat(keys.request("GET", keys.ownUrl("api-keys"), "not-a-jwt", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(keys.request("POST", keys.ownUrl("api-keys"), null, "{\"name\":\"x\"}")
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> malformed = keys.request("POST", keys.ownUrl("api-keys"), token, "{\"name\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("JSON");
        assertThat(keys.request("POST", keys.ownUrl("api-keys"), token, "{}").statusCode())
                .isEqualTo(400);
    }
}
