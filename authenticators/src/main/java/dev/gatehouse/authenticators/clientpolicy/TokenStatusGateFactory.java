package dev.gatehouse.authenticators.clientpolicy;

import dev.gatehouse.spi.StatelessProviderFactory;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/**
 * The {@value #PROVIDER_ID} client-policy executor ({@link TokenStatusGate}); the realm export's
 * {@code gatehouse} profile applies it to every client.
 */
public final class TokenStatusGateFactory
        implements ClientPolicyExecutorProviderFactory, StatelessProviderFactory<ClientPolicyExecutorProvider> {

    public static final String PROVIDER_ID = "gatehouse-account-status";

    @Override
    public ClientPolicyExecutorProvider<?> create(KeycloakSession session) {
        return new TokenStatusGate(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Refuses tokens and user info for Gatehouse accounts that are banned or terminated, reading their"
                + " status from the account store as the token is issued, refreshed or used.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
