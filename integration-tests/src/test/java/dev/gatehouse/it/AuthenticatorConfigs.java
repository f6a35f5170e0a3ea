package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The configuration of one authenticator of a flow of the gatehouse realm, changed through the
 * admin API as an admin would in the console. {@link #set} returns the previous value so that a
 * test can put it back in {@code finally}.
 */
final class AuthenticatorConfigs {

    private final GatehouseEnvironment env;

    AuthenticatorConfigs(GatehouseEnvironment env) {
        this.env = env;
    }

    /** Sets {@code key} of the config of {@code providerId}'s execution in {@code flow}; returns the old value. */
    String set(String flow, String providerId, String key, String value) {
        String path = "gatehouse/authentication/config/" + configId(flow, providerId);
        ObjectNode config = (ObjectNode) env.admin().json(path);
        String previous = config.path("config").path(key).asText(null);
        ((ObjectNode) config.get("config")).put(key, value);
        assertThat(env.admin().put(path, config.toString()).statusCode()).isEqualTo(204);
        return previous;
    }

    private String configId(String flow, String providerId) {
        JsonNode executions = env.admin()
                .json("gatehouse/authentication/flows/"
                        + URLEncoder.encode(flow, StandardCharsets.UTF_8).replace("+", "%20") + "/executions");
        for (JsonNode execution : executions) {
            if (providerId.equals(execution.path("providerId").asText())
                    && execution.hasNonNull("authenticationConfig")) {
                return execution.get("authenticationConfig").asText();
            }
        }
        throw new AssertionError("no configured " + providerId + " in '" + flow + "': " + executions);
    }
}
