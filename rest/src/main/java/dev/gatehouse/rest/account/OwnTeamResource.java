package dev.gatehouse.rest.account;

import dev.gatehouse.domain.Account;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.rest.StoreGuard;
import dev.gatehouse.rest.team.TeammateManagement;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ErrorResponse;

/**
 * {@code /realms/{realm}/gatehouse/account/teammates}: the team of the account the caller acts for
 * (its own, or the one it is a teammate of), with the caller's bearer token (SPEC P8.1). Every
 * member lists the teammates; the owner and {@code admin} teammates invite, change levels and
 * remove, anyone else gets 403. A teammate id that is not one of the account's answers 403 too,
 * whether it exists elsewhere or not.
 */
public final class OwnTeamResource {

    private final KeycloakSession session;

    public OwnTeamResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        return StoreGuard.call(() -> {
            BearerCaller caller = BearerCaller.authenticate(session);
            return management(caller).list(caller.role().teamId());
        });
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response invite(InputStream body) {
        return StoreGuard.call(() -> {
            BearerCaller caller = BearerCaller.authenticate(session).requireTeamManagement();
            Account team = caller.role().teamId().equals(caller.accountId())
                    ? caller.account()
                    : GatehouseAccounts.repository(session)
                            .findById(caller.role().teamId())
                            .orElseThrow();
            return management(caller).invite(team, body);
        });
    }

    @PUT
    @Path("{teammateId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response changeLevel(@PathParam("teammateId") String teammateId, InputStream body) {
        return StoreGuard.call(() -> {
            BearerCaller caller = BearerCaller.authenticate(session).requireTeamManagement();
            return management(caller)
                    .changeLevel(caller.role().teamId(), teammateId, body)
                    .orElseThrow(OwnTeamResource::notYours);
        });
    }

    @DELETE
    @Path("{teammateId}")
    public Response remove(@PathParam("teammateId") String teammateId) {
        return StoreGuard.call(() -> {
            BearerCaller caller = BearerCaller.authenticate(session).requireTeamManagement();
            if (!management(caller).remove(caller.role().teamId(), teammateId)) {
                throw notYours();
            }
            return Response.noContent().build();
        });
    }

    private TeammateManagement management(BearerCaller caller) {
        return new TeammateManagement(
                session, caller.events(session), caller.account().username());
    }

    private static RuntimeException notYours() {
        return ErrorResponse.error("Not one of your account's teammates", Response.Status.FORBIDDEN);
    }
}
