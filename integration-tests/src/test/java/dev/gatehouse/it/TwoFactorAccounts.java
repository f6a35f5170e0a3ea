package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.SecondFactorSeed;
import dev.gatehouse.testing.Totp;
import java.net.http.HttpResponse;

/** Second factors of store accounts in the tests: seeded as the demo seeds them, the realm setting, what Keycloak holds. */
final class TwoFactorAccounts {

    private final GatehouseEnvironment env;
    private final SecondFactorSeed seed;

    TwoFactorAccounts(GatehouseEnvironment env) {
        this.env = env;
        this.seed = new SecondFactorSeed(env.admin(), "gatehouse");
    }

    /** Gives the store account a TOTP credential with the RFC 6238 test secret; returns its authenticator. */
    Totp addTotp(String username) {
        seed.totp(username, SecondFactorSeed.RFC6238_SECRET);
        return Totp.ofBase32(Totp.RFC_SECRET_BASE32);
    }

    /** Sets a required action on the account, such as {@code CONFIGURE_TOTP}. */
    void requireAction(String username, String action) {
        seed.requiredAction(username, action);
    }

    /** The credential types Keycloak's admin API lists for the account. */
    java.util.List<String> credentialTypes(String username) {
        JsonNode credentials = env.admin().json("gatehouse/users/" + userId(username) + "/credentials");
        java.util.List<String> types = new java.util.ArrayList<>();
        credentials.forEach(credential -> types.add(credential.get("type").asText()));
        return types;
    }

    /** The realm setting, on the {@code gatehouse-accounts} federation component. */
    void requireForEveryAccount(boolean required) {
        JsonNode components = env.admin().json("gatehouse/components?type=org.keycloak.storage.UserStorageProvider");
        ObjectNode component = null;
        for (JsonNode candidate : components) {
            if ("gatehouse-accounts".equals(candidate.path("providerId").asText())) {
                component = (ObjectNode) candidate;
            }
        }
        assertThat(component).as(components.toString()).isNotNull();
        ((ObjectNode) component.get("config")).putArray("requireSecondFactor").add(Boolean.toString(required));
        HttpResponse<String> updated =
                env.admin().put("gatehouse/components/" + component.get("id").asText(), component.toString());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
    }

    /** Brute-force detection's view of the account. */
    JsonNode bruteForce(String username) {
        return env.admin().json("gatehouse/attack-detection/brute-force/users/" + userId(username));
    }

    String userId(String username) {
        return seed.userId(username);
    }
}
