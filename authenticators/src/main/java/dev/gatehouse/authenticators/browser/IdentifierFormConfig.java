package dev.gatehouse.authenticators.browser;

import java.util.List;
import java.util.Locale;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Settings of the {@code gatehouse-identifier} step. */
record IdentifierFormConfig(IdentifierRoute.Unknown unknownIdentifiers) {

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

    static IdentifierFormConfig of(AuthenticatorConfigModel model) {
        String value = model == null ? null : model.getConfig().get(UNKNOWN_IDENTIFIERS);
        if (value == null || value.isBlank()) {
            return new IdentifierFormConfig(IdentifierRoute.Unknown.PASSWORD);
        }
        try {
            return new IdentifierFormConfig(
                    IdentifierRoute.Unknown.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            // An unusable value must not open a path: fall back to the non-enumerating default.
            return new IdentifierFormConfig(IdentifierRoute.Unknown.PASSWORD);
        }
    }
}
