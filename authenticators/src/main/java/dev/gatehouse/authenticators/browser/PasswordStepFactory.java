package dev.gatehouse.authenticators.browser;

import dev.gatehouse.authenticators.GatehouseAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** {@code gatehouse-password}: the password step after {@code gatehouse-identifier}. */
public final class PasswordStepFactory extends GatehouseAuthenticatorFactory {

    public static final String PROVIDER_ID = "gatehouse-password";

    private static final PasswordStep SINGLETON = new PasswordStep();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse password";
    }

    @Override
    public String getHelpText() {
        return "Checks the password of the account the identifier step found against the account store; an "
                + "unknown identifier fails the same way, after a dummy hash.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }
}
