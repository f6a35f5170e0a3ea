package dev.gatehouse.authenticators.directgrant;

import dev.gatehouse.authenticators.CentralIdentity;
import dev.gatehouse.authenticators.GrantError;
import dev.gatehouse.authenticators.StoreOutage;
import dev.gatehouse.authenticators.TroubleshootingLink;
import dev.gatehouse.authenticators.browser.PasswordStep;
import dev.gatehouse.authenticators.gate.Identified;
import dev.gatehouse.authenticators.gate.LoginGate;
import dev.gatehouse.authenticators.gate.LoginGate.Verdict;
import dev.gatehouse.authenticators.gate.UnconfirmedPage;
import dev.gatehouse.domain.Identifiers;
import dev.gatehouse.store.AccountStoreUnavailableException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * {@code gatehouse-direct-grant}: the direct grant's identifier and password in one step, through
 * {@link LoginGate} like the browser's password step: one hash per attempt whatever the username
 * names, the same {@code invalid_grant} for every refusal, and the account's state (terminated,
 * banned, unconfirmed, central login) only once its password was proven. One step, because
 * Keycloak refuses to make a disabled user the flow's user ({@code
 * AuthenticationProcessor.validateUser}) and a pending signup has no user at all. Like Keycloak's
 * direct-grant steps, the class is its own factory.
 */
public final class GatehouseDirectGrant extends DirectGrantStep {

    public static final String PROVIDER_ID = "gatehouse-direct-grant";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String username = form.getFirst(AuthenticationManager.FORM_USERNAME);
        if (username == null) {
            // Names no one: nothing to hash and nothing to tell (as Keycloak's own step answers).
            context.getEvent().error(Errors.USER_NOT_FOUND);
            context.failure(
                    AuthenticationFlowError.INVALID_USER,
                    GrantError.of(
                            context,
                            Response.Status.UNAUTHORIZED,
                            OAuthErrorException.INVALID_REQUEST,
                            null,
                            GrantError.MISSING_USERNAME));
            return;
        }
        if (Identifiers.isValidUsername(username.strip())) {
            // Brute-force detection counts failures by the attempted username, as for Keycloak's step.
            // An invalid one names no account and stays out of every lookup and event: the databases
            // refuse some of it (NUL).
            context.getEvent().detail(Details.USERNAME, username);
            context.getAuthenticationSession()
                    .setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, username);
        }
        try {
            Identified found = Identified.find(context.getSession(), context.getRealm(), username);
            String password = form.getFirst(CredentialRepresentation.PASSWORD);
            Verdict verdict = LoginGate.decide(found.subject(context), password, found.passwords(context, password));
            if (found.user() != null) {
                context.getEvent().user(found.user());
            }
            answer(context, found, verdict);
        } catch (AccountStoreUnavailableException e) {
            StoreOutage.directGrantChallenge(context, e);
        }
    }

    private static void answer(AuthenticationFlowContext context, Identified found, Verdict verdict) {
        UserModel user = found.user();
        switch (verdict) {
            case ALLOW, SECOND_FACTOR -> {
                // A second factor, once required, is the next step's to ask (direct-grant-validate-otp).
                context.getAuthenticationSession().setAuthNote(AuthenticationManager.PASSWORD_VALIDATED, "true");
                context.setUser(user);
                context.success(PasswordCredentialModel.TYPE);
            }
            case BANNED, TERMINATED -> {
                boolean banned = verdict == Verdict.BANNED;
                context.getEvent()
                        .detail("gatehouse_status", banned ? "banned" : "terminated")
                        .error(Errors.USER_DISABLED);
                String link = TroubleshootingLink.to(context, banned ? "account-banned" : "billing-terminated");
                context.forceChallenge(GrantError.invalidGrant(
                        context, user, banned ? GrantError.BANNED : GrantError.TERMINATED, link));
            }
            case DISABLED -> {
                context.getEvent().error(Errors.USER_DISABLED);
                context.forceChallenge(GrantError.invalidGrant(context, user, GrantError.DISABLED));
            }
            case UNCONFIRMED -> {
                // A challenge, not a failure: the password was right, brute-force detection must not count it.
                String email = user != null ? user.getEmail() : found.signup().email();
                context.getEvent().detail(Details.EMAIL, email).error(UnconfirmedPage.EVENT_ERROR);
                context.forceChallenge(GrantError.invalidGrant(context, user, GrantError.UNCONFIRMED, email));
            }
            case CENTRAL_LOGIN_REQUIRED -> {
                context.getEvent().error(PasswordStep.CENTRAL_EVENT_ERROR);
                context.failure(
                        AuthenticationFlowError.INVALID_CREDENTIALS,
                        GrantError.invalidGrant(
                                context,
                                user,
                                GrantError.CENTRAL_LOGIN,
                                CentralIdentity.of(context.getRealm()).alias()));
            }
            default -> refuse(context, found, verdict);
        }
    }

    /** Every refusal before the password was proven: one body, told apart only by the event. */
    private static void refuse(AuthenticationFlowContext context, Identified found, Verdict verdict) {
        context.getEvent()
                .error(
                        switch (verdict) {
                            case UNKNOWN -> Errors.USER_NOT_FOUND;
                            case LOCKED -> Errors.USER_TEMPORARILY_DISABLED;
                            default -> Errors.INVALID_USER_CREDENTIALS;
                        });
        if (verdict == Verdict.WRONG_PASSWORD) {
            found.failed(context);
        }
        Response error = GrantError.invalidCredentials(context);
        if (verdict.countsAsFailure()) {
            context.failure(AuthenticationFlowError.INVALID_USER, error);
        } else {
            context.forceChallenge(error);
        }
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
        return "Gatehouse direct grant";
    }

    @Override
    public String getHelpText() {
        return "Checks a direct grant's username and password against the Gatehouse account store and pending "
                + "signups: one password hash per attempt, the same error for every refusal, and the account's state "
                + "only once the password is proven; 503 while the store is down.";
    }
}
