package dev.gatehouse.authenticators.browser;

import dev.gatehouse.authenticators.GatehouseAuthenticatorFactory;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/** {@code gatehouse-identifier}: the first page of the unified, identifier-first login. */
public final class IdentifierFormFactory extends GatehouseAuthenticatorFactory {

    public static final String PROVIDER_ID = "gatehouse-identifier";

    private static final IdentifierForm SINGLETON = new IdentifierForm();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse identifier (unified login)";
    }

    @Override
    public String getHelpText() {
        return "Asks for the username or e-mail first; linked accounts go to the central identity provider with "
                + "a login hint, all others to the password step.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return IdentifierFormConfigProperties.PROPERTIES;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }
}
