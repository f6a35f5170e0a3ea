package dev.gatehouse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Keycloak's admin REST API, authenticated as the bootstrap admin of the master realm. */
public final class AdminApi {

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private String token;

    AdminApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> put(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> post(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    /** GET that must answer 200, as JSON. */
    public JsonNode json(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Oidc.json(response.body());
    }

    private HttpRequest.Builder request(String path) {
        // "gatehouse/users" is under /admin/realms/; "/serverinfo" is under /admin.
        String url = path.startsWith("/") ? baseUrl + "/admin" + path : baseUrl + "/admin/realms/" + path;
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token());
    }

    private synchronized String token() {
        if (token == null) {
            HttpResponse<String> response = new Oidc(baseUrl, "master")
                    .token(Map.of(
                            "grant_type",
                            "password",
                            "client_id",
                            "admin-cli",
                            "username",
                            KeycloakSetup.ADMIN_USER,
                            "password",
                            KeycloakSetup.ADMIN_PASSWORD));
            if (response.statusCode() != 200) {
                throw new AssertionError("Admin login failed: " + response.body());
            }
            token = Oidc.json(response.body()).get("access_token").asText();
        }
        return token;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
