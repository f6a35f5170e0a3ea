package dev.gatehouse.authenticators;

import dev.gatehouse.storage.GatehouseAccounts;
import dev.gatehouse.store.AccountStoreUnavailableException;
import dev.gatehouse.store.Identifiers;
import dev.gatehouse.store.PendingSignup;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.keycloak.WebAuthnConstants;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.browser.WebAuthnConditionalUIAuthenticator;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.validation.Validation;

/**
 * {@code gatehouse-identifier}: asks for the username or e-mail alone, then sends linked accounts
 * to the central identity provider and everyone else, known or not, to the password step.
 */
final class IdentifierForm extends AbstractUsernameFormAuthenticator implements StatelessAuthenticator {

    static final String MISSING_IDENTIFIER = "gatehouse.identifierMissing";

    /** Auth note: id of the account the identifier matched, for the password step. */
    static final String IDENTIFIED_USER = "GATEHOUSE_IDENTIFIED_USER";

    /** Auth note: id of the pending signup the identifier matched when no account did. */
    static final String IDENTIFIED_SIGNUP = "GATEHOUSE_IDENTIFIED_SIGNUP";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        if (user != null) {
            // Re-authentication of a known session user: no identifier to ask for.
            route(context, user, null, user.getUsername());
            return;
        }
        MultivaluedMap<String, String> formData = new MultivaluedHashMap<>();
        String loginHint = context.getAuthenticationSession().getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        if (loginHint != null) {
            formData.add(AuthenticationManager.FORM_USERNAME, loginHint);
        }
        LoginFormsProvider form = context.form();
        offerForgotUsername(context);
        offerPasskeys(context);
        if (!formData.isEmpty()) {
            form.setFormData(formData);
        }
        context.challenge(form.createLoginUsername());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        if (formData.containsKey(WebAuthnConstants.AUTHENTICATOR_DATA)
                || formData.containsKey(WebAuthnConstants.ERROR)) {
            WebAuthnConditionalUIAuthenticator passkeys = passkeys(context);
            if (passkeys.isPasskeysEnabled()) {
                passkeys.action(context);
                return;
            }
        }
        String typed = formData.getFirst(AuthenticationManager.FORM_USERNAME);
        String identifier = typed == null ? "" : typed.strip();
        if (identifier.isEmpty()) {
            context.getEvent().error(Errors.USER_NOT_FOUND);
            context.forceChallenge(challenge(context, MISSING_IDENTIFIER, Validation.FIELD_USERNAME));
            return;
        }
        context.getEvent().detail(Details.USERNAME, identifier);
        var authSession = context.getAuthenticationSession();
        authSession.setAuthNote(ATTEMPTED_USERNAME, identifier);
        // The password step shows the identifier as typed, for known and unknown ones alike.
        authSession.setAuthNote(USERNAME_HIDDEN, "true");
        try {
            UserModel user = find(context.getSession(), context.getRealm(), identifier);
            UUID signup = user == null ? findSignup(context.getSession(), identifier) : null;
            route(context, user, signup, identifier);
        } catch (AccountStoreUnavailableException e) {
            StoreOutage.browserChallenge(context, e);
        }
    }

    /** A pending signup counts as found: its password step shows the unconfirmed page (SPEC P2.3). */
    private void route(AuthenticationFlowContext context, UserModel user, UUID signup, String identifier) {
        CentralIdentity central = CentralIdentity.of(context.getRealm());
        boolean linked = user != null && central.isLinked(context.getSession(), context.getRealm(), user);
        IdentifierFormConfig config = IdentifierFormConfig.of(context.getAuthenticatorConfig());
        switch (IdentifierRoute.of(user != null || signup != null, linked, config.unknownIdentifiers())) {
            case CENTRAL -> {
                String hint = user != null && user.getEmail() != null ? user.getEmail() : identifier;
                if (!CentralRedirect.redirect(context, central.alias(), hint)) {
                    toPassword(context, user, signup);
                }
            }
            case PASSWORD -> toPassword(context, user, signup);
            case PASSWORD_UNKNOWN -> toPassword(context, null, null);
        }
    }

    /**
     * The account goes to the password step as a note, not as the flow's user: Keycloak checks the
     * flow's user on every request and would show "account disabled" before any password.
     */
    private static void toPassword(AuthenticationFlowContext context, UserModel user, UUID signup) {
        context.clearUser();
        note(context, IDENTIFIED_USER, user == null ? null : user.getId());
        note(context, IDENTIFIED_SIGNUP, signup == null ? null : signup.toString());
        context.success();
    }

    private static void note(AuthenticationFlowContext context, String name, String value) {
        if (value == null) {
            context.getAuthenticationSession().removeAuthNote(name);
        } else {
            context.getAuthenticationSession().setAuthNote(name, value);
        }
    }

    private static UUID findSignup(KeycloakSession session, String identifier) {
        if (!Identifiers.isValidUsername(identifier)) {
            return null;
        }
        return GatehouseAccounts.pendingSignups(session)
                .findLiveByIdentifier(identifier)
                .map(PendingSignup::id)
                .orElse(null);
    }

    private static UserModel find(KeycloakSession session, RealmModel realm, String identifier) {
        if (!Identifiers.isValidUsername(identifier)) {
            return null;
        }
        try {
            return KeycloakModelUtils.findUserByNameOrEmail(session, realm, identifier);
        } catch (ModelDuplicateException ambiguous) {
            // An e-mail shared by several accounts resolves to none of them (SPEC P4.2).
            return null;
        }
    }

    @Override
    protected Response challenge(AuthenticationFlowContext context, String error, String field) {
        offerForgotUsername(context);
        offerPasskeys(context);
        return super.challenge(context, error, field);
    }

    /**
     * Passkey sign-in on the identifier page (SPEC P9.5), where the realm's passwordless policy
     * enables passkeys: Keycloak's conditional-mediation WebAuthn, whose assertion logs the account
     * in without an identifier or password.
     */
    private static WebAuthnConditionalUIAuthenticator passkeys(AuthenticationFlowContext context) {
        return new WebAuthnConditionalUIAuthenticator(context.getSession(), c -> {
            offerForgotUsername(c);
            return c.form().createLoginUsername();
        });
    }

    private static void offerPasskeys(AuthenticationFlowContext context) {
        WebAuthnConditionalUIAuthenticator passkeys = passkeys(context);
        if (passkeys.isPasskeysEnabled()) {
            passkeys.fillContextForm(context);
        }
    }

    /** The "Forgot username?" link of the identifier page (SPEC P4.3). */
    private static void offerForgotUsername(AuthenticationFlowContext context) {
        context.form()
                .setAttribute(
                        "forgotUsernameUrl",
                        context.getUriInfo()
                                .getBaseUriBuilder()
                                .path("realms")
                                .path(context.getRealm().getName())
                                .path("gatehouse/forgot-username")
                                .build()
                                .toString());
    }

    @Override
    protected Response createLoginForm(LoginFormsProvider form) {
        return form.createLoginUsername();
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
