package dev.gatehouse.rest.team;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.domain.Account;
import dev.gatehouse.domain.Activity;
import dev.gatehouse.domain.Teammate;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.rest.JsonResponses;
import dev.gatehouse.rest.RequestBody;
import dev.gatehouse.rest.keys.ApiKeyManagement;
import dev.gatehouse.store.ActivityRepository;
import dev.gatehouse.store.TeammateRepository;
import dev.gatehouse.support.RealmAttributes;
import dev.gatehouse.support.RequestLimits;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Invite, list, change and remove one account's teammates, and read its activity, for the owner's
 * endpoints and the Admin API alike: the caller has checked who may. Every change is an activity
 * entry and a Keycloak admin event (resource type CUSTOM, path
 * {@code gatehouse/accounts/<id>/teammates/<teammate id>}); a change to a member drops its cached
 * user, so its next token refresh reads the new level from the store.
 */
public final class TeammateManagement {

    static final String INVITED = "teammate_invited";
    static final String JOINED = "teammate_joined";
    static final String LEVEL_CHANGED = "teammate_level_changed";
    static final String REMOVED = "teammate_removed";

    /**
     * Invitations e-mail an address of the inviter's choosing: realm attributes
     * {@code gatehouseTeammateInviteLimit} (per team, default 10),
     * {@code gatehouseTeammateInviteIpLimit} (per client IP, default 100) and
     * {@code gatehouseTeammateInviteWindowSeconds} (default 3600) limit them (SPEC S3).
     */
    private final KeycloakSession session;

    private final RealmModel realm;
    private final TeammateRepository teammates;
    private final ActivityRepository activity;
    private final AdminEventBuilder events;
    private final String who;

    /** @param who the caller's name in the activity: a member's username, or the admin */
    public TeammateManagement(KeycloakSession session, AdminEventBuilder events, String who) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.teammates = GatehouseAccounts.teammates(session);
        this.activity = GatehouseAccounts.activity(session);
        this.events = events;
        this.who = who;
    }

    public Response list(UUID teamId) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        teammates.list(teamId).forEach(teammate -> json.add(json(teammate)));
        return JsonResponses.ok(json);
    }

    public Response invite(Account team, InputStream body) {
        TeammateRequest request = TeammateRequest.invitation(RequestBody.readOrRefuse(body));
        if (!request.valid()) {
            throw ErrorResponse.error(request.error(), Response.Status.BAD_REQUEST);
        }
        if (!new RequestLimits(session, realm, RealmAttributes.TEAMMATE_INVITE_LIMITS)
                .allow(team.id().toString(), RequestLimits.clientIp(session))) {
            throw ErrorResponse.error(
                    "Too many invitations from this account; try again later", Response.Status.TOO_MANY_REQUESTS);
        }
        Teammate invitation = teammates
                .invite(team.id(), request.email(), request.level(), who)
                .orElseThrow(() -> ErrorResponse.error(
                        "That address has a pending invitation to this account already", Response.Status.CONFLICT));
        activity.recordForTeam(
                team.id(),
                null,
                who,
                INVITED,
                invitation.inviteEmail() + " as " + request.level().value());
        event(OperationType.CREATE, invitation);
        new TeammateInviteMail(session, realm).send(invitation, team.username());
        return JsonResponses.json(Response.Status.CREATED, json(invitation).toString());
    }

    /** Changes a teammate's level; empty when the account has no such teammate or invitation. */
    public Optional<Response> changeLevel(UUID teamId, String teammateId, InputStream body) {
        return teammate(teamId, teammateId).map(teammate -> {
            TeammateRequest request = TeammateRequest.levelChange(RequestBody.readOrRefuse(body));
            if (!request.valid()) {
                throw ErrorResponse.error(request.error(), Response.Status.BAD_REQUEST);
            }
            teammates.changeLevel(teammate.id(), request.level());
            activity.recordForTeam(
                    teamId,
                    teammate.memberId(),
                    who,
                    LEVEL_CHANGED,
                    name(teammate) + ": " + teammate.level().value() + " → "
                            + request.level().value());
            event(OperationType.UPDATE, teammate);
            forgetMember(teammate);
            return JsonResponses.json(
                    Response.Status.OK,
                    json(teammates.find(teammate.id()).orElseThrow()).toString());
        });
    }

    /** Removes a teammate or withdraws an invitation; false when the account has no such one. */
    public boolean remove(UUID teamId, String teammateId) {
        Optional<Teammate> found = teammate(teamId, teammateId);
        found.ifPresent(teammate -> {
            teammates.remove(teammate.id());
            activity.recordForTeam(teamId, teammate.memberId(), who, REMOVED, name(teammate));
            event(OperationType.DELETE, teammate);
            forgetMember(teammate);
        });
        return found.isPresent();
    }

    public Response activity(UUID teamId) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        for (Activity entry : activity.list(teamId)) {
            ObjectNode row = json.addObject();
            row.put("at", entry.at().toString());
            row.put("who", entry.actor());
            row.put("what", entry.action());
            row.put("detail", entry.detail());
            row.put(
                    "memberId",
                    entry.memberId() == null ? null : entry.memberId().toString());
        }
        return JsonResponses.ok(json);
    }

    /** A teammate row of this account; ids that are not one of its rows are not told apart. */
    private Optional<Teammate> teammate(UUID teamId, String teammateId) {
        UUID id;
        try {
            id = UUID.fromString(teammateId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return teammates.find(id).filter(teammate -> teammate.accountId().equals(teamId));
    }

    private void forgetMember(Teammate teammate) {
        if (teammate.accepted()) {
            GatehouseAccounts.user(session, realm, teammate.memberId())
                    .ifPresent(user -> GatehouseAccounts.evict(session, realm, user));
        }
    }

    private static String name(Teammate teammate) {
        return teammate.accepted() ? teammate.memberUsername() : teammate.inviteEmail();
    }

    private void event(OperationType operation, Teammate teammate) {
        Map<String, String> representation = new LinkedHashMap<>();
        representation.put("id", teammate.id().toString());
        representation.put("accountId", teammate.accountId().toString());
        representation.put("email", teammate.inviteEmail());
        representation.put("level", teammate.level().value());
        events.operation(operation)
                .resource(ResourceType.CUSTOM)
                .resourcePath(
                        "gatehouse",
                        "accounts",
                        teammate.accountId().toString(),
                        "teammates",
                        teammate.id().toString())
                .representation(representation)
                .detail(ApiKeyManagement.EVENT_ACTOR, who)
                .success();
    }

    static ObjectNode json(Teammate teammate) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", teammate.id().toString());
        json.put("accountId", teammate.accountId().toString());
        json.put("email", teammate.inviteEmail());
        json.put("level", teammate.level().value());
        json.put("status", teammate.accepted() ? "member" : "invited");
        json.put("memberId", teammate.accepted() ? teammate.memberId().toString() : null);
        json.put("username", teammate.memberUsername());
        json.put("invitedBy", teammate.invitedBy());
        json.put("createdAt", text(teammate.createdAt()));
        json.put("acceptedAt", text(teammate.acceptedAt()));
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
