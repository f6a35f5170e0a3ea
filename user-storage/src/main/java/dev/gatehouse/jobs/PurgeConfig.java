package dev.gatehouse.jobs;

import java.time.Duration;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Typed server configuration of the purge of expired pending signups (SPEC P2.2), read from the
 * {@code gatehouse-jobs} SPI's scope: {@code --spi-gatehouse-jobs--default--purge-interval-seconds=3600}.
 * A value that cannot be used fails the server start.
 */
public record PurgeConfig(Duration interval) {

    static final String INTERVAL_SECONDS = "purgeIntervalSeconds";
    static final int DEFAULT_INTERVAL_SECONDS = 3600;

    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(INTERVAL_SECONDS)
            .label("Pending signup purge interval")
            .helpText("Seconds between two purges of the pending signups past their expiry.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(DEFAULT_INTERVAL_SECONDS)
            .add()
            .build();

    public static PurgeConfig of(Config.Scope scope) {
        return parse(scope == null ? null : scope.get(INTERVAL_SECONDS));
    }

    static PurgeConfig parse(String intervalSeconds) {
        String value = intervalSeconds == null || intervalSeconds.isBlank() ? null : intervalSeconds.strip();
        int seconds;
        try {
            seconds = value == null ? DEFAULT_INTERVAL_SECONDS : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException(
                    INTERVAL_SECONDS + " must be a positive whole number: " + intervalSeconds);
        }
        return new PurgeConfig(Duration.ofSeconds(seconds));
    }
}
