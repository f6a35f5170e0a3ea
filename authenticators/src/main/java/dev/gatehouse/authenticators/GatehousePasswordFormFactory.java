package dev.gatehouse.authenticators;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.models.KeycloakSession;

/** {@code gatehouse-password-form}: the browser flow's username and password step. */
public final class GatehousePasswordFormFactory extends UsernamePasswordFormFactory {

    public static final String PROVIDER_ID = "gatehouse-password-form";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse username and password";
    }

    @Override
    public String getHelpText() {
        return "Username or e-mail and password, checked against the Gatehouse account store; shows a "
                + "'temporarily unavailable' page while the store is down.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new GatehousePasswordForm(session);
    }
}
