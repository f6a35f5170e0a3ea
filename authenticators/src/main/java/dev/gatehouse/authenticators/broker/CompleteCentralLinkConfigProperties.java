package dev.gatehouse.authenticators.broker;

import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The configuration keys of {@link CompleteCentralLinkConfig}, their defaults, and how the admin console shows them. */
public final class CompleteCentralLinkConfigProperties {

    static final String REMOVE_LEGACY_PASSWORD_ON_LINK = "removeLegacyPasswordOnLink";
    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(REMOVE_LEGACY_PASSWORD_ON_LINK)
            .label("Remove legacy password on link")
            .helpText("Delete the account's legacy bcrypt hash from the store once it is linked to the central "
                    + "identity. Linked accounts never log in with it again either way.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("true")
            .add()
            .build();

    private CompleteCentralLinkConfigProperties() {}
}
