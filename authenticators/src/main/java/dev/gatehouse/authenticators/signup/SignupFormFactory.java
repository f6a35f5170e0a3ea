package dev.gatehouse.authenticators.signup;

import dev.gatehouse.authenticators.GatehouseAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;

/**
 * {@code gatehouse-signup}: the registration flow's page, creating pending signups (the purge of
 * expired ones is one of the scheduled jobs, {@code dev.gatehouse.jobs}).
 */
public final class SignupFormFactory extends GatehouseAuthenticatorFactory {

    public static final String PROVIDER_ID = "gatehouse-signup";

    private static final SignupForm SINGLETON = new SignupForm();
    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.DISABLED};

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse signup";
    }

    @Override
    public String getHelpText() {
        return "Signup form: creates a pending signup in the account store and sends a confirmation link; the "
                + "account exists only once the link is followed.";
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }
}
