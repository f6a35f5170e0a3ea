package dev.gatehouse.rest;

import dev.gatehouse.storage.GatehouseAccounts;
import jakarta.persistence.EntityManager;
import org.keycloak.models.KeycloakSession;

/** The account store's entity manager for this request. */
final class Store {

    private Store() {}

    static EntityManager entityManager(KeycloakSession session) {
        return GatehouseAccounts.entityManager(session);
    }
}
