package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        String token = keys.keyToken(username, "owner-pass");

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
        String token = keys.keyToken(mallory, "mallory-pass");

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
        assertThat(env.store().apiKey(victimKey.id()).orElseThrow().revoked()).isFalse();
        assertThat(keys.checkForm(victim, victimKey.key()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a token without the gatehouse-api-keys scope (direct grant, or the app's login without it): 401"
            + " insufficient_user_authentication with max_age, nothing created")
    void tokenWithoutTheScope() {
        String username = Names.unique("unscoped");
        UUID id = env.store().account(username).password("owner-pass").create();
        String directGrant = keys.userToken(username, "owner-pass");
        String appToken = keys.tokenOf(new LoginPages(env).login(env.browser(), username, "owner-pass"));
        assertThat(Oidc.claims(appToken).path("scope").asText()).doesNotContain(ApiKeys.KEY_SCOPE);

        for (String token : List.of(directGrant, appToken)) {
            HttpResponse<String> create = keys.request("POST", keys.ownUrl("api-keys"), token, "{\"name\":\"x\"}");
            HttpResponse<String> list = keys.request("GET", keys.ownUrl("api-keys"), token, null);
            for (HttpResponse<String> refused : List.of(create, list)) {
                assertInsufficientAuthentication(refused, 300);
                assertThat(refused.body()).contains(ApiKeys.KEY_SCOPE);
            }
        }
        assertThat(env.store().apiKeys(id)).isEmpty();
    }

    @Test
    @DisplayName("a token with the scope whose auth_time is older than the realm's limit (an SSO re-issue): 401"
            + " insufficient_user_authentication; a fresh login gets through")
    void oldAuthentication() throws InterruptedException {
        String username = Names.unique("stale");
        env.store().account(username).password("owner-pass").create();
        Signups realm = new Signups(env);
        realm.realmAttribute("gatehouseApiKeyMaxAuthAgeSeconds", "10");
        try {
            BrowserClient browser = env.browser();
            String fresh = keys.keyToken(browser, username, "owner-pass");
            Thread.sleep(11_000);
            // The SSO session answers without asking for the password again: the new token's
            // auth_time is that of the login above.
            String reissued = keys.tokenOf(browser.get(keys.authorizationUrl("openid " + ApiKeys.KEY_SCOPE)));
            assertThat(Oidc.claims(reissued).path("auth_time").asLong())
                    .isEqualTo(Oidc.claims(fresh).path("auth_time").asLong());

            HttpResponse<String> refused =
                    keys.request("POST", keys.ownUrl("api-keys"), reissued, "{\"name\":\"late\"}");
            assertInsufficientAuthentication(refused, 10);
            assertThat(keys.request("GET", keys.ownUrl("api-keys"), fresh, null).statusCode())
                    .as("the first token has aged too")
                    .isEqualTo(401);

            String again = keys.keyToken(username, "owner-pass");
            HttpResponse<String> created = keys.request("POST", keys.ownUrl("api-keys"), again, "{\"name\":\"fresh\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        } finally {
            realm.realmAttribute("gatehouseApiKeyMaxAuthAgeSeconds", "300");
        }
    }

    @Test
    @DisplayName("teammate levels: read-only and billing 403, developer only mail.send keys, admin a full key")
    void teammateLevels() {
        Teammates teammates = new Teammates(env);
        UUID owner = env.store()
                .account(Names.unique("lvl-owner"))
                .password("owner-pass")
                .create();
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, UUID> ids = new LinkedHashMap<>();
        for (String level : List.of("read-only", "billing", "developer", "admin")) {
            String name = Names.unique("lvl-" + level);
            UUID mate = env.store().account(name).password("mate-pass").create();
            teammates.join(owner, mate, level);
            tokens.put(level, keys.keyToken(name, "mate-pass"));
            ids.put(level, mate);
        }

        for (String level : List.of("read-only", "billing")) {
            HttpResponse<String> create =
                    keys.request("POST", keys.ownUrl("api-keys"), tokens.get(level), "{\"name\":\"x\"}");
            HttpResponse<String> list = keys.request("GET", keys.ownUrl("api-keys"), tokens.get(level), null);
            assertThat(create.statusCode()).as(create.body()).isEqualTo(403);
            assertThat(Oidc.json(create.body()).get("errorMessage").asText()).contains(level);
            assertThat(list.statusCode()).as(list.body()).isEqualTo(403);
            assertThat(env.store().apiKeys(ids.get(level))).isEmpty();
        }
        HttpResponse<String> developerFull = keys.request(
                "POST", keys.ownUrl("api-keys"), tokens.get("developer"), "{\"name\":\"d\",\"scopes\":[\"full\"]}");
        assertThat(developerFull.statusCode()).as(developerFull.body()).isEqualTo(403);
        assertThat(Oidc.json(developerFull.body()).get("errorMessage").asText()).contains("mail.send");
        HttpResponse<String> developer =
                keys.request("POST", keys.ownUrl("api-keys"), tokens.get("developer"), "{\"name\":\"d\"}");
        assertThat(developer.statusCode()).as(developer.body()).isEqualTo(201);
        assertThat(Oidc.json(developer.body()).get("scopes").toString()).isEqualTo("[\"mail.send\"]");
        HttpResponse<String> admin =
                keys.request("POST", keys.ownUrl("api-keys"), tokens.get("admin"), "{\"name\":\"a\"}");
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(201);
        assertThat(Oidc.json(admin.body()).get("scopes").toString()).isEqualTo("[\"full\"]");
    }

    @Test
    @DisplayName("a key's scopes and expiry: the check's 200 names the scopes and the account; past its expiry the"
            + " byte-identical bad-credentials 401")
    void scopesAndExpiry() {
        String username = Names.unique("scoped");
        UUID id = env.store().account(username).password("owner-pass").create();
        String token = keys.keyToken(username, "owner-pass");
        String expiry = Instant.now()
                .plus(Duration.ofDays(30))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();

        HttpResponse<String> created = keys.request(
                "POST",
                keys.ownUrl("api-keys"),
                token,
                "{\"name\":\"sender\",\"scopes\":[\"mail.send\",\"billing.read\"],\"expiresAt\":\"" + expiry + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode json = Oidc.json(created.body());
        assertThat(json.get("scopes").toString()).isEqualTo("[\"mail.send\",\"billing.read\"]");
        assertThat(json.get("expiresAt").asText()).isEqualTo(expiry);
        String key = json.get("key").asText();

        HttpResponse<byte[]> valid = keys.checkForm(username, key);
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(ApiKeys.body(valid))
                .isEqualTo("{\"message\":\"success\",\"account_id\":\"" + id
                        + "\",\"scopes\":[\"mail.send\",\"billing.read\"]}");

        env.store().expireApiKey(json.get("id").asText());
        HttpResponse<byte[]> expired = keys.checkForm(username, key);
        HttpResponse<byte[]> wrong = keys.checkForm(username, key.substring(0, key.length() - 2) + "AA");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).isEqualTo(ApiKeys.BAD_CREDENTIALS.getBytes(StandardCharsets.UTF_8));
        assertThat(expired.body()).isEqualTo(wrong.body());
        assertThat(expired.headers().map())
                .containsOnlyKeys(wrong.headers().map().keySet());
        assertThat(keys.checkForm("apikey", key).body()).isEqualTo(wrong.body());

        for (String bad : List.of(
                "{\"name\":\"x\",\"scopes\":[\"admin\"]}",
                "{\"name\":\"x\",\"scopes\":[]}",
                "{\"name\":\"x\",\"scopes\":\"full\"}",
                "{\"name\":\"x\",\"expiresAt\":\"tomorrow\"}",
                "{\"name\":\"x\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}")) {
            HttpResponse<String> refused = keys.request("POST", keys.ownUrl("api-keys"), token, bad);
            assertThat(refused.statusCode()).as(bad + " " + refused.body()).isEqualTo(400);
        }
    }

    private static void assertInsufficientAuthentication(HttpResponse<String> response, int maxAge) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(header -> assertThat(header)
                        .startsWith("Bearer ")
                        .contains("error=\"insufficient_user_authentication\"")
                        .contains("max_age=" + maxAge));
        assertThat(Oidc.json(response.body()).get("error").asText()).isEqualTo("insufficient_user_authentication");
    }

    @Test
    @DisplayName("no token or a bad token: 401; malformed body: 400")
    void authenticationAndInput() {
        String username = Names.unique("owner2");
        env.store().account(username).password("owner-pass").create();
        String token = keys.keyToken(username, "owner-pass");

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
