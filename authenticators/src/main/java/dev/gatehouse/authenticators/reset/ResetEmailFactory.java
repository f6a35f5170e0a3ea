package dev.gatehouse.authenticators.reset;

import dev.gatehouse.authenticators.GatehouseAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;

/** {@code gatehouse-reset-email}: the uniform "check your e-mail" step of the reset-credentials flow. */
public final class ResetEmailFactory extends GatehouseAuthenticatorFactory {

    public static final String PROVIDER_ID = "gatehouse-reset-email";

    private static final ResetEmail SINGLETON = new ResetEmail();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse reset e-mail";
    }

    @Override
    public String getHelpText() {
        return "Answers every identifier with the same \"check your e-mail\" page and sends, after the commit and "
                + "off the request thread, the central hand-off to linked accounts and Keycloak's reset link to "
                + "the others. Replaces Keycloak's reset-credential-email.";
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIRED_ONLY;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }
}
