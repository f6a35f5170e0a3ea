package dev.gatehouse.rest;

import dev.gatehouse.storage.AccountsStorageProviderFactory;
import dev.gatehouse.store.AccountStoreUnavailableException;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** The account store's entity manager for this request. */
final class Store {

    private Store() {}

    static EntityManager entityManager(KeycloakSession session) {
        JpaConnectionProvider connection =
                session.getProvider(JpaConnectionProvider.class, AccountsStorageProviderFactory.DATASOURCE);
        if (connection == null) {
            throw new AccountStoreUnavailableException(new IllegalStateException(
                    "Keycloak datasource '" + AccountsStorageProviderFactory.DATASOURCE + "' is not configured"));
        }
        return connection.getEntityManager();
    }
}
