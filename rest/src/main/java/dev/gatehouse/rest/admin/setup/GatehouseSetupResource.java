package dev.gatehouse.rest.admin.setup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.federation.GatehouseAccounts;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/gatehouse/setup} (issue 18): {@code GET} what setup would need and
 * its switches, {@code POST} applies Gatehouse to the realm, {@code DELETE} takes it out again;
 * both take {@code ?dryRun=true} to list the changes without making them. Realm administrators only.
 */
public final class GatehouseSetupResource {

    static final int MAX_BODY_BYTES = 16 * 1024;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public GatehouseSetupResource(
            KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    /** Whether setup ran, the bindings as they are, and the opt-in switches with their consequences. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        auth.realm().requireManageRealm();
        ObjectNode json = SetupState.mapper().createObjectNode();
        json.put("installed", SetupState.of(realm).installed());
        json.put("templateVersion", SetupTemplate.get().version());
        json.put(
                "component",
                GatehouseAccounts.component(realm).map(c -> c.getId()).orElse(null));
        json.put("stableComponentId", RealmSetup.componentId(realm.getName()));
        ObjectNode bindings = json.putObject("bindings");
        RealmSetup.bindings(realm).forEach(bindings::put);
        ArrayNode switches = json.putArray("switches");
        for (SetupSwitch setting : SetupSwitch.values()) {
            switches.addObject()
                    .put("name", setting.key())
                    .put("label", setting.label())
                    .put("consequence", setting.consequence());
        }
        json.put(
                "pendingChanges",
                new RealmSetup(session, realm)
                        .install(SetupRequest.parse(null))
                        .changes()
                        .size());
        return ok(json);
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response install(@QueryParam("dryRun") boolean dryRun, InputStream body) {
        auth.realm().requireManageRealm();
        SetupRequest request;
        try {
            request = SetupRequest.parse(read(body));
            request.centralAlias().ifPresent(alias -> CentralSetup.check(session, alias));
        } catch (SetupRequest.Invalid e) {
            throw ErrorResponse.error(e.getMessage(), Response.Status.BAD_REQUEST);
        }
        Plan plan = new RealmSetup(session, realm).install(request);
        return answer(dryRun, plan, OperationType.CREATE);
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response uninstall(@QueryParam("dryRun") boolean dryRun) {
        auth.realm().requireManageRealm();
        return answer(dryRun, new RealmSetup(session, realm).uninstall(), OperationType.DELETE);
    }

    private Response answer(boolean dryRun, Plan plan, OperationType operation) {
        List<Change> changes;
        if (dryRun) {
            changes = plan.changes();
        } else {
            try {
                changes = plan.apply();
            } catch (ComponentValidationException e) {
                // The request's transaction rolls back: nothing of this run stays.
                throw ErrorResponse.error(e.getMessage(), Response.Status.BAD_REQUEST);
            }
        }
        ObjectNode json = RealmSetup.changesJson(dryRun, changes);
        if (!dryRun && !changes.isEmpty()) {
            adminEvent
                    .operation(operation)
                    .resource(ResourceType.REALM)
                    .resourcePath(session.getContext().getUri())
                    .representation(json)
                    .success();
        }
        return ok(json);
    }

    private static String read(InputStream in) {
        if (in == null) {
            return null;
        }
        try {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw ErrorResponse.error(
                        "The request body is larger than " + MAX_BODY_BYTES + " bytes",
                        Response.Status.REQUEST_ENTITY_TOO_LARGE);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ErrorResponse.error("The request body could not be read", Response.Status.BAD_REQUEST);
        }
    }

    private static Response ok(ObjectNode json) {
        return Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .build();
    }
}
