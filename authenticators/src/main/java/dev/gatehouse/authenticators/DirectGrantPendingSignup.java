package dev.gatehouse.authenticators;

import dev.gatehouse.storage.GatehouseAccounts;
import dev.gatehouse.store.AccountStoreUnavailableException;
import dev.gatehouse.store.Identifiers;
import dev.gatehouse.store.PendingSignup;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * {@code gatehouse-direct-grant-pending}: the first direct-grant step. A username that names no
 * account but a pending signup has no Keycloak user for the next steps to check, so its password
 * is checked here: right → {@code invalid_grant} naming the unconfirmed address; wrong → the
 * "Invalid user credentials" any unknown user gets. Every other username passes through. (The id
 * is short: Keycloak stores an execution's provider id in 36 characters.)
 */
public final class DirectGrantPendingSignup extends DirectGrantStep {

    public static final String PROVIDER_ID = "gatehouse-direct-grant-pending";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String username = form.getFirst(AuthenticationManager.FORM_USERNAME);
        try {
            Optional<PendingSignup> pending = pendingSignup(context.getSession(), context.getRealm(), username);
            if (pending.isEmpty()) {
                context.success();
                return;
            }
            context.getEvent().detail(Details.USERNAME, username);
            String password = form.getFirst(CredentialRepresentation.PASSWORD);
            if (GatehouseAccounts.hasher(context.getRealm())
                    .verify(password, pending.get().passwordHash())) {
                UnconfirmedGrantError.refuse(context, pending.get().email());
            } else {
                context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
                context.failure(
                        AuthenticationFlowError.INVALID_CREDENTIALS,
                        errorResponse(
                                Response.Status.BAD_REQUEST.getStatusCode(),
                                "invalid_grant",
                                "Invalid user credentials"));
            }
        } catch (AccountStoreUnavailableException e) {
            StoreOutage.directGrantChallenge(context, e);
        }
    }

    /** A signup only where no account answers to the username: accounts always come first. */
    private static Optional<PendingSignup> pendingSignup(KeycloakSession session, RealmModel realm, String username) {
        if (username == null || !Identifiers.isValidUsername(username.strip())) {
            return Optional.empty();
        }
        try {
            if (KeycloakModelUtils.findUserByNameOrEmail(session, realm, username.strip()) != null) {
                return Optional.empty();
            }
        } catch (ModelDuplicateException sharedAddress) {
            return Optional.empty();
        }
        return GatehouseAccounts.pendingSignups(session).findLiveByIdentifier(username.strip());
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse pending-signup check";
    }

    @Override
    public String getHelpText() {
        return "Answers the credentials of a pending signup with an 'e-mail not confirmed' error once the password "
                + "is proven, and like an unknown user otherwise. Put it first.";
    }
}
