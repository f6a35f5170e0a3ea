package dev.gatehouse.authenticators.browser;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.models.credential.WebAuthnCredentialModel;

/** Whether this login's account was proven by a passkey on the identifier page (SPEC P9.5): no password then. */
final class PasskeyLogin {

    private PasskeyLogin() {}

    static boolean proven(AuthenticationFlowContext context) {
        return context.getUser() != null
                && AuthenticatorUtil.getAuthnCredentials(context.getAuthenticationSession())
                        .contains(WebAuthnCredentialModel.TYPE_PASSWORDLESS);
    }
}
