package dev.gatehouse.rest.admin;

import dev.gatehouse.domain.ApiKeyFormat;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

final class GatehouseAdminResourceProvider implements AdminRealmResourceProvider {

    private final ApiKeyFormat format;

    GatehouseAdminResourceProvider(ApiKeyFormat format) {
        this.format = format;
    }

    @Override
    public Object getResource(
            KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new GatehouseAdminResource(session, realm, auth, adminEvent, format);
    }

    @Override
    public void close() {}
}
