package dev.gatehouse.authenticators.broker;

import dev.gatehouse.authenticators.GatehouseAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** {@code gatehouse-central-account}: central account (first broker login). */
public final class CentralAccountFactory extends GatehouseAuthenticatorFactory {

    public static final String PROVIDER_ID = "gatehouse-central-account";

    private static final CentralAccount SINGLETON = new CentralAccount();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse central account (first broker login)";
    }

    @Override
    public String getHelpText() {
        return "Finds the store account of a central identity, hands an e-mail match to password confirmation, refuses unverified or banned addresses, or creates a new store account.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }
}
