package dev.gatehouse.rest;

import dev.gatehouse.domain.ApiKeyFormat;
import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The configuration keys of {@link ApiKeyConfig}, their defaults, and how the admin console shows them. */
public final class ApiKeyConfigProperties {

    static final String KEY_PREFIX = "keyPrefix";
    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(KEY_PREFIX)
            .label("API key prefix")
            .helpText("First part of every API key, <prefix>.<key id>.<secret>: 1 to 16 letters or digits. Keys "
                    + "with another prefix fail the check, so changing it retires the existing keys.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(ApiKeyFormat.DEFAULT_PREFIX)
            .add()
            .build();

    private ApiKeyConfigProperties() {}
}
