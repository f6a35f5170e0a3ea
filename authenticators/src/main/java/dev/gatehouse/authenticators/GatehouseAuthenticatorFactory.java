package dev.gatehouse.authenticators;

import dev.gatehouse.spi.StatelessProviderFactory;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.provider.ProviderConfigProperty;

/** What every Gatehouse authenticator factory shares: metadata only, no state, no lifecycle work. */
public abstract class GatehouseAuthenticatorFactory
        implements AuthenticatorFactory, StatelessProviderFactory<Authenticator> {

    private static final Requirement[] REQUIREMENTS = {
        Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED
    };

    /** The requirement choices of a step its flow cannot do without. */
    protected static final Requirement[] REQUIRED_ONLY = {Requirement.REQUIRED};

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return !getConfigProperties().isEmpty();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }
}
