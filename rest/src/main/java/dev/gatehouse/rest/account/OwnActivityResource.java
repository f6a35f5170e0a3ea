package dev.gatehouse.rest.account;

import dev.gatehouse.rest.StoreGuard;
import dev.gatehouse.rest.team.TeammateManagement;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/gatehouse/account/activity}: credential and team changes of every member
 * of the caller's account, newest first (SPEC P8.1), for its owner and {@code admin} teammates.
 */
public final class OwnActivityResource {

    private final KeycloakSession session;

    public OwnActivityResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response activity() {
        return StoreGuard.call(() -> {
            BearerCaller caller = BearerCaller.authenticate(session).requireTeamManagement();
            return new TeammateManagement(
                            session, caller.events(session), caller.account().username())
                    .activity(caller.role().teamId());
        });
    }
}
