package dev.gatehouse.authenticators;

import dev.gatehouse.store.AccountStoreUnavailableException;
import dev.gatehouse.store.Identifiers;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.directgrant.ValidateUsername;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Errors;

/**
 * {@code gatehouse-direct-grant-username}: Keycloak's direct-grant username check, answering 503
 * {@code temporarily_unavailable} while the account store cannot be reached instead of a 500.
 * Like its parent, the class is its own factory.
 */
public final class GatehouseDirectGrantUsername extends ValidateUsername {

    public static final String PROVIDER_ID = "gatehouse-direct-grant-username";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        String username = retrieveUsername(context);
        if (username != null && !Identifiers.isValidUsername(username.strip())) {
            // No account can have it, and the databases refuse some of it (NUL): answer as for any
            // unknown user, after the same dummy hash.
            AuthenticatorUtils.dummyHash(context);
            context.getEvent().error(Errors.USER_NOT_FOUND);
            context.failure(
                    AuthenticationFlowError.INVALID_USER,
                    errorResponse(
                            Response.Status.BAD_REQUEST.getStatusCode(), "invalid_grant", "Invalid user credentials"));
            return;
        }
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
