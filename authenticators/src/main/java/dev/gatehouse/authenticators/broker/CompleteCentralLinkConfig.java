package dev.gatehouse.authenticators.broker;

import org.keycloak.models.AuthenticatorConfigModel;

/** Settings of the {@code gatehouse-complete-link} step. */
record CompleteCentralLinkConfig(boolean removeLegacyPassword) {

    static CompleteCentralLinkConfig of(AuthenticatorConfigModel model) {
        String value = model == null
                ? null
                : model.getConfig().get(CompleteCentralLinkConfigProperties.REMOVE_LEGACY_PASSWORD_ON_LINK);
        return new CompleteCentralLinkConfig(value == null || value.isBlank() || Boolean.parseBoolean(value.strip()));
    }
}
