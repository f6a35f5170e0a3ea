package dev.gatehouse.authenticators.broker;

import dev.gatehouse.authenticators.GatehouseAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** {@code gatehouse-central-link-check}: central link check, for the post-broker-login flow. */
public final class CentralLinkCheckFactory extends GatehouseAuthenticatorFactory {

    public static final String PROVIDER_ID = "gatehouse-central-link-check";

    private static final CentralLinkCheck SINGLETON = new CentralLinkCheck();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse central link check";
    }

    @Override
    public String getHelpText() {
        return "Post-broker-login step: a link the account store does not record must pass the ban list and the"
                + " verified-e-mail rules of the first broker login, or it is removed and the login refused.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }
}
