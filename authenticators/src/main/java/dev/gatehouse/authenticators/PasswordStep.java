package dev.gatehouse.authenticators;

import dev.gatehouse.authenticators.PasswordDecision.Candidate;
import dev.gatehouse.storage.AccountAttributes;
import dev.gatehouse.storage.GatehouseAccounts;
import dev.gatehouse.store.AccountPolicy;
import dev.gatehouse.store.AccountStatus;
import dev.gatehouse.store.AccountStoreUnavailableException;
import dev.gatehouse.store.PendingSignup;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.validation.Validation;

/**
 * {@code gatehouse-password}: the password of the account the identifier step found, checked
 * against the store; with no account, the same page fails the same way after a dummy hash. The
 * proven password of a pending signup or of an unconfirmed address gets {@link UnconfirmedPage}.
 */
final class PasswordStep extends AbstractUsernameFormAuthenticator implements StatelessAuthenticator {

    private static final AccountPolicy POLICY = new AccountPolicy();

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
            // Not the flow's user yet: Keycloak refuses a disabled flow user before any password is
            // checked. Brute-force detection counts failures by the attempted username.
            UserModel user = identified(context);
            PendingSignup signup = user == null ? identifiedSignup(context) : null;
            switch (PasswordDecision.decide(
                    user != null ? Candidate.ACCOUNT : signup != null ? Candidate.PENDING_SIGNUP : Candidate.NONE,
                    () -> user != null
                            ? validatePassword(context, user, formData, false)
                            : GatehouseAccounts.hasher(context.getRealm())
                                    .verify(
                                            formData.getFirst(CredentialRepresentation.PASSWORD),
                                            signup.passwordHash()),
                    () -> AuthenticatorUtils.dummyHash(context))) {
                case ACCEPTED -> {
                    // Only now, with the password proven, may the page tell that the account is blocked.
                    if (accountUsable(context, user)) {
                        context.setUser(user);
                        context.success(PasswordCredentialModel.TYPE);
                    }
                }
                case REJECTED -> {
                    // validatePassword has recorded the event and the failure challenge.
                }
                case UNCONFIRMED_SIGNUP -> UnconfirmedPage.forSignup(context, signup);
                case UNKNOWN_ACCOUNT -> rejectUnknown(context);
            }
        } catch (AccountStoreUnavailableException e) {
            StoreOutage.browserChallenge(context, e);
        }
    }

    /** Store accounts that the policy refuses get their own page; other disabled users Keycloak's. */
    private boolean accountUsable(AuthenticationFlowContext context, UserModel user) {
        String status = user.getFirstAttribute(AccountAttributes.EFFECTIVE_STATUS);
        if (status != null) {
            AccountStatus effective = AccountStatus.fromDb(status);
            if (!POLICY.login(effective).allowed()) {
                BlockedAccountPage.challenge(context, user, effective);
                return false;
            }
        }
        if (UnconfirmedGate.blocks(user)) {
            UnconfirmedPage.forAccount(context, user);
            return false;
        }
        return enabledUser(context, user);
    }

    private static UserModel identified(AuthenticationFlowContext context) {
        String id = context.getAuthenticationSession().getAuthNote(IdentifierForm.IDENTIFIED_USER);
        return id == null ? null : context.getSession().users().getUserById(context.getRealm(), id);
    }

    private static PendingSignup identifiedSignup(AuthenticationFlowContext context) {
        String id = context.getAuthenticationSession().getAuthNote(IdentifierForm.IDENTIFIED_SIGNUP);
        return id == null
                ? null
                : GatehouseAccounts.pendingSignups(context.getSession())
                        .findLive(UUID.fromString(id))
                        .orElse(null);
    }

    private void rejectUnknown(AuthenticationFlowContext context) {
        context.getEvent().error(Errors.USER_NOT_FOUND);
        Response page = challenge(context, getDefaultChallengeMessage(context), Validation.FIELD_PASSWORD);
        context.failureChallenge(AuthenticationFlowError.INVALID_USER, page);
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
