package dev.gatehouse.authenticators;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** {@code gatehouse-central-reset}: central password reset hand-off. */
public final class CentralResetHandoffFactory extends GatehouseAuthenticatorFactory {

    public static final String PROVIDER_ID = "gatehouse-central-reset";

    private static final CentralResetHandoff SINGLETON = new CentralResetHandoff();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse central password reset hand-off";
    }

    @Override
    public String getHelpText() {
        return "Sends accounts linked to the central identity provider to the central password reset instead of e-mailing a reset link.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }
}
