package dev.gatehouse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one HTTP client every measured API request goes through (token grants, refreshes, API-key
 * checks), HTTP/1.1 with a connection per concurrent client, so that both sides of a comparison
 * are sent alike. {@code Oidc} of the test harness opens a client per instance and prefers
 * HTTP/2, which would make the comparison depend on the protocol upgrade.
 */
final class BenchHttp {

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    BenchHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String tokenUrl(String realm) {
        return baseUrl + "/realms/" + realm + "/protocol/openid-connect/token";
    }

    String realmUrl(String realm) {
        return baseUrl + "/realms/" + realm;
    }

    String apiKeyCheckUrl() {
        return baseUrl + "/realms/gatehouse/gatehouse/api/v1/auth";
    }

    HttpResponse<String> postForm(String url, Map<String, String> form) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
