package dev.gatehouse.authenticators.browser;

import java.util.Locale;
import org.keycloak.models.AuthenticatorConfigModel;

/** Settings of the {@code gatehouse-identifier} step. */
record IdentifierFormConfig(IdentifierRoute.Unknown unknownIdentifiers) {

    static IdentifierFormConfig of(AuthenticatorConfigModel model) {
        String value = model == null ? null : model.getConfig().get(IdentifierFormConfigProperties.UNKNOWN_IDENTIFIERS);
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
