package dev.gatehouse.rest.realm;

import dev.gatehouse.domain.ApiKeyFormat;
import dev.gatehouse.rest.ApiKeyConfig;
import dev.gatehouse.rest.ApiKeyConfigProperties;
import dev.gatehouse.support.RealmUrls;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers {@code /realms/{realm}/gatehouse}. */
public final class GatehouseRealmResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = RealmUrls.GATEHOUSE;

    private ApiKeyFormat format;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
        format = ApiKeyConfig.of(config).format();
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new GatehouseRealmResourceProvider(new GatehouseRealmResource(session, format));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ApiKeyConfigProperties.PROPERTIES;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
