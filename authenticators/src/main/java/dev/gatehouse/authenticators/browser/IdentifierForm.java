package dev.gatehouse.authenticators.browser;

import dev.gatehouse.authenticators.CentralIdentity;
import dev.gatehouse.authenticators.StatelessAuthenticator;
import dev.gatehouse.authenticators.StoreOutage;
import dev.gatehouse.authenticators.gate.Identification;
import dev.gatehouse.authenticators.gate.Identified;
import dev.gatehouse.store.AccountStoreUnavailableException;
import dev.gatehouse.support.RealmUrls;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.function.Consumer;
import org.keycloak.WebAuthnConstants;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.browser.WebAuthnConditionalUIAuthenticator;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.validation.Validation;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code gatehouse-identifier}: asks for the username or e-mail alone, then sends linked accounts
 * to the central identity provider and everyone else, known or not, to the password step.
 */
final class IdentifierForm extends AbstractUsernameFormAuthenticator implements StatelessAuthenticator {

    static final String MISSING_IDENTIFIER = "gatehouse.identifierMissing";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        if (user != null) {
            // Re-authentication of a known session user: no identifier to ask for.
            Identified reauthenticating = new Identified(user, null);
            route(
                    context,
                    true,
                    reauthenticating.linked(context.getSession(), context.getRealm()),
                    user.getUsername(),
                    reauthenticating::remember);
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
            Identification found = Identification.of(context.getSession(), context.getRealm(), identifier);
            route(context, found.found(), found.linked(), identifier, found::remember);
        } catch (AccountStoreUnavailableException e) {
            StoreOutage.browserChallenge(context, e);
        }
    }

    /** A pending signup counts as found: its password step shows the unconfirmed page (SPEC P2.3). */
    private void route(
            AuthenticationFlowContext context,
            boolean known,
            boolean linked,
            String identifier,
            Consumer<AuthenticationSessionModel> remember) {
        IdentifierFormConfig config = IdentifierFormConfig.of(context.getAuthenticatorConfig());
        switch (IdentifierRoute.of(known, linked, config.unknownIdentifiers())) {
            case CENTRAL -> {
                String alias = CentralIdentity.of(context.getRealm()).alias();
                if (!CentralRedirect.redirect(context, alias, CentralRedirect.loginHint(identifier))) {
                    toPassword(context, remember);
                }
            }
            case PASSWORD -> toPassword(context, remember);
            case PASSWORD_UNKNOWN -> toPassword(context, Identified.NOBODY::remember);
        }
    }

    /**
     * What was found goes to the password step as notes, not as the flow's user: Keycloak checks the
     * flow's user on every request and would show "account disabled" before any password.
     */
    private static void toPassword(AuthenticationFlowContext context, Consumer<AuthenticationSessionModel> remember) {
        context.clearUser();
        remember.accept(context.getAuthenticationSession());
        context.success();
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
                        RealmUrls.gatehouse(context.getSession(), context.getRealm(), "forgot-username")
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
