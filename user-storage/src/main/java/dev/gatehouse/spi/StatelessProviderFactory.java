package dev.gatehouse.spi;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;

/**
 * A provider factory that holds metadata only (STYLE "Thin layers"): no configuration to read at
 * start, nothing to do after every factory started, nothing to release. Keycloak's
 * {@link ProviderFactory} declares these lifecycle methods abstract; this gives them once.
 */
public interface StatelessProviderFactory<T extends Provider> extends ProviderFactory<T> {

    @Override
    default void init(Config.Scope config) {}

    @Override
    default void postInit(KeycloakSessionFactory factory) {}

    @Override
    default void close() {}
}
