package dev.gatehouse.rest.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.domain.Account;
import dev.gatehouse.domain.ApiKeyFormat;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.rest.JsonResponses;
import dev.gatehouse.rest.StoreGuard;
import dev.gatehouse.rest.admin.setup.GatehouseSetupResource;
import dev.gatehouse.rest.keys.ApiKeyManagement;
import dev.gatehouse.rest.legacy.FailedChecks;
import dev.gatehouse.rest.team.TeammateManagement;
import dev.gatehouse.store.AccountSearch;
import dev.gatehouse.store.IdentifierCollisionRepository;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/gatehouse}: the Gatehouse Admin API (SPEC "Admin API"). */
public final class GatehouseAdminResource {

    private static final int MAX_FOUND = 100;
    private static final int MAX_COLLISION_ROWS = 1000;

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
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        return StoreGuard.call(() -> keys().list(account(id)));
    }

    @POST
    @Path("accounts/{id}/api-keys")
    @Produces(MediaType.APPLICATION_JSON)
    public Response createKey(@PathParam("id") String id, InputStream body) {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        return StoreGuard.call(() -> keys().create(account(id), body));
    }

    @DELETE
    @Path("accounts/{id}/api-keys/{keyId}")
    public Response revokeKey(@PathParam("id") String id, @PathParam("keyId") String keyId) {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        return StoreGuard.call(() -> {
            if (!keys().revoke(account(id), keyId)) {
                throw ErrorResponse.error("API key not found", Response.Status.NOT_FOUND);
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("accounts/{id}/teammates")
    @Produces(MediaType.APPLICATION_JSON)
    public Response listTeammates(@PathParam("id") String id) {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        return StoreGuard.call(() -> teammates().list(account(id)));
    }

    /** Invites an address to the account as a teammate (SPEC P8.1), as its owner could. */
    @POST
    @Path("accounts/{id}/teammates")
    @Produces(MediaType.APPLICATION_JSON)
    public Response inviteTeammate(@PathParam("id") String id, InputStream body) {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        return StoreGuard.call(() -> {
            TeammateManagement teammates = teammates();
            Account team =
                    GatehouseAccounts.repository(session).findById(account(id)).orElseThrow();
            if (team.teamId() != null) {
                throw ErrorResponse.error(
                        "The account is a teammate of " + team.teamId() + ": invite to that account",
                        Response.Status.CONFLICT);
            }
            return teammates.invite(team, body);
        });
    }

    @PUT
    @Path("accounts/{id}/teammates/{teammateId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response changeTeammate(
            @PathParam("id") String id, @PathParam("teammateId") String teammateId, InputStream body) {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        return StoreGuard.call(() -> teammates()
                .changeLevel(account(id), teammateId, body)
                .orElseThrow(() -> ErrorResponse.error("Teammate not found", Response.Status.NOT_FOUND)));
    }

    @DELETE
    @Path("accounts/{id}/teammates/{teammateId}")
    public Response removeTeammate(@PathParam("id") String id, @PathParam("teammateId") String teammateId) {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        return StoreGuard.call(() -> {
            if (!teammates().remove(account(id), teammateId)) {
                throw ErrorResponse.error("Teammate not found", Response.Status.NOT_FOUND);
            }
            return Response.noContent().build();
        });
    }

    /** The account's activity: credential and team changes of every member, newest first. */
    @GET
    @Path("accounts/{id}/activity")
    @Produces(MediaType.APPLICATION_JSON)
    public Response activity(@PathParam("id") String id) {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        return StoreGuard.call(() -> teammates().activity(account(id)));
    }

    /** One account, with the second-factor credential types it holds (SPEC P9.4). */
    @GET
    @Path("accounts/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response getAccount(@PathParam("id") String id) {
        AdminAccess.requireAny(auth, realm, AdminAccess.SUPPORT_ROLE, AdminAccess.TRUST_SAFETY_ROLE);
        return StoreGuard.call(() -> {
            Account account =
                    GatehouseAccounts.repository(session).findById(account(id)).orElseThrow();
            return JsonResponses.json(
                    Response.Status.OK, secondFactors().describe(account).toString());
        });
    }

    /** Removes the account's second factors, for someone who lost theirs (SPEC P9.4); 404 when it has none. */
    @DELETE
    @Path("accounts/{id}/two-factor")
    public Response removeSecondFactor(@PathParam("id") String id) {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        return StoreGuard.call(() -> {
            if (!secondFactors().remove(account(id))) {
                throw ErrorResponse.error("The account has no second factor", Response.Status.NOT_FOUND);
            }
            return Response.noContent().build();
        });
    }

    /** Accounts by exact username or e-mail, with their own and effective status. */
    @GET
    @Path("accounts")
    @Produces(MediaType.APPLICATION_JSON)
    public Response findAccounts(@QueryParam("username") String username, @QueryParam("email") String email) {
        AdminAccess.requireAny(auth, realm, AdminAccess.SUPPORT_ROLE, AdminAccess.TRUST_SAFETY_ROLE);
        if ((username == null) == (email == null)) {
            throw ErrorResponse.error("Give exactly one of username and email", Response.Status.BAD_REQUEST);
        }
        Map<String, String> params = username != null
                ? Map.of(UserModel.USERNAME, username, UserModel.EXACT, "true")
                : Map.of(UserModel.EMAIL, email, UserModel.EXACT, "true");
        return StoreGuard.call(() -> {
            List<Account> accounts = AccountSearch.from(params)
                    .map(search -> GatehouseAccounts.repository(session).search(search, 0, MAX_FOUND))
                    .orElse(List.of());
            return JsonResponses.json(
                    Response.Status.OK, AccountStatusManagement.list(accounts).toString());
        });
    }

    /** Bans the account and its sub-users (SPEC P7). */
    @POST
    @Path("accounts/{id}/ban")
    @Produces(MediaType.APPLICATION_JSON)
    public Response ban(@PathParam("id") String id, InputStream body) {
        AdminAccess.require(auth, realm, AdminAccess.TRUST_SAFETY_ROLE);
        return StoreGuard.call(() -> status().ban(account(id), body));
    }

    /**
     * Status changes whose sessions are not all ended yet (SPEC S5): the revocation outbox, retried
     * until Keycloak has ended them; empty when every revocation has happened.
     */
    @GET
    @Path("revocations")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revocations() {
        AdminAccess.requireAny(auth, realm, AdminAccess.SUPPORT_ROLE, AdminAccess.TRUST_SAFETY_ROLE);
        return StoreGuard.call(() -> JsonResponses.json(
                Response.Status.OK,
                AccountStatusManagement.pending(GatehouseAccounts.revocations(session, MAX_FOUND))
                        .toString()));
    }

    /** Terminates a top-level account by hand (SPEC P6). */
    @POST
    @Path("accounts/{id}/terminate")
    @Produces(MediaType.APPLICATION_JSON)
    public Response terminate(@PathParam("id") String id, InputStream body) {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        return StoreGuard.call(() -> status().terminate(account(id), body));
    }

    /** Reinstates a terminated account once nothing from before this month is unpaid (SPEC P6.4). */
    @POST
    @Path("accounts/{id}/reinstate")
    @Produces(MediaType.APPLICATION_JSON)
    public Response reinstate(@PathParam("id") String id) {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        return StoreGuard.call(() -> status().reinstate(account(id)));
    }

    /** Who the billing sweep would terminate on a date (SPEC P6.5). */
    @GET
    @Path("billing/termination-preview")
    @Produces(MediaType.APPLICATION_JSON)
    public Response terminationPreview(@QueryParam("date") String date) {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        LocalDate billingDate = BillingManagement.date(date);
        return StoreGuard.call(() -> new BillingManagement(session).preview(billingDate));
    }

    /** Runs the daily billing job now, for a date (SPEC "Admin API"). */
    @POST
    @Path("billing/sweep")
    @Produces(MediaType.APPLICATION_JSON)
    public Response sweep(@QueryParam("date") String date) {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        LocalDate billingDate = BillingManagement.date(date);
        return StoreGuard.call(() -> new BillingManagement(session).sweep(billingDate));
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
        return JsonResponses.ok(json);
    }

    /**
     * Purges the expired pending signups now, as the scheduled task does every interval; answers
     * {@code {"purged": <signups deleted>}}.
     */
    @POST
    @Path("signups/purge")
    @Produces(MediaType.APPLICATION_JSON)
    public Response purgeSignups() {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        return StoreGuard.call(() -> {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("purged", GatehouseAccounts.pendingSignups(session).purgeExpired());
            return JsonResponses.ok(json);
        });
    }

    /**
     * Identifiers that collide (SPEC P4.2): what the store's re-keying found, and did, when the
     * Flyway migration V7 moved the keys to {@code NFKC_Casefold}; one entry per key.
     */
    @GET
    @Path("identifier-collisions")
    @Produces(MediaType.APPLICATION_JSON)
    public Response identifierCollisions(@QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        AdminAccess.require(auth, realm, AdminAccess.SUPPORT_ROLE);
        int from = first == null ? 0 : first;
        int limit = max == null ? MAX_COLLISION_ROWS : max;
        if (from < 0 || limit < 0 || limit > MAX_COLLISION_ROWS) {
            throw ErrorResponse.error(
                    "first must be 0 or more, max between 0 and " + MAX_COLLISION_ROWS, Response.Status.BAD_REQUEST);
        }
        return StoreGuard.call(() -> JsonResponses.json(
                Response.Status.OK,
                IdentifierCollisions.json(
                                new IdentifierCollisionRepository(GatehouseAccounts.store(session)).list(from, limit))
                        .toString()));
    }

    /** Applies Gatehouse to this realm, or takes it out again (issue 18): realm administrators only. */
    @Path("setup")
    public GatehouseSetupResource setup() {
        return new GatehouseSetupResource(session, realm, auth, adminEvent);
    }

    private AccountStatusManagement status() {
        return new AccountStatusManagement(session, realm, adminEvent, AdminAccess.actor(auth));
    }

    private ApiKeyManagement keys() {
        return new ApiKeyManagement(session, format, adminEvent, "admin", AdminAccess.actor(auth));
    }

    private SecondFactorManagement secondFactors() {
        return new SecondFactorManagement(session, realm, adminEvent, AdminAccess.actor(auth));
    }

    private TeammateManagement teammates() {
        return new TeammateManagement(session, adminEvent, AdminAccess.actor(auth));
    }

    /** The account's id, once it is known to exist in the store; 404 otherwise. */
    private UUID account(String id) {
        UUID accountId;
        try {
            accountId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ErrorResponse.error("Account not found", Response.Status.NOT_FOUND);
        }
        if (GatehouseAccounts.repository(session).findById(accountId).isEmpty()) {
            throw ErrorResponse.error("Account not found", Response.Status.NOT_FOUND);
        }
        return accountId;
    }
}
