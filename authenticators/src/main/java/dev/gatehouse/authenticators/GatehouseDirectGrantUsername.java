package dev.gatehouse.authenticators;

import dev.gatehouse.store.AccountStatus;
import dev.gatehouse.store.AccountStoreUnavailableException;
import dev.gatehouse.store.Identifiers;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.directgrant.ValidateUsername;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * {@code gatehouse-direct-grant-username}: Keycloak's direct-grant username check, answering 503
 * {@code temporarily_unavailable} while the account store cannot be reached instead of a 500, and
 * answering terminated and banned accounts through {@link DirectGrantAccountStatus} instead of
 * Keycloak's "Account disabled". Like its parent, the class is its own factory.
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
            if (username == null || !refusedByStatus(context, username)) {
                super.authenticate(context);
            }
        } catch (AccountStoreUnavailableException e) {
            StoreOutage.directGrantChallenge(context, e);
        }
    }

    /** A terminated or banned store account, not locked out by brute-force detection, is answered here. */
    private static boolean refusedByStatus(AuthenticationFlowContext context, String username) {
        UserModel user;
        try {
            user = KeycloakModelUtils.findUserByNameOrEmail(context.getSession(), context.getRealm(), username);
        } catch (ModelDuplicateException e) {
            return false;
        }
        if (user == null || AuthenticatorUtils.getDisabledByBruteForceEventError(context, user) != null) {
            return false;
        }
        Optional<AccountStatus> blocked = DirectGrantAccountStatus.blocked(user);
        if (blocked.isEmpty()) {
            return false;
        }
        context.getEvent().detail(Details.USERNAME, username);
        context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, username);
        DirectGrantAccountStatus.refuse(context, user, blocked.get());
        return true;
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
        return "Finds the account of a direct grant's username in the Gatehouse account store; says that a "
                + "terminated or banned account is blocked once its password is proven; answers 503 while the store "
                + "is down.";
    }
}
