package dev.gatehouse.jobs;

import java.time.Duration;
import org.keycloak.Config;

/**
 * Typed server configuration of the purge of expired pending signups (SPEC P2.2), read from the
 * {@code gatehouse-jobs} SPI's scope: {@code --spi-gatehouse-jobs--default--purge-interval-seconds=3600}.
 * A value that cannot be used fails the server start.
 */
public record PurgeConfig(Duration interval) {

    public static PurgeConfig of(Config.Scope scope) {
        return parse(scope == null ? null : scope.get(PurgeConfigProperties.INTERVAL_SECONDS));
    }

    static PurgeConfig parse(String intervalSeconds) {
        String value = intervalSeconds == null || intervalSeconds.isBlank() ? null : intervalSeconds.strip();
        int seconds;
        try {
            seconds = value == null ? PurgeConfigProperties.DEFAULT_INTERVAL_SECONDS : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException(
                    PurgeConfigProperties.INTERVAL_SECONDS + " must be a positive whole number: " + intervalSeconds);
        }
        return new PurgeConfig(Duration.ofSeconds(seconds));
    }
}
