package dev.gatehouse.rest.account;

import dev.gatehouse.domain.ApiKeyFormat;
import dev.gatehouse.rest.StoreGuard;
import dev.gatehouse.rest.keys.ApiKeyManagement;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ErrorResponse;

/**
 * {@code /realms/{realm}/gatehouse/account/api-keys}: an account's own keys, authenticated with
 * the owner's access token, which must be meant for it (see {@link BearerCaller#authenticateForKeys}).
 * Any key id that is not one of the caller's answers 403, whether it
 * belongs to another account or to none, so the endpoint reveals nothing about other keys.
 */
public final class OwnApiKeysResource {

    private final KeycloakSession session;
    private final ApiKeyFormat format;

    public OwnApiKeysResource(KeycloakSession session, ApiKeyFormat format) {
        this.session = session;
        this.format = format;
    }

    @GET
    @Path("api-keys")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        return StoreGuard.call(() -> {
            BearerCaller owner = BearerCaller.authenticateForKeys(session);
            return management(owner).list(owner.accountId());
        });
    }

    @POST
    @Path("api-keys")
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        return StoreGuard.call(() -> {
            BearerCaller owner = BearerCaller.authenticateForKeys(session);
            return management(owner).create(owner.accountId(), body);
        });
    }

    @DELETE
    @Path("api-keys/{keyId}")
    public Response revoke(@PathParam("keyId") String keyId) {
        return StoreGuard.call(() -> {
            BearerCaller owner = BearerCaller.authenticateForKeys(session);
            if (!management(owner).revoke(owner.accountId(), keyId)) {
                throw ErrorResponse.error("Not one of your API keys", Response.Status.FORBIDDEN);
            }
            return Response.noContent().build();
        });
    }

    private ApiKeyManagement management(BearerCaller owner) {
        return new ApiKeyManagement(
                session, format, owner.events(session), "owner", owner.account().username());
    }
}
