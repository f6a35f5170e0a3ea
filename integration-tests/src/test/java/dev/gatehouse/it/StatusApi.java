package dev.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.Oidc;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The Admin API's account-status endpoints and the token calls the status tests make around them. */
final class StatusApi {

    private final GatehouseEnvironment env;
    private final ApiKeys api;

    StatusApi(GatehouseEnvironment env) {
        this.env = env;
        this.api = new ApiKeys(env);
    }

    ApiKeys api() {
        return api;
    }

    HttpResponse<String> ban(UUID accountId, String reason) {
        return post(accountId, "ban", "{\"reason\":" + ApiKeys.quote(reason) + "}", api.admin());
    }

    HttpResponse<String> terminate(UUID accountId, String reason) {
        return post(accountId, "terminate", "{\"reason\":" + ApiKeys.quote(reason) + "}", api.admin());
    }

    HttpResponse<String> reinstate(UUID accountId) {
        return post(accountId, "reinstate", null, api.admin());
    }

    HttpResponse<String> post(UUID accountId, String action, String json, String token) {
        return api.request("POST", api.adminUrl("accounts/" + accountId + "/" + action), token, json);
    }

    /** A direct grant with demo-api; {@code offline} asks for an offline token. */
    HttpResponse<String> grant(String username, String password, boolean offline) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", "demo-api");
        form.put("client_secret", "demo-api-secret");
        form.put("username", username);
        form.put("password", password);
        form.put("scope", offline ? "openid offline_access" : "openid");
        return env.oidc(ApiKeys.REALM).token(form);
    }

    /** The refresh token of a successful direct grant. */
    String refreshToken(String username, String password, boolean offline) {
        HttpResponse<String> response = grant(username, password, offline);
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "grant for " + username + " answered " + response.statusCode() + ": " + response.body());
        }
        return Oidc.json(response.body()).get("refresh_token").asText();
    }

    HttpResponse<String> refresh(String refreshToken) {
        return env.oidc(ApiKeys.REALM)
                .token(Map.of(
                        "grant_type", "refresh_token",
                        "client_id", "demo-api",
                        "client_secret", "demo-api-secret",
                        "refresh_token", refreshToken));
    }

    /** The Keycloak user id of a store account. */
    String userId(String username) {
        JsonNode users = env.admin().json(ApiKeys.REALM + "/users?exact=true&username=" + ApiKeys.encode(username));
        return users.get(0).get("id").asText();
    }

    JsonNode sessions(String username) {
        return env.admin().json(ApiKeys.REALM + "/users/" + userId(username) + "/sessions");
    }

    /** The admin events of the product realm whose resource path is exactly this one. */
    java.util.List<JsonNode> adminEvents(String resourcePath) {
        JsonNode events = env.admin().json(ApiKeys.REALM + "/admin-events?resourceTypes=CUSTOM&max=1000");
        java.util.List<JsonNode> matching = new java.util.ArrayList<>();
        events.forEach(event -> {
            if (resourcePath.equals(event.path("resourcePath").asText())) {
                matching.add(event);
            }
        });
        return matching;
    }
}
