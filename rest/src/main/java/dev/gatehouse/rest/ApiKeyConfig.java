package dev.gatehouse.rest;

import dev.gatehouse.domain.ApiKeyFormat;
import dev.gatehouse.support.RealmUrls;
import org.keycloak.Config;

/**
 * Typed server configuration of the API keys, read from the {@code gatehouse} realm resource
 * provider's scope: {@code --spi-realm-restapi-extension--gatehouse--key-prefix=GH}.
 */
public record ApiKeyConfig(String keyPrefix) {

    /** The SPI of the realm resource provider whose scope holds the key prefix. */
    public static final String SPI = "realm-restapi-extension";

    /** The configuration of the realm resource provider, wherever it is asked for. */
    public static ApiKeyConfig fromServerConfig() {
        return of(Config.scope(SPI, RealmUrls.GATEHOUSE));
    }

    public static ApiKeyConfig of(Config.Scope scope) {
        String prefix = scope == null ? null : scope.get(ApiKeyConfigProperties.KEY_PREFIX);
        return new ApiKeyConfig(prefix == null || prefix.isBlank() ? ApiKeyFormat.DEFAULT_PREFIX : prefix.strip());
    }

    /** Fails the server start on a prefix that keys could not carry. */
    public ApiKeyFormat format() {
        return new ApiKeyFormat(keyPrefix);
    }
}
