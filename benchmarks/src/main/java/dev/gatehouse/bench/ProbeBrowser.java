package dev.gatehouse.bench;

import dev.gatehouse.testing.Form;
import dev.gatehouse.testing.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The enumeration phase's browser: one per sample, its own cookies, every request sent from its
 * own client address ({@code X-Forwarded-For}, which the bench's Keycloak trusts, see
 * {@code bench.sh}), so that limits per client IP see a crowd rather than one prober. Follows
 * redirects while they stay on the server, like the harness's {@code BrowserClient}, and shares one
 * HTTP/1.1 client with the others, so that a timed request reuses a warm connection.
 */
final class ProbeBrowser {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final int MAX_REDIRECTS = 10;

    private final String baseUrl;
    private final String clientIp;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    ProbeBrowser(String baseUrl, String clientIp) {
        this.baseUrl = baseUrl;
        this.clientIp = clientIp;
    }

    String clientIp() {
        return clientIp;
    }

    Page get(String url) {
        return follow(request(URI.create(url)).GET().build());
    }

    Page submit(Form form) {
        if (form.method().equals("get")) {
            return get(form.action() + (form.action().contains("?") ? "&" : "?") + BenchHttp.encode(form.fields()));
        }
        return post(form.action(), form.fields());
    }

    Page post(String url, Map<String, String> fields) {
        return follow(request(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(BenchHttp.encode(fields)))
                .build());
    }

    private Page follow(HttpRequest first) {
        HttpRequest request = first;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<String> response = send(request);
            remember(response);
            Optional<String> location = response.headers().firstValue("Location");
            if (response.statusCode() / 100 != 3 || location.isEmpty()) {
                return new Page(response.statusCode(), request.uri(), response.body(), Optional.empty());
            }
            URI next = request.uri().resolve(location.get());
            if (!next.toString().startsWith(baseUrl)) {
                return new Page(response.statusCode(), request.uri(), response.body(), Optional.of(next));
            }
            request = request(next).GET().build();
        }
        throw new IllegalStateException("more than " + MAX_REDIRECTS + " redirects from " + first.uri());
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "text/html,application/xhtml+xml")
                .header("Accept-Language", "en")
                .header("X-Forwarded-For", clientIp);
        if (!cookies.isEmpty()) {
            builder.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                            .collect(Collectors.joining("; ")));
        }
        return builder;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Keeps cookies by name: a probe talks to one realm, whose cookies all share its path. Keycloak's
     * cookies are {@code Secure}, which a browser still sends to {@code http://localhost}.
     */
    private void remember(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = pair.substring(0, equals).strip();
            String value = pair.substring(equals + 1).strip();
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }
}
