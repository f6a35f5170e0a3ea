package dev.gatehouse.authenticators.browser;

import dev.gatehouse.authenticators.StatelessAuthenticator;
import dev.gatehouse.authenticators.StoreOutage;
import dev.gatehouse.authenticators.TroubleshootingLink;
import dev.gatehouse.authenticators.gate.BlockedAccountPage;
import dev.gatehouse.authenticators.gate.Identified;
import dev.gatehouse.authenticators.gate.LoginGate;
import dev.gatehouse.authenticators.gate.LoginGate.Verdict;
import dev.gatehouse.authenticators.gate.UnconfirmedPage;
import dev.gatehouse.domain.AccountStatus;
import dev.gatehouse.store.AccountStoreUnavailableException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.validation.Validation;

/**
 * {@code gatehouse-password}: the password of what the identifier step found, through {@link
 * LoginGate}: one hash per attempt whatever was found, the same page for every refusal, and the
 * account's state (blocked, unconfirmed, central login) only once its password was proven.
 */
public final class PasswordStep extends AbstractUsernameFormAuthenticator implements StatelessAuthenticator {

    static final String CENTRAL_LOGIN_REQUIRED = "gatehouse.centralLoginRequired";
    public static final String CENTRAL_EVENT_ERROR = "gatehouse_central_login_required";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (PasskeyLogin.proven(context)) {
            context.success();
            return;
        }
        context.challenge(challenge(context, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        try {
            if (formData.containsKey(UnconfirmedPage.RESEND) && UnconfirmedPage.resend(context)) {
                return;
            }
            UnconfirmedPage.forget(context);
            Identified found = Identified.remembered(context);
            String password = formData.getFirst(CredentialRepresentation.PASSWORD);
            Verdict verdict = LoginGate.decide(found.subject(context), password, found.passwords(context, password));
            if (verdict.proven()) {
                proven(context, found, verdict);
            } else {
                refuse(context, found, verdict);
            }
        } catch (AccountStoreUnavailableException e) {
            StoreOutage.browserChallenge(context, e);
        }
    }

    private void proven(AuthenticationFlowContext context, Identified found, Verdict verdict) {
        switch (verdict) {
            case ALLOW, SECOND_FACTOR -> {
                context.getAuthenticationSession().setAuthNote(AuthenticationManager.PASSWORD_VALIDATED, "true");
                context.setUser(found.user());
                context.success(PasswordCredentialModel.TYPE);
            }
            case BANNED -> BlockedAccountPage.challenge(context, found.user(), AccountStatus.BANNED);
            case TERMINATED -> BlockedAccountPage.challenge(context, found.user(), AccountStatus.TERMINATED);
            // Keycloak's own answer to a disabled user: "Account is disabled".
            case DISABLED -> enabledUser(context, found.user());
            case UNCONFIRMED -> {
                if (found.signup() != null) {
                    UnconfirmedPage.forSignup(context, found.signup());
                } else {
                    UnconfirmedPage.forAccount(context, found.user());
                }
            }
            case CENTRAL_LOGIN_REQUIRED -> {
                // Reached only while the central provider is unavailable to the identifier step.
                context.getEvent().user(found.user()).error(CENTRAL_EVENT_ERROR);
                context.failureChallenge(
                        AuthenticationFlowError.INVALID_CREDENTIALS,
                        challenge(context, CENTRAL_LOGIN_REQUIRED, Validation.FIELD_PASSWORD));
            }
            default -> throw new IllegalStateException("Not a proven verdict: " + verdict);
        }
    }

    /** One page for every refusal; only the event and brute-force counting tell them apart. */
    private void refuse(AuthenticationFlowContext context, Identified found, Verdict verdict) {
        if (found.user() != null) {
            context.getEvent().user(found.user());
        }
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
        Response page = challenge(context, getDefaultChallengeMessage(context), Validation.FIELD_PASSWORD);
        if (verdict.countsAsFailure() && found.user() != null) {
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
        } else {
            // Keycloak's brute-force logging of a failure looks the attempted identifier up again: for
            // nobody (or a pending signup, which counts its own) that finds nothing to count, and costs a
            // second round trip to both databases that an account's attempt, cached, does not (SPEC S1).
            context.forceChallenge(page);
        }
    }

    /** Every re-rendered password page links to the troubleshooting section of its error (SPEC P3.3). */
    @Override
    protected Response challenge(AuthenticationFlowContext context, String error, String field) {
        context.form()
                .setAttribute(TroubleshootingLink.ATTRIBUTE, TroubleshootingLink.to(context, "invalid-credentials"));
        return super.challenge(context, error, field);
    }

    @Override
    protected Response createLoginForm(LoginFormsProvider form) {
        return form.createLoginPassword();
    }

    /** A locked-out account reads like a wrong password, which is all an unknown one can get (SPEC P3.2). */
    @Override
    protected String disabledByBruteForceError(String error) {
        return Messages.INVALID_USER;
    }

    @Override
    protected String disabledByBruteForceFieldError() {
        return Validation.FIELD_PASSWORD;
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
