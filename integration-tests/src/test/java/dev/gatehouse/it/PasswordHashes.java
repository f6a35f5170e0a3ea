package dev.gatehouse.it;

import dev.gatehouse.testing.GatehouseEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bcrypt computations Keycloak made so far ({@code gatehouse_password_hashes_total}, every kind). */
final class PasswordHashes {

    private static final Pattern SAMPLE = Pattern.compile("^gatehouse_password_hashes_total\\{[^}]*}\\s+(\\S+)$");

    private PasswordHashes() {}

    static double total(GatehouseEnvironment env) {
        double total = 0;
        for (String line : scrape(env).split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (sample.matches()) {
                total += Double.parseDouble(sample.group(1));
            }
        }
        return total;
    }

    private static String scrape(GatehouseEnvironment env) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(env.managementUrl() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("metrics answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("metrics endpoint unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
