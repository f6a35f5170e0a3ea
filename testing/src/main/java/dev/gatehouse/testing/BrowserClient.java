package dev.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Drives Keycloak's pages like a browser: keeps cookies, submits forms, follows redirects while
 * they stay on the server, and stops at a redirect that leaves it (a client's redirect URI).
 * Keycloak's cookies are {@code Secure}; browsers still send them to {@code http://localhost},
 * and so does this client.
 */
public final class BrowserClient {

    private static final int MAX_REDIRECTS = 20;

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** Cookies by path, then name: Keycloak sets cookies of the same name for each realm's path. */
    private final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();

    private String acceptLanguage = "en";
    /** The loopback relay that gives this client its own client IP, or null for 127.0.0.1. */
    private LoopbackRelay relay;

    /** The last page's response headers and the URIs its request and redirects went to. */
    private HttpHeaders lastHeaders = HttpHeaders.of(Map.of(), (name, value) -> true);

    private final List<URI> lastHops = new java.util.ArrayList<>();

    BrowserClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public BrowserClient language(String language) {
        this.acceptLanguage = language;
        return this;
    }

    /**
     * Speaks from this loopback address ({@code 127.x.y.z}) from now on, as a browser elsewhere
     * would: Keycloak sees it as the client IP. Without it, the client speaks from 127.0.0.1.
     */
    public BrowserClient from(String loopbackIp) {
        this.relay = LoopbackRelay.of(loopbackIp, URI.create(baseUrl).getPort());
        return this;
    }

    /** A loopback address other than 127.0.0.1, at random. */
    public static String randomIp() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return "127." + (1 + random.nextInt(254)) + "." + (1 + random.nextInt(254)) + "." + (1 + random.nextInt(254));
    }

    public Page get(String url) {
        return follow(request(URI.create(url)).GET().build());
    }

    public Page submit(Form form) {
        if (form.method().equals("get")) {
            return get(form.action() + (form.action().contains("?") ? "&" : "?") + encode(form.fields()));
        }
        return post(form.action(), form.fields());
    }

    public Page post(String url, Map<String, String> fields) {
        return postEncoded(url, encode(fields));
    }

    /**
     * A form post whose body is already URL-encoded, byte by byte: what a hostile client sends,
     * such as percent-escapes of bytes that are not UTF-8.
     */
    public Page postEncoded(String url, String urlEncodedBody) {
        HttpRequest request = request(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(urlEncodedBody))
                .build();
        return follow(request);
    }

    /** The headers of the last page's final response (the redirect that left the server, if it did). */
    public HttpHeaders lastHeaders() {
        return lastHeaders;
    }

    /** Every URI the last page's request and its redirects went to, the one that left the server included. */
    public List<URI> lastHops() {
        return List.copyOf(lastHops);
    }

    public Optional<String> cookie(String name) {
        return cookies.values().stream()
                .map(byName -> byName.get(name))
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    private Page follow(HttpRequest first) {
        HttpRequest request = first;
        lastHops.clear();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<String> response = send(request);
            URI requested = direct(request.uri());
            lastHops.add(requested);
            lastHeaders = response.headers();
            remember(requested, response.headers());
            Optional<String> location = response.headers().firstValue("Location");
            if (response.statusCode() / 100 != 3 || location.isEmpty()) {
                return new Page(response.statusCode(), requested, response.body(), Optional.empty());
            }
            URI next = requested.resolve(location.get());
            if (!next.toString().startsWith(baseUrl)) {
                lastHops.add(next);
                return new Page(response.statusCode(), requested, response.body(), Optional.of(next));
            }
            request = request(next).GET().build();
        }
        throw new AssertionError("More than " + MAX_REDIRECTS + " redirects from " + first.uri());
    }

    /** The URI to send to: the relay's port instead of Keycloak's, when this client has a relay. */
    private URI viaRelay(URI uri) {
        URI base = URI.create(baseUrl);
        if (relay == null || uri.getPort() != base.getPort() || !base.getHost().equals(uri.getHost())) {
            return uri;
        }
        return URI.create(uri.toString().replaceFirst("^(https?://[^/:]+):" + base.getPort(), "$1:" + relay.port()));
    }

    /** The URI as Keycloak's, whichever port it was sent to. */
    private URI direct(URI sent) {
        if (relay == null || sent.getPort() != relay.port()) {
            return sent;
        }
        return URI.create(sent.toString()
                .replaceFirst(
                        "^(https?://[^/:]+):" + relay.port(),
                        "$1:" + URI.create(baseUrl).getPort()));
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(viaRelay(uri))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html,application/xhtml+xml")
                .header("Accept-Language", acceptLanguage);
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        String header = cookies.entrySet().stream()
                .filter(byPath -> pathMatches(path, byPath.getKey()))
                // Longer paths first, as browsers order them.
                .sorted((a, b) -> b.getKey().length() - a.getKey().length())
                .flatMap(byPath -> byPath.getValue().entrySet().stream())
                .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        if (!header.isEmpty()) {
            builder.header("Cookie", header);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void remember(URI requested, HttpHeaders headers) {
        for (String header : headers.allValues("Set-Cookie")) {
            String[] parts = header.split(";");
            int equals = parts[0].indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = parts[0].substring(0, equals).strip();
            String value = parts[0].substring(equals + 1).strip();
            List<String> attributes = List.of(parts).stream().map(String::strip).toList();
            String path = attributes.stream()
                    .filter(attribute -> attribute.toLowerCase().startsWith("path="))
                    .map(attribute -> attribute.substring(5))
                    .findFirst()
                    .orElseGet(() -> defaultPath(requested));
            boolean expired = attributes.stream()
                    .anyMatch(attribute -> attribute.equalsIgnoreCase("Max-Age=0")
                            || attribute.toLowerCase().startsWith("expires=thu, 01 jan 1970"));
            Map<String, String> byName = cookies.computeIfAbsent(path, ignored -> new LinkedHashMap<>());
            if (expired || value.isEmpty()) {
                byName.remove(name);
            } else {
                byName.put(name, value);
            }
        }
    }

    private static boolean pathMatches(String requestPath, String cookiePath) {
        return requestPath.equals(cookiePath)
                || (requestPath.startsWith(cookiePath)
                        && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/'));
    }

    private static String defaultPath(URI uri) {
        String path = uri.getPath();
        int slash = path == null ? -1 : path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue() == null ? "" : field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
