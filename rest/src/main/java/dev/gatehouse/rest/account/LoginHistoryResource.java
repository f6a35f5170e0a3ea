package dev.gatehouse.rest.account;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.rest.JsonResponses;
import dev.gatehouse.rest.StoreGuard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.keycloak.events.Event;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ErrorResponse;

/**
 * {@code /realms/{realm}/gatehouse/account/login-history}: the caller's last {@value #MAX_LISTED}
 * logins and failed attempts from Keycloak's event store (SPEC P8.2), newest first, with the
 * caller's bearer token. Only the caller's own: naming any other user in {@code userId} is 403.
 */
public final class LoginHistoryResource {

    static final int MAX_LISTED = 100;

    private final KeycloakSession session;

    public LoginHistoryResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response history(@QueryParam("userId") String userId) {
        return StoreGuard.call(() -> {
            BearerCaller caller = BearerCaller.authenticate(session);
            String own = caller.auth().user().getId();
            if (userId != null && !userId.equals(own)) {
                throw ErrorResponse.error("Only your own login history can be read", Response.Status.FORBIDDEN);
            }
            ArrayNode json = JsonNodeFactory.instance.arrayNode();
            logins(session, own).forEach(event -> json.add(row(event)));
            return JsonResponses.ok(json);
        });
    }

    /** The user's last {@value #MAX_LISTED} LOGIN and LOGIN_ERROR events in the realm, newest first. */
    public static List<Event> logins(KeycloakSession session, String userId) {
        return session.getProvider(EventStoreProvider.class)
                .createQuery()
                .realm(session.getContext().getRealm().getId())
                .user(userId)
                .type(EventType.LOGIN, EventType.LOGIN_ERROR)
                .orderByDescTime()
                .maxResults(MAX_LISTED)
                .getResultStream()
                .toList();
    }

    public static boolean succeeded(Event event) {
        return event.getType() == EventType.LOGIN;
    }

    private static ObjectNode row(Event event) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("time", Instant.ofEpochMilli(event.getTime()).toString());
        row.put("ipAddress", event.getIpAddress());
        row.put("client", event.getClientId());
        row.put("result", succeeded(event) ? "success" : "failure");
        row.put("error", event.getError());
        return row;
    }
}
