package dev.gatehouse.authenticators;

import dev.gatehouse.store.AccountStoreUnavailableException;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.directgrant.ValidateUsername;

/**
 * {@code gatehouse-direct-grant-username}: Keycloak's direct-grant username check, answering 503
 * {@code temporarily_unavailable} while the account store cannot be reached instead of a 500.
 * Like its parent, the class is its own factory.
 */
public final class GatehouseDirectGrantUsername extends ValidateUsername {

    public static final String PROVIDER_ID = "gatehouse-direct-grant-username";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        try {
            super.authenticate(context);
        } catch (AccountStoreUnavailableException e) {
            StoreOutage.directGrantChallenge(context, e);
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse username validation";
    }

    @Override
    public String getHelpText() {
        return "Finds the account of a direct grant's username in the Gatehouse account store; answers 503 "
                + "while the store is down.";
    }
}
