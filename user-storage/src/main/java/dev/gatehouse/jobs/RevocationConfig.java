package dev.gatehouse.jobs;

import java.time.Duration;
import org.keycloak.Config;

/**
 * Typed server configuration of the revocation outbox's retries, in the {@code gatehouse-accounts}
 * provider's scope of the {@code storage} SPI:
 * {@code --spi-gatehouse-jobs--default--revocation-retry-seconds=10}. A value that cannot be
 * used fails the server start.
 *
 * @param retryInterval how often one node of the cluster retries the pending revocations
 */
public record RevocationConfig(Duration retryInterval) {

    public static RevocationConfig of(Config.Scope scope) {
        return parse(scope == null ? null : scope.get(RevocationConfigProperties.RETRY_SECONDS));
    }

    static RevocationConfig parse(String retrySeconds) {
        String value = retrySeconds == null || retrySeconds.isBlank() ? null : retrySeconds.strip();
        int seconds;
        try {
            seconds = value == null ? RevocationConfigProperties.DEFAULT_RETRY_SECONDS : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException(
                    RevocationConfigProperties.RETRY_SECONDS + " must be a positive whole number: " + retrySeconds);
        }
        return new RevocationConfig(Duration.ofSeconds(seconds));
    }
}
