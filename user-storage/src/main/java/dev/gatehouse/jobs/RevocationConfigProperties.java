package dev.gatehouse.jobs;

import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The configuration keys of {@link RevocationConfig}, their defaults, and how the admin console shows them. */
public final class RevocationConfigProperties {

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

    private RevocationConfigProperties() {}
}
