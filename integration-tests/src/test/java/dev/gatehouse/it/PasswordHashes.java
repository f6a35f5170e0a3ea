package dev.gatehouse.it;

import dev.gatehouse.testing.GatehouseEnvironment;
import java.util.function.Supplier;

/**
 * {@code gatehouse_password_hashes_total}, summed over its kinds (hash, verify, dummy), from
 * Keycloak's metrics endpoint: every bcrypt Gatehouse computes. Requests must run one at a time.
 */
final class PasswordHashes {

    private static final String NAME = "gatehouse_password_hashes_total";

    private final GatehouseEnvironment env;

    PasswordHashes(GatehouseEnvironment env) {
        this.env = env;
    }

    /** The result of a request and the hashes it cost. */
    record Counted<T>(T result, double hashes) {}

    <T> Counted<T> around(Supplier<T> request) {
        double before = total();
        T result = request.get();
        return new Counted<>(result, total() - before);
    }

    /** The total so far, for callers that take differences themselves. */
    static double total(GatehouseEnvironment env) {
        return new PasswordHashes(env).total();
    }

    double total() {
        double total = 0;
        for (String line : scrape().split("\n")) {
            String sample = line.strip();
            if (sample.startsWith(NAME + "{") || sample.startsWith(NAME + " ")) {
                total += Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private String scrape() {
        return env.metrics();
    }
}
