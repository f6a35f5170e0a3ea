package dev.gatehouse.authenticators.broker;

import dev.gatehouse.spi.StatelessProviderFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * {@code gatehouse-link-guard}: a global event listener (every realm, whatever its event settings
 * name), so that no realm configuration can open a path that links central identities unchecked.
 */
public final class CentralLinkGuardFactory
        implements EventListenerProviderFactory, StatelessProviderFactory<EventListenerProvider> {

    public static final String PROVIDER_ID = "gatehouse-link-guard";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new CentralLinkGuard(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
