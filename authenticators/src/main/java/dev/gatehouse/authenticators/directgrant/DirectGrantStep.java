package dev.gatehouse.authenticators.directgrant;

import dev.gatehouse.authenticators.StatelessAuthenticator;
import java.util.List;
import org.keycloak.authentication.authenticators.directgrant.AbstractDirectGrantAuthenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.provider.ProviderConfigProperty;

/** A Gatehouse direct-grant step, its own factory like Keycloak's: required or disabled, nothing to configure. */
abstract class DirectGrantStep extends AbstractDirectGrantAuthenticator implements StatelessAuthenticator {

    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.DISABLED};

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
