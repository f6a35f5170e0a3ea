package dev.gatehouse.authenticators.browser;

import dev.gatehouse.authenticators.GatehouseAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** {@code gatehouse-second-factor-enrolment}: enrols store accounts when the realm requires a second factor. */
public final class SecondFactorEnrolmentFactory extends GatehouseAuthenticatorFactory {

    public static final String PROVIDER_ID = "gatehouse-second-factor-enrolment";

    private static final SecondFactorEnrolment SINGLETON = new SecondFactorEnrolment();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse second-factor enrolment";
    }

    @Override
    public String getHelpText() {
        return "When the gatehouse-accounts federation requires a second factor, has an unlinked account without one "
                + "set up TOTP and recovery codes before the login completes. Put it after the password step.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }
}
