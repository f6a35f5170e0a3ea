package dev.gatehouse.authenticators.broker;

import dev.gatehouse.authenticators.GatehouseAuthenticatorFactory;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/** {@code gatehouse-complete-link}: complete central link. */
public final class CompleteCentralLinkFactory extends GatehouseAuthenticatorFactory {

    public static final String PROVIDER_ID = "gatehouse-complete-link";

    private static final CompleteCentralLink SINGLETON = new CompleteCentralLink();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse complete central link";
    }

    @Override
    public String getHelpText() {
        return "Records the central identity in the account store and removes the legacy password if so configured.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CompleteCentralLinkConfigProperties.PROPERTIES;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }
}
