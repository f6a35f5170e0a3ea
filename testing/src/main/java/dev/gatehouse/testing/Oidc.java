package dev.gatehouse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The OpenID Connect endpoints of one realm, as an app uses them. */
public final class Oidc {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String realmUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    Oidc(String baseUrl, String realm) {
        this.realmUrl = baseUrl + "/realms/" + realm;
    }

    public String authorizationUrl(String clientId, String redirectUri) {
        return realmUrl + "/protocol/openid-connect/auth?client_id=" + encode(clientId)
                + "&response_type=code&scope=openid&redirect_uri=" + encode(redirectUri) + "&state=gatehouse-test";
    }

    public HttpResponse<String> exchangeCode(String clientId, String redirectUri, String code) {
        return token(Map.of(
                "grant_type", "authorization_code",
                "client_id", clientId,
                "redirect_uri", redirectUri,
                "code", code));
    }

    public HttpResponse<String> passwordGrant(String clientId, String secret, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return token(form);
    }

    public HttpResponse<String> token(Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(BrowserClient.encode(form)))
                .build());
    }

    /**
     * Standard token exchange (Keycloak's V2, RFC 8693): a confidential client trades an access
     * token of a user for a new one.
     */
    public HttpResponse<String> exchange(String clientId, String secret, String subjectAccessToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        form.put("subject_token", subjectAccessToken);
        form.put("subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
        return token(form);
    }

    /** The userinfo endpoint, with an access token as bearer. */
    public HttpResponse<String> userInfo(String accessToken) {
        return bearerGet(realmUrl + "/protocol/openid-connect/userinfo", accessToken);
    }

    /** Keycloak's account REST API ({@code GET /realms/{realm}/account/}), with an access token as bearer. */
    public HttpResponse<String> accountRest(String accessToken) {
        return bearerGet(realmUrl + "/account/", accessToken);
    }

    private HttpResponse<String> bearerGet(String url, String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .GET()
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + body, e);
        }
    }

    /** The claims of a JWT, read without checking its signature (Keycloak just issued it). */
    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        return json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
