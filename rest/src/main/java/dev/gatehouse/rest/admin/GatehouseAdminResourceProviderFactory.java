package dev.gatehouse.rest.admin;

import dev.gatehouse.domain.ApiKeyFormat;
import dev.gatehouse.rest.ApiKeyConfig;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

/** Registers {@code /admin/realms/{realm}/gatehouse}. */
public final class GatehouseAdminResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String ID = "gatehouse";

    private ApiKeyFormat format;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
        // One prefix setting for both sides: the realm resource provider's keyPrefix.
        format = ApiKeyConfig.fromServerConfig().format();
    }

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new GatehouseAdminResourceProvider(format);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
