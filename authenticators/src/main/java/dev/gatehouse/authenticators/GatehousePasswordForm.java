package dev.gatehouse.authenticators;

import dev.gatehouse.store.AccountStoreUnavailableException;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.models.KeycloakSession;

/**
 * Keycloak's username and password form, failing closed with a "temporarily unavailable" page
 * while the account store cannot be reached.
 */
final class GatehousePasswordForm extends UsernamePasswordForm {

    GatehousePasswordForm(KeycloakSession session) {
        super(session);
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        try {
            super.authenticate(context);
        } catch (AccountStoreUnavailableException e) {
            StoreOutage.browserChallenge(context, e);
        }
    }

    @Override
    protected boolean validateForm(AuthenticationFlowContext context, MultivaluedMap<String, String> formData) {
        try {
            return super.validateForm(context, formData);
        } catch (AccountStoreUnavailableException e) {
            StoreOutage.browserChallenge(context, e);
            return false;
        }
    }
}
