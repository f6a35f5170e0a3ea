package dev.gatehouse.authenticators;

import dev.gatehouse.store.AccountStoreUnavailableException;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.directgrant.ValidatePassword;

/**
 * {@code gatehouse-direct-grant-password}: Keycloak's direct-grant password check, answering 503
 * {@code temporarily_unavailable} when the account store fails while the password is verified (a
 * user Keycloak has cached passes the username step without the store). Like its parent, the
 * class is its own factory.
 */
public final class GatehouseDirectGrantPassword extends ValidatePassword {

    public static final String PROVIDER_ID = "gatehouse-direct-grant-password";

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
        return "Gatehouse password validation";
    }

    @Override
    public String getHelpText() {
        return "Validates a direct grant's password like Keycloak's step; answers 503 while the Gatehouse "
                + "account store is down.";
    }
}
