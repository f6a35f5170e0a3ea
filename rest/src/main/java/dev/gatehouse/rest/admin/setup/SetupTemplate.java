package dev.gatehouse.rest.admin.setup;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What setup adds to a realm, read from {@value #RESOURCE} in the JAR: the realm export's flows,
 * authenticator configs, client profile and policy, roles, user-profile attributes and identity
 * provider mappers, and the {@code gatehouse} client scopes. Flows and configs get a versioned name
 * ({@link #versioned}) so that a later release can add its own next to them and rebind.
 */
final class SetupTemplate {

    static final String RESOURCE = "gatehouse-setup.json";

    private static final SetupTemplate INSTANCE = load();

    private final JsonNode json;

    private SetupTemplate(JsonNode json) {
        this.json = json;
    }

    static SetupTemplate get() {
        return INSTANCE;
    }

    static SetupTemplate load() {
        try (InputStream in = SetupTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the JAR");
            }
            return new SetupTemplate(SetupState.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int version() {
        return json.path("version").asInt();
    }

    String versioned(String alias) {
        return alias + " v" + version();
    }

    List<JsonNode> list(String name) {
        List<JsonNode> items = new ArrayList<>();
        json.path(name).forEach(items::add);
        return items;
    }

    List<JsonNode> flows() {
        return list("authenticationFlows");
    }

    List<JsonNode> authenticatorConfigs() {
        return list("authenticatorConfig");
    }

    List<JsonNode> clientProfiles() {
        return list("clientProfiles");
    }

    List<JsonNode> clientPolicies() {
        return list("clientPolicies");
    }

    List<JsonNode> roles() {
        return list("roles");
    }

    List<JsonNode> userProfileAttributes() {
        return list("userProfileAttributes");
    }

    List<JsonNode> identityProviderMappers() {
        return list("identityProviderMappers");
    }

    List<JsonNode> clientScopes() {
        return list("clientScopes");
    }
}
