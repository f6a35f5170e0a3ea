package dev.gatehouse.rest.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.domain.Account;
import dev.gatehouse.domain.AccountPolicy;
import dev.gatehouse.domain.StatusChange;
import dev.gatehouse.federation.AccessRevocation;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.federation.PendingRevocations;
import dev.gatehouse.rest.JsonResponses;
import dev.gatehouse.rest.RequestBody;
import dev.gatehouse.rest.keys.ApiKeyManagement;
import dev.gatehouse.store.AccountStatusRepository;
import dev.gatehouse.store.AccountStatusRepository.BanResult;
import dev.gatehouse.store.AccountStatusRepository.ChangeResult;
import dev.gatehouse.store.RevocationOutbox.Pending;
import dev.gatehouse.store.StoreTransaction;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Bans, manual terminations and reinstatements for the Admin API. The store change commits first,
 * in a transaction of its own, with the accounts' revocation queued in the store's outbox; then, in
 * the request, the affected accounts' online and offline sessions end, {@code notBefore} is set and
 * the cached users are dropped, because Keycloak keeps the sessions of users that stop being enabled
 * (keycloak#37981). When that step fails the change stands, the answer says
 * {@code "revocationPending": true} and {@link PendingRevocations} retries it until it succeeds. A
 * ban that changed the account it was called on e-mails that account a ban notice ({@link AccountNotice#ban}).
 */
final class AccountStatusManagement {

    static final String BANNED_MESSAGE = "Banned accounts cannot be reactivated";
    static final String EVENT_REASON = "gatehouseReason";
    static final String EVENT_COUNT = "gatehouseCount";

    private static final AccountPolicy POLICY = new AccountPolicy();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminEventBuilder events;
    private final String actor;

    AccountStatusManagement(KeycloakSession session, RealmModel realm, AdminEventBuilder events, String actor) {
        this.session = session;
        this.realm = realm;
        this.events = events;
        this.actor = actor;
    }

    Response ban(UUID accountId, InputStream body) {
        String reason = reason(body);
        BanResult result = inOwnTransaction(store -> store.ban(accountId, reason, actor));
        boolean ended = PendingRevocations.attempt(session, result.revocation());
        if (!result.banned().isEmpty()) {
            event(accountId, "ban", reason, result.banned().size());
        }
        if (result.banned().contains(accountId)) {
            GatehouseAccounts.user(session, realm, accountId)
                    .ifPresent(user -> AccountNotice.ban(
                            session, realm, user, result.subtree().size() - 1));
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("banned", result.banned().size());
        json.put("subtree", result.subtree().size());
        json.put("revocationPending", !ended);
        return JsonResponses.ok(json);
    }

    Response terminate(UUID accountId, InputStream body) {
        String reason = reason(body);
        ChangeResult result = inOwnTransaction(store -> store.terminate(accountId, reason, actor));
        refuseIfRefused(result);
        boolean ended = PendingRevocations.attempt(session, result.revocation());
        if (result.outcome() == StatusChange.APPLY) {
            event(accountId, "terminate", reason, result.subtree().size());
        }
        ObjectNode json = changedJson(result, "terminated");
        json.put("revocationPending", !ended);
        return JsonResponses.ok(json);
    }

    Response reinstate(UUID accountId) {
        ChangeResult result = inOwnTransaction(store -> store.reinstate(accountId, actor));
        refuseIfRefused(result);
        if (result.outcome() == StatusChange.APPLY) {
            AccessRevocation.evictSubtree(session, realm, accountId);
            event(accountId, "reinstate", "reinstated", result.subtree().size());
        }
        return changed(result, "active");
    }

    static ArrayNode list(List<Account> accounts) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        for (Account account : accounts) {
            ObjectNode row = json.addObject();
            row.put("id", account.id().toString());
            row.put("username", account.username());
            row.put("email", account.email());
            row.put("status", account.status().dbValue());
            row.put("effectiveStatus", account.effectiveStatus().dbValue());
            row.put(
                    "parentId",
                    account.parentId() == null ? null : account.parentId().toString());
        }
        return json;
    }

    private static Response changed(ChangeResult result, String status) {
        return JsonResponses.json(
                Response.Status.OK, changedJson(result, status).toString());
    }

    private static ObjectNode changedJson(ChangeResult result, String status) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("status", status);
        json.put("changed", result.outcome() == StatusChange.APPLY);
        return json;
    }

    /** The outbox's pending revocations, oldest first. */
    static ArrayNode pending(List<Pending> rows) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        for (Pending row : rows) {
            ObjectNode item = json.addObject();
            item.put("accountId", row.accountId().toString());
            item.put("username", row.username());
            item.put("status", row.status());
            item.put("requestedAt", instant(row.requestedAt()));
            item.put("attempts", row.attempts());
            item.put("lastAttemptAt", instant(row.lastAttemptAt()));
            item.put("lastError", row.lastError());
        }
        return json;
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static void refuseIfRefused(ChangeResult result) {
        if (!result.outcome().refused()) {
            return;
        }
        String message = switch (result.outcome()) {
            case REFUSE_BANNED -> BANNED_MESSAGE;
            case REFUSE_SUB_USER -> "Only top-level accounts can be terminated: sub-users follow their parent";
            case REFUSE_UNPAID ->
                result.unpaid()
                        .map(invoice -> "Invoice " + invoice.id() + " for " + invoice.period() + " (amount due "
                                + invoice.amountDue() + ", due " + invoice.dueDate()
                                + ") is unpaid: reinstate the account once it is paid")
                        .orElse("An invoice from before the current month is unpaid");
            default -> throw new IllegalStateException(result.outcome().name());
        };
        throw ErrorResponse.error(message, Response.Status.CONFLICT);
    }

    private void event(UUID accountId, String action, String reason, int count) {
        Map<String, String> representation = new LinkedHashMap<>();
        representation.put("accountId", accountId.toString());
        representation.put("action", action);
        representation.put("reason", reason);
        representation.put("count", Integer.toString(count));
        representation.put("actor", actor);
        events.operation(OperationType.ACTION)
                .resource(ResourceType.CUSTOM)
                .resourcePath("gatehouse", "accounts", accountId.toString(), action)
                .representation(representation)
                .detail(ApiKeyManagement.EVENT_ACTOR, actor)
                .detail(EVENT_REASON, reason)
                .detail(EVENT_COUNT, Integer.toString(count))
                .success();
    }

    /** Runs the store change in a transaction of its own, so that it has committed before the sessions end. */
    private <T> T inOwnTransaction(Function<AccountStatusRepository, T> change) {
        return StoreTransaction.run(
                session.getKeycloakSessionFactory(),
                own -> change.apply(new AccountStatusRepository(GatehouseAccounts.entityManager(own), POLICY)));
    }

    private static String reason(InputStream body) {
        ReasonRequest request = ReasonRequest.parse(RequestBody.readOrRefuse(body));
        if (!request.valid()) {
            throw ErrorResponse.error(request.error(), Response.Status.BAD_REQUEST);
        }
        return request.reason();
    }
}
