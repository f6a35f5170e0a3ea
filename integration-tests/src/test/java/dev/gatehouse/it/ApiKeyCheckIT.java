package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.AccountStore;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("The legacy API-key check (SPEC P5)")
class ApiKeyCheckIT {

    private final GatehouseEnvironment env;
    private final ApiKeys keys;

    ApiKeyCheckIT(GatehouseEnvironment env) {
        this.env = env;
        this.keys = new ApiKeys(env);
    }

    private UUID account(String username) {
        return env.store().account(username).password("pw").create();
    }

    @Test
    @DisplayName(
            "a key created through the Admin API passes with form and JSON, by username (any case) and by 'apikey'")
    void createdKeyPasses() {
        String username = Names.unique("Relay-Ann");
        UUID id = account(username);
        ApiKeys.Created key = keys.create(id, "mail relay");
        assertThat(key.key()).matches("GH\\." + key.id() + "\\.[A-Za-z0-9_-]{43}");

        String success = "{\"message\":\"success\",\"account_id\":\"" + id + "\",\"scopes\":[\"full\"]}";
        for (HttpResponse<byte[]> response : List.of(
                keys.checkForm(username, key.key()),
                keys.checkJson(username, key.key()),
                keys.checkForm(username.toUpperCase(), key.key()),
                keys.checkJson(username.toLowerCase(), key.key()),
                keys.checkForm("apikey", key.key()),
                keys.checkJson("apikey", key.key()))) {
            assertThat(response.statusCode()).as(ApiKeys.body(response)).isEqualTo(200);
            assertThat(ApiKeys.body(response)).isEqualTo(success);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        }
    }

    @Test
    @DisplayName("the list shows the key's metadata without the secret; the store holds only the SHA-256 of the secret")
    void listAndStoreHoldNoSecret() throws IOException {
        String username = Names.unique("lister");
        UUID id = account(username);
        ApiKeys.Created key = keys.create(id, "billing export");
        String secret = key.key().substring(key.key().lastIndexOf('.') + 1);
        keys.checkForm(username, key.key());

        HttpResponse<String> list = keys.adminList(id);
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode listed = Oidc.json(list.body());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(key.id());
        assertThat(listed.get(0).get("name").asText()).isEqualTo("billing export");
        assertThat(listed.get(0).get("createdAt").asText()).isNotBlank();
        assertThat(listed.get(0).get("lastUsedAt").asText())
                .as("used by the check above")
                .isNotBlank();
        assertThat(listed.get(0).get("revokedAt").isNull()).isTrue();
        assertThat(listed.get(0).has("key")).isFalse();
        assertThat(list.body()).doesNotContain(secret);

        AccountStore.ApiKeyRow stored = env.store().apiKey(key.id()).orElseThrow();
        String row = stored.text();
        String storedHash = stored.secretHashHex();
        String hexSecret = HexFormat.of().formatHex(Base64.getUrlDecoder().decode(secret));
        assertThat(row).doesNotContain(secret).doesNotContain(hexSecret);
        assertThat(storedHash).isEqualTo(sha256Hex(Base64.getUrlDecoder().decode(secret)));
        String everything = env.store().dump("account", "api_key");
        assertThat(everything).doesNotContain(secret).doesNotContain(hexSecret);
        assertThat(Files.readString(env.options().workDirectory().resolve("keycloak.log")))
                .as("Keycloak's log")
                .doesNotContain(secret);
    }

    @Test
    @DisplayName("unknown user, wrong secret, unknown key id, revoked key, malformed key: byte-identical 401s")
    void fiveFailureKindsLookAlike() {
        String username = Names.unique("victim");
        UUID id = account(username);
        ApiKeys.Created key = keys.create(id, "good");
        ApiKeys.Created revoked = keys.create(id, "revoked");
        assertThat(keys.adminRevoke(id, revoked.id()).statusCode()).isEqualTo(204);
        String secret = key.key().substring(key.key().lastIndexOf('.') + 1);
        String otherSecret =
                keys.create(account(Names.unique("other")), "x").key().split("\\.")[2];

        Map<String, HttpResponse<byte[]>> failures = new LinkedHashMap<>();
        failures.put("unknown user", keys.checkForm(Names.unique("nobody"), key.key()));
        failures.put("wrong secret", keys.checkForm(username, "GH." + key.id() + "." + otherSecret));
        failures.put("unknown key id", keys.checkForm(username, "GH.nosuchkeyid00." + secret));
        failures.put("revoked key", keys.checkForm(username, revoked.key()));
        failures.put("malformed key", keys.checkForm(username, "GH." + key.id()));
        failures.put("unknown user (JSON)", keys.checkJson(Names.unique("nobody"), key.key()));
        failures.put("revoked key (JSON)", keys.checkJson("apikey", revoked.key()));

        HttpResponse<byte[]> reference = failures.get("unknown user");
        assertThat(reference.statusCode()).isEqualTo(401);
        assertThat(ApiKeys.body(reference)).isEqualTo(ApiKeys.BAD_CREDENTIALS);
        failures.forEach((kind, response) -> {
            assertThat(response.statusCode()).as(kind).isEqualTo(401);
            assertThat(response.body()).as(kind).isEqualTo(reference.body());
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(kind)
                    .isEqualTo(reference.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(headersWithoutDate(response)).as(kind).isEqualTo(headersWithoutDate(reference));
        });
        // The good key still works: none of the failures touched it.
        assertThat(keys.checkForm(username, key.key()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("revoke through the Admin API: the next check answers 401; revoking again is a no-op")
    void revokeThen401() {
        String username = Names.unique("revokee");
        UUID id = account(username);
        ApiKeys.Created key = keys.create(id, "soon revoked");
        assertThat(keys.checkForm(username, key.key()).statusCode()).isEqualTo(200);

        assertThat(keys.adminRevoke(id, key.id()).statusCode()).isEqualTo(204);

        HttpResponse<byte[]> after = keys.checkForm(username, key.key());
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(ApiKeys.body(after)).isEqualTo(ApiKeys.BAD_CREDENTIALS);
        assertThat(keys.adminRevoke(id, key.id()).statusCode()).isEqualTo(204);
        assertThat(Oidc.json(keys.adminList(id).body()).get(0).get("revokedAt").asText())
                .isNotBlank();
    }

    @Test
    @DisplayName("a terminated account's correct key, and a sub-user's of a terminated parent: 403 with the link")
    void terminatedGets403() {
        String username = Names.unique("deadbeat");
        UUID id = env.store()
                .account(username)
                .password("pw")
                .status("terminated", "billing")
                .create();
        String subName = Names.unique("deadbeat-sub");
        UUID sub = env.store().account(subName).password("pw").parent(id).create();
        ApiKeys.Created key = keys.create(id, "relay");
        ApiKeys.Created subKey = keys.create(sub, "relay");

        for (HttpResponse<byte[]> response : List.of(
                keys.checkForm(username, key.key()),
                keys.checkJson("apikey", key.key()),
                keys.checkForm(subName, subKey.key()))) {
            assertThat(response.statusCode()).as(ApiKeys.body(response)).isEqualTo(403);
            JsonNode error = Oidc.json(ApiKeys.body(response)).get("errors").get(0);
            assertThat(error.get("code").asText()).isEqualTo("account_terminated");
            assertThat(error.get("message").asText()).contains("terminated");
            assertThat(error.get("troubleshooting").asText())
                    .isEqualTo(env.baseUrl() + "/realms/gatehouse/gatehouse/troubleshooting#billing-terminated");
        }
        // The state shows only after the key was proven: a wrong secret is the plain 401.
        HttpResponse<byte[]> wrong = keys.checkForm(username, "GH." + key.id() + "." + "A".repeat(43));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(ApiKeys.body(wrong)).isEqualTo(ApiKeys.BAD_CREDENTIALS);
    }

    @Test
    @DisplayName("after a ban (keys deleted), and even with a key row left behind: 401, the same bytes")
    void bannedGets401() {
        String username = Names.unique("banned");
        UUID id = account(username);
        ApiKeys.Created deleted = keys.create(id, "deleted by the ban");
        ApiKeys.Created leftBehind = keys.create(id, "left behind");
        String subName = Names.unique("banned-sub");
        UUID sub = env.store().account(subName).password("pw").parent(id).create();
        ApiKeys.Created subKey = keys.create(sub, "sub");
        // What the ban of issue 5 does to the store: status banned, the keys deleted.
        env.store().writeStatus(id, "banned", "abuse");
        env.store().deleteApiKey(deleted.id());

        List<HttpResponse<byte[]>> responses = new ArrayList<>(List.of(
                keys.checkForm(username, deleted.key()),
                keys.checkForm(username, leftBehind.key()),
                keys.checkJson("apikey", leftBehind.key()),
                keys.checkForm(subName, subKey.key())));
        for (HttpResponse<byte[]> response : responses) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(ApiKeys.body(response)).isEqualTo(ApiKeys.BAD_CREDENTIALS);
        }
    }

    @Test
    @DisplayName("key creation and revocation are admin events, without the secret")
    void adminEvents() {
        UUID id = account(Names.unique("evented"));
        ApiKeys.Created key = keys.create(id, "audited");
        keys.adminRevoke(id, key.id());

        JsonNode events = env.admin().json("gatehouse/admin-events?resourceTypes=CUSTOM&max=500");
        String path = "gatehouse/accounts/" + id + "/api-keys/" + key.id();
        List<String> operations = new ArrayList<>();
        events.forEach(event -> {
            if (path.equals(event.get("resourcePath").asText())) {
                operations.add(event.get("operationType").asText());
                assertThat(event.toString()).doesNotContain(key.key().split("\\.")[2]);
            }
        });
        assertThat(operations).containsExactlyInAnyOrder("CREATE", "DELETE");
    }

    @Test
    @DisplayName("'last used' is written at most once a minute, not on every check")
    void lastUsedIsNotWrittenEveryTime() {
        String username = Names.unique("busy");
        UUID id = account(username);
        ApiKeys.Created key = keys.create(id, "busy relay");

        assertThat(keys.checkForm(username, key.key()).statusCode()).isEqualTo(200);
        AccountStore.ApiKeyRow used = env.store().apiKey(key.id()).orElseThrow();
        for (int i = 0; i < 5; i++) {
            assertThat(keys.checkForm(username, key.key()).statusCode()).isEqualTo(200);
        }

        AccountStore.ApiKeyRow after = env.store().apiKey(key.id()).orElseThrow();
        assertThat(after.lastUsedAt()).isEqualTo(used.lastUsedAt());
        assertThat(after.rowVersion()).as("no new row version: no UPDATE ran").isEqualTo(used.rowVersion());
        env.store().backdateApiKeyUse(key.id(), Duration.ofMinutes(2));
        keys.checkForm(username, key.key());
        assertThat(env.store().apiKey(key.id()).orElseThrow().usedInLastMinute())
                .isTrue();
    }

    @Test
    @DisplayName("keys stored the way the demo seeds them (SHA-256 of the decoded secret, 30-byte legacy secret too)")
    void demoFormatKeys() {
        String username = Names.unique("legacy");
        UUID id = account(username);
        String keyId = Names.unique("demo-legacy");
        String secret = "dGVzdC1rZXktbGVnYWN5LTAwMDAwMDAwMDAwMDAwMDA";
        seedKey(keyId, id, secret);
        String deadbeat = Names.unique("deadbeat");
        UUID deadbeatId = env.store()
                .account(deadbeat)
                .password("pw")
                .status("terminated", "billing")
                .create();
        String deadbeatKeyId = Names.unique("demo-deadbeat");
        String deadbeatSecret = "dGVzdC1rZXktZGVhZGJlYXQtMDAwMDAwMDAwMDAw";
        seedKey(deadbeatKeyId, deadbeatId, deadbeatSecret);

        assertThat(keys.checkForm(username, "GH." + keyId + "." + secret).statusCode())
                .isEqualTo(200);
        assertThat(keys.checkForm(deadbeat, "GH." + deadbeatKeyId + "." + deadbeatSecret)
                        .statusCode())
                .isEqualTo(403);
    }

    private void seedKey(String keyId, UUID accountId, String secret) {
        env.store()
                .insertApiKey(
                        keyId, accountId, "demo", sha256(Base64.getUrlDecoder().decode(secret)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<String>> headersWithoutDate(HttpResponse<?> response) {
        Map<String, List<String>> headers =
                new LinkedHashMap<>(response.headers().map());
        headers.remove("date");
        return headers;
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
