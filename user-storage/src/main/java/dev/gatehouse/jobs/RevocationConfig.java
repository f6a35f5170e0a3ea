package dev.gatehouse.jobs;

import java.time.Duration;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Typed server configuration of the revocation outbox's retries, in the {@code gatehouse-accounts}
 * provider's scope of the {@code storage} SPI:
 * {@code --spi-gatehouse-jobs--default--revocation-retry-seconds=10}. A value that cannot be
 * used fails the server start.
 *
 * @param retryInterval how often one node of the cluster retries the pending revocations
 */
public record RevocationConfig(Duration retryInterval) {

    static final String RETRY_SECONDS = "revocationRetrySeconds";
    static final int DEFAULT_RETRY_SECONDS = 10;

    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(RETRY_SECONDS)
            .label("Revocation retry interval")
            .helpText("Seconds between two retries of the status changes whose sessions could not all be ended yet.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(DEFAULT_RETRY_SECONDS)
            .add()
            .build();

    public static RevocationConfig of(Config.Scope scope) {
        return parse(scope == null ? null : scope.get(RETRY_SECONDS));
    }

    static RevocationConfig parse(String retrySeconds) {
        String value = retrySeconds == null || retrySeconds.isBlank() ? null : retrySeconds.strip();
        int seconds;
        try {
            seconds = value == null ? DEFAULT_RETRY_SECONDS : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException(RETRY_SECONDS + " must be a positive whole number: " + retrySeconds);
        }
        return new RevocationConfig(Duration.ofSeconds(seconds));
    }
}
