package dev.gatehouse.authenticators.reset;

import dev.gatehouse.authenticators.GatehouseAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;

/** {@code gatehouse-reset-choose-user}: Keycloak's "choose user" of the reset flow, rate-limited. */
public final class ResetChooseUserFactory extends GatehouseAuthenticatorFactory {

    public static final String PROVIDER_ID = "gatehouse-reset-choose-user";

    private static final ResetChooseUser SINGLETON = new ResetChooseUser();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse choose user (rate-limited)";
    }

    @Override
    public String getHelpText() {
        return "Keycloak's choose-user step of the reset flow, refusing requests over the per-identifier and "
                + "per-IP limits before any lookup.";
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
