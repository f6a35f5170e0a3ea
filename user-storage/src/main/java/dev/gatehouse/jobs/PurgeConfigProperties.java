package dev.gatehouse.jobs;

import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The configuration keys of {@link PurgeConfig}, their defaults, and how the admin console shows them. */
public final class PurgeConfigProperties {

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

    private PurgeConfigProperties() {}
}
