package dev.gatehouse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Second factors of store accounts, arranged through Keycloak's admin API as an admin would: a
 * TOTP credential with a known secret, a required action. Keycloak keeps both for store accounts
 * in its own credential store, so the account store has nothing to seed. Used by the demo and the
 * tests.
 */
public final class SecondFactorSeed {

    /** The RFC 6238 test key as Keycloak stores a TOTP secret: the bytes, not their base32. */
    public static final String RFC6238_SECRET = "12345678901234567890";

    private final AdminApi admin;
    private final String realm;

    public SecondFactorSeed(AdminApi admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    /** A TOTP credential of Keycloak's default policy (SHA-1, 6 digits, 30 s) with the given secret. */
    public void totp(String username, String rawSecret) {
        ObjectNode user = user(username);
        ObjectNode credential = user.putArray("credentials").addObject();
        credential.put("type", "otp");
        credential.put("userLabel", "authenticator app");
        credential.put("secretData", "{\"value\":\"" + rawSecret + "\"}");
        credential.put(
                "credentialData",
                "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        put(user);
    }

    /** A required action of the account's next login, such as {@code CONFIGURE_TOTP}. */
    public void requiredAction(String username, String action) {
        ObjectNode user = user(username);
        user.putArray("requiredActions").add(action);
        put(user);
    }

    /** The Keycloak user id of a store account. */
    public String userId(String username) {
        JsonNode users =
                admin.json(realm + "/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8));
        if (users.size() != 1) {
            throw new IllegalStateException("Expected one user " + username + ", found " + users);
        }
        return users.get(0).get("id").asText();
    }

    private ObjectNode user(String username) {
        return (ObjectNode) admin.json(realm + "/users/" + userId(username));
    }

    private void put(ObjectNode user) {
        HttpResponse<String> updated =
                admin.put(realm + "/users/" + user.get("id").asText(), user.toString());
        if (updated.statusCode() != 204) {
            throw new IllegalStateException(
                    "Updating " + user.get("username") + " answered " + updated.statusCode() + ": " + updated.body());
        }
    }
}
