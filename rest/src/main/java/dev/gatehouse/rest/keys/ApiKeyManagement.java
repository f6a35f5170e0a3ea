package dev.gatehouse.rest.keys;

import dev.gatehouse.domain.ApiKey;
import dev.gatehouse.domain.ApiKeyFormat;
import dev.gatehouse.domain.KeyScope;
import dev.gatehouse.domain.TeamRole;
import dev.gatehouse.domain.TeammateLevel;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.rest.JsonResponses;
import dev.gatehouse.rest.RequestBody;
import dev.gatehouse.store.AccountRepository;
import dev.gatehouse.store.ActivityRepository;
import dev.gatehouse.store.ApiKeyRepository;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Create, list and revoke one account's keys, for the Admin API and for the owner alike: the
 * caller has checked who may; this class writes the rows and the admin events.
 */
public final class ApiKeyManagement {

    /** Admin events of key changes: resource type CUSTOM, path {@code gatehouse/accounts/<id>/api-keys/<key id>}. */
    public static final String EVENT_ACTOR = "gatehouseActor";

    static final String KEY_CREATED = "api_key_created";
    static final String KEY_REVOKED = "api_key_revoked";

    private final ApiKeyFormat format;
    private final ApiKeyRepository keys;
    private final AccountRepository accounts;
    private final ActivityRepository activity;
    private final AdminEventBuilder events;
    private final String actor;
    private final String who;

    /**
     * @param actor {@code admin} or {@code owner}, the admin events' {@value #EVENT_ACTOR}
     * @param who the caller's name in the account's activity: the owner's username, or the admin
     */
    public ApiKeyManagement(
            KeycloakSession session, ApiKeyFormat format, AdminEventBuilder events, String actor, String who) {
        this.format = format;
        this.keys = GatehouseAccounts.apiKeys(session);
        this.accounts = GatehouseAccounts.repository(session);
        this.activity = new ActivityRepository(GatehouseAccounts.entityManager(session));
        this.events = events;
        this.actor = actor;
        this.who = who;
    }

    public Response list(UUID accountId) {
        return JsonResponses.json(
                Response.Status.OK, KeyJson.list(keys.list(accountId)).toString());
    }

    /**
     * Creates a key of the account: with the scopes asked for, none beyond what the account's
     * teammate level allows (403 otherwise), or the level's default; with the expiry asked for,
     * which must lie ahead (400 otherwise).
     */
    public Response create(UUID accountId, InputStream body) {
        NewKeyRequest request = NewKeyRequest.parse(RequestBody.readOrRefuse(body));
        if (!request.valid()) {
            throw ErrorResponse.error(request.error(), Response.Status.BAD_REQUEST);
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
            throw ErrorResponse.error(
                    NewKeyRequest.EXPIRES_AT + " must lie in the future", Response.Status.BAD_REQUEST);
        }
        TeammateLevel level = accounts.findById(accountId)
                .map(account -> TeamRole.of(account).level())
                .orElseThrow(() -> ErrorResponse.error("Account not found", Response.Status.NOT_FOUND));
        Set<KeyScope> allowed = KeyScope.allowedFor(level);
        Set<KeyScope> scopes = request.scopes() == null ? KeyScope.defaultFor(level) : request.scopes();
        if (scopes.isEmpty() || !allowed.containsAll(scopes)) {
            throw ErrorResponse.error(
                    "A key of a " + level.value() + " may carry only the scopes ["
                            + KeyScope.join(allowed).replace(' ', ',') + "]",
                    Response.Status.FORBIDDEN);
        }
        ApiKeyFormat.Generated generated = format.generate();
        ApiKey key = keys.create(accountId, request.name(), scopes, request.expiresAt(), generated);
        event(OperationType.CREATE, key);
        activity.record(accountId, who, KEY_CREATED, key.name());
        return JsonResponses.json(
                Response.Status.CREATED, KeyJson.created(key, generated.key()).toString());
    }

    /** Revokes the key; false when the account has no key of that id. Revoking twice is a no-op. */
    public boolean revoke(UUID accountId, String keyId) {
        Optional<ApiKey> key = keys.find(accountId, keyId);
        if (key.isEmpty()) {
            return false;
        }
        if (keys.revoke(accountId, keyId)) {
            event(OperationType.DELETE, key.get());
            activity.record(accountId, who, KEY_REVOKED, key.get().name());
        }
        return true;
    }

    private void event(OperationType operation, ApiKey key) {
        Map<String, String> representation = new LinkedHashMap<>();
        representation.put("id", key.id());
        representation.put("accountId", key.accountId().toString());
        representation.put("name", key.name());
        events.operation(operation)
                .resource(ResourceType.CUSTOM)
                .resourcePath("gatehouse", "accounts", key.accountId().toString(), "api-keys", key.id())
                .representation(representation)
                .detail(EVENT_ACTOR, actor)
                .success();
    }
}
