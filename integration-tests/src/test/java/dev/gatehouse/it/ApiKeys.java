package dev.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The API-key endpoints as clients use them: the legacy check, the Gatehouse Admin API (as the
 * master realm's admin unless a token is given) and the owner's endpoint.
 */
final class ApiKeys {

    static final String REALM = "gatehouse";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String JSON = "application/json";
    static final String BAD_CREDENTIALS = "{\"errors\":[{\"field\":null,\"message\":\"Bad username / password\"}]}";

    private final GatehouseEnvironment env;
    private final HttpClient http = HttpClient.newHttpClient();
    private String adminToken;

    ApiKeys(GatehouseEnvironment env) {
        this.env = env;
    }

    String checkUrl() {
        return env.baseUrl() + "/realms/" + REALM + "/gatehouse/api/v1/auth";
    }

    String adminUrl(String path) {
        return env.baseUrl() + "/admin/realms/" + REALM + "/gatehouse/" + path;
    }

    String ownUrl(String path) {
        return env.baseUrl() + "/realms/" + REALM + "/gatehouse/account/" + path;
    }

    HttpResponse<byte[]> checkForm(String apiUser, String apiKey) {
        return check(FORM, ("api_user=" + encode(apiUser) + "&api_key=" + encode(apiKey)).getBytes());
    }

    HttpResponse<byte[]> checkJson(String apiUser, String apiKey) {
        String body = "{\"api_user\":" + quote(apiUser) + ",\"api_key\":" + quote(apiKey) + "}";
        return check(JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> check(String contentType, byte[] body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(checkUrl())).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A key created through the Admin API: its id and the full key, shown once. */
    record Created(String id, String key, JsonNode json) {}

    Created create(UUID accountId, String name) {
        HttpResponse<String> response = request(
                "POST", adminUrl("accounts/" + accountId + "/api-keys"), admin(), "{\"name\":" + quote(name) + "}");
        if (response.statusCode() != 201) {
            throw new AssertionError("create answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode json = Oidc.json(response.body());
        return new Created(json.get("id").asText(), json.get("key").asText(), json);
    }

    HttpResponse<String> adminList(UUID accountId) {
        return request("GET", adminUrl("accounts/" + accountId + "/api-keys"), admin(), null);
    }

    HttpResponse<String> adminRevoke(UUID accountId, String keyId) {
        return request("DELETE", adminUrl("accounts/" + accountId + "/api-keys/" + keyId), admin(), null);
    }

    /** A request with a bearer token ({@code null}: none) and an optional JSON body. */
    HttpResponse<String> request(String method, String url, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", JSON);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An access token of a store account, by direct grant with the demo-api client. */
    String userToken(String username, String password) {
        HttpResponse<String> response =
                env.oidc(REALM).passwordGrant("demo-api", "demo-api-secret", username, password);
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "grant for " + username + " answered " + response.statusCode() + ": " + response.body());
        }
        return Oidc.json(response.body()).get("access_token").asText();
    }

    /** The client scope an access token needs to manage API keys. */
    static final String KEY_SCOPE = "gatehouse-api-keys";

    /** The authorization request of the account-facing client ({@code demo-app}) with these scopes. */
    String authorizationUrl(String scope) {
        return env.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/auth?client_id=" + LoginPages.CLIENT
                + "&response_type=code&scope=" + encode(scope) + "&redirect_uri=" + encode(LoginPages.REDIRECT)
                + "&state=gatehouse-test";
    }

    /**
     * An access token meant for the key endpoints: {@code demo-app}'s, requested with
     * {@value #KEY_SCOPE}, right after a password login in {@code browser}.
     */
    String keyToken(BrowserClient browser, String username, String password) {
        Page identifier = browser.get(authorizationUrl("openid " + KEY_SCOPE));
        Page passwordPage = browser.submit(identifier.form(LoginPages.FORM).fill("username", username));
        return tokenOf(browser.submit(passwordPage.form(LoginPages.FORM).fill("password", password)));
    }

    String keyToken(String username, String password) {
        return keyToken(env.browser(), username, password);
    }

    /** The access token of the authorization response a page ended with. */
    String tokenOf(Page authorized) {
        String code = authorized
                .redirectParameter("code")
                .orElseThrow(() -> new AssertionError("no code: " + authorized.body()));
        HttpResponse<String> tokens = env.oidc(REALM).exchangeCode(LoginPages.CLIENT, LoginPages.REDIRECT, code);
        if (tokens.statusCode() != 200) {
            throw new AssertionError("code exchange answered " + tokens.statusCode() + ": " + tokens.body());
        }
        return Oidc.json(tokens.body()).get("access_token").asText();
    }

    synchronized String admin() {
        if (adminToken == null) {
            HttpResponse<String> response = env.oidc("master")
                    .token(Map.of(
                            "grant_type", "password",
                            "client_id", "admin-cli",
                            "username", "admin",
                            "password", "admin"));
            adminToken = Oidc.json(response.body()).get("access_token").asText();
        }
        return adminToken;
    }

    /** Grants a realm role of the product realm to a store account, through Keycloak's admin API. */
    void grantRealmRole(String username, String role) {
        JsonNode users = env.admin().json(REALM + "/users?exact=true&username=" + encode(username));
        String userId = users.get(0).get("id").asText();
        JsonNode roleJson = env.admin().json(REALM + "/roles/" + role);
        HttpResponse<String> response =
                env.admin().post(REALM + "/users/" + userId + "/role-mappings/realm", "[" + roleJson + "]");
        if (response.statusCode() != 204) {
            throw new AssertionError("role mapping answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Every row of api_key and account, as one fingerprint: equal fingerprints, no row changed. */
    String storeFingerprint() {
        return env.store().fingerprint("api_key", "account");
    }

    static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String quote(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
