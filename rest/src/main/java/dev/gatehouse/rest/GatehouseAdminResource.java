package dev.gatehouse.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.store.AccountRepository;
import dev.gatehouse.store.ApiKeyFormat;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.UUID;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/gatehouse}: the Gatehouse Admin API (SPEC "Admin API"). */
public final class GatehouseAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final ApiKeyFormat format;

    GatehouseAdminResource(
            KeycloakSession session,
            RealmModel realm,
            AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent,
            ApiKeyFormat format) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.format = format;
    }

    @GET
    @Path("accounts/{id}/api-keys")
    @Produces(MediaType.APPLICATION_JSON)
    public Response listKeys(@PathParam("id") String id) {
        return StoreGuard.call(() -> keys().list(account(id)));
    }

    @POST
    @Path("accounts/{id}/api-keys")
    @Produces(MediaType.APPLICATION_JSON)
    public Response createKey(@PathParam("id") String id, InputStream body) {
        return StoreGuard.call(() -> keys().create(account(id), body));
    }

    @DELETE
    @Path("accounts/{id}/api-keys/{keyId}")
    public Response revokeKey(@PathParam("id") String id, @PathParam("keyId") String keyId) {
        return StoreGuard.call(() -> {
            if (!keys().revoke(account(id), keyId)) {
                throw ErrorResponse.error("API key not found", Response.Status.NOT_FOUND);
            }
            return Response.noContent().build();
        });
    }

    /** Failed API-key checks of this realm by client IP, on this node since its start. */
    @GET
    @Path("api-key-checks/failures")
    @Produces(MediaType.APPLICATION_JSON)
    public Response failedChecks() {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("total", FailedChecks.instance().total(realm.getId()));
        ObjectNode byIp = json.putObject("byClientIp");
        FailedChecks.instance().snapshot(realm.getId()).forEach(byIp::put);
        return ApiKeyManagement.json(Response.Status.OK, json.toString());
    }

    private ApiKeyManagement keys() {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        return new ApiKeyManagement(session, format, adminEvent, "admin");
    }

    /** The account's id, once it is known to exist in the store; 404 otherwise. */
    private UUID account(String id) {
        UUID accountId;
        try {
            accountId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ErrorResponse.error("Account not found", Response.Status.NOT_FOUND);
        }
        if (new AccountRepository(Store.entityManager(session))
                .findById(accountId)
                .isEmpty()) {
            throw ErrorResponse.error("Account not found", Response.Status.NOT_FOUND);
        }
        return accountId;
    }
}
