package dev.gatehouse.authenticators.browser;

import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The configuration keys of {@link IdentifierFormConfig}, their defaults, and how the admin console shows them. */
public final class IdentifierFormConfigProperties {

    static final String UNKNOWN_IDENTIFIERS = "unknownIdentifiers";
    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(UNKNOWN_IDENTIFIERS)
            .label("Unknown identifiers")
            .helpText("'password': show the password step anyway, which then fails like a wrong password (no account "
                    + "enumeration). 'central': send unknown identifiers to the central identity provider.")
            .type(ProviderConfigProperty.LIST_TYPE)
            .options("password", "central")
            .defaultValue("password")
            .add()
            .build();

    private IdentifierFormConfigProperties() {}
}
