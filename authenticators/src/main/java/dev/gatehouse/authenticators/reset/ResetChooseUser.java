package dev.gatehouse.authenticators.reset;

import dev.gatehouse.authenticators.StatelessAuthenticator;
import dev.gatehouse.authenticators.gate.Identification;
import dev.gatehouse.domain.Identifiers;
import dev.gatehouse.support.RealmAttributes;
import dev.gatehouse.support.RequestLimits;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.resetcred.ResetCredentialChooseUser;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code gatehouse-reset-choose-user}: Keycloak's "choose user" of the reset-credentials flow
 * behind the limits of "Forgot password?" (SPEC S3), checked before Keycloak looks the identifier
 * up or records an event, so that a refused request stores nothing. Realm attributes
 * {@code gatehouseForgotPasswordLimit} (per identifier as typed, default 5),
 * {@code gatehouseForgotPasswordIpLimit} (per client IP, default 30) and
 * {@code gatehouseForgotPasswordWindowSeconds} (default 3600) set them. The identifier is counted
 * as typed, not as the account it names, so the count says nothing about accounts.
 */
final class ResetChooseUser implements StatelessAuthenticator {

    static final String TOO_MANY = "gatehouse.resetTooMany";

    /** Auth note: id of the user the identifier named, for the e-mail step; absent for nobody. */
    static final String CHOSEN_USER = "GATEHOUSE_RESET_USER";

    private final ResetCredentialChooseUser keycloak = new ResetCredentialChooseUser();

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        keycloak.authenticate(context);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        String typed = context.getHttpRequest().getDecodedFormParameters().getFirst("username");
        if (typed == null || typed.isBlank()) {
            // Keycloak's own "missing username" answer.
            keycloak.action(context);
            return;
        }
        String identifier = typed.strip();
        if (!new RequestLimits(context.getSession(), context.getRealm(), RealmAttributes.FORGOT_PASSWORD_LIMITS)
                .allow(Identifiers.key(identifier), RequestLimits.clientIp(context.getSession()))) {
            context.forceChallenge(context.form()
                    .setStatus(Response.Status.TOO_MANY_REQUESTS)
                    .setError(TOO_MANY)
                    .createPasswordReset());
            return;
        }
        choose(context, identifier);
    }

    /**
     * Keycloak's choice of the user, with the reads of the login's identifier step, the same for
     * every identifier ({@link Identification}): the account is only named here, by id, and the
     * e-mail step's queued job loads it when it sends (SPEC S1). Keycloak's own step loaded it into
     * the user cache at once, which an unknown identifier cannot match.
     */
    private static void choose(AuthenticationFlowContext context, String identifier) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, identifier);
        String userId = Identification.of(context.getSession(), context.getRealm(), identifier)
                .userId();
        context.clearUser();
        if (userId == null) {
            authSession.removeAuthNote(CHOSEN_USER);
            // In the request's transaction, as an account's SEND_RESET_PASSWORD is: Keycloak stores an
            // error event in a transaction of its own unless told otherwise, which cost nobody's
            // identifier one more database transaction than an account's (SPEC S1).
            context.getEvent()
                    .clone()
                    .detail(Details.USERNAME, identifier)
                    .storeImmediately(false)
                    .error(Errors.USER_NOT_FOUND);
        } else {
            authSession.setAuthNote(CHOSEN_USER, userId);
        }
        context.success();
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
