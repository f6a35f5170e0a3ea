package dev.gatehouse.rest.realm;

import org.keycloak.services.resource.RealmResourceProvider;

final class GatehouseRealmResourceProvider implements RealmResourceProvider {

    private final GatehouseRealmResource resource;

    GatehouseRealmResourceProvider(GatehouseRealmResource resource) {
        this.resource = resource;
    }

    @Override
    public Object getResource() {
        return resource;
    }

    @Override
    public void close() {}
}
