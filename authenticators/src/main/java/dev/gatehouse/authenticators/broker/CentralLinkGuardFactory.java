package dev.gatehouse.authenticators.broker;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * {@code gatehouse-link-guard}: a global event listener (every realm, whatever its event settings
 * name), so that no realm configuration can open a path that links central identities unchecked.
 */
public final class CentralLinkGuardFactory implements EventListenerProviderFactory {

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
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
