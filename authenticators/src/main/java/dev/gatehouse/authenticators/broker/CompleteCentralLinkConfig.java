package dev.gatehouse.authenticators.broker;

import java.util.List;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Settings of the {@code gatehouse-complete-link} step. */
record CompleteCentralLinkConfig(boolean removeLegacyPassword) {

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

    static CompleteCentralLinkConfig of(AuthenticatorConfigModel model) {
        String value = model == null ? null : model.getConfig().get(REMOVE_LEGACY_PASSWORD_ON_LINK);
        return new CompleteCentralLinkConfig(value == null || value.isBlank() || Boolean.parseBoolean(value.strip()));
    }
}
