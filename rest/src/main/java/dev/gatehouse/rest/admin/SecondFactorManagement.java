package dev.gatehouse.rest.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.domain.Account;
import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.federation.SecondFactors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Support's view and removal of an account's second factor (SPEC P9.4): what types it holds, and
 * removing them all, audited as an admin event and in the account's activity, with an e-mail to
 * the account so that its owner learns of it even when someone else asked support.
 */
final class SecondFactorManagement {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminEventBuilder events;
    private final String actor;

    SecondFactorManagement(KeycloakSession session, RealmModel realm, AdminEventBuilder events, String actor) {
        this.session = session;
        this.realm = realm;
        this.events = events;
        this.actor = actor;
    }

    /** The account as {@code GET accounts?…} lists it, with {@code secondFactors}: the credential types it holds. */
    ObjectNode describe(Account account) {
        ObjectNode json =
                (ObjectNode) AccountStatusManagement.list(List.of(account)).get(0);
        ArrayNode types = json.putArray("secondFactors");
        user(account.id()).map(SecondFactors::types).orElse(List.of()).forEach(types::add);
        return json;
    }

    /** Removes every second factor of the account; false when it had none. */
    boolean remove(UUID accountId) {
        UserModel user = user(accountId).orElse(null);
        if (user == null) {
            return false;
        }
        List<String> removed = SecondFactors.removeAll(user);
        if (removed.isEmpty()) {
            return false;
        }
        GatehouseAccounts.activity(session)
                .record(accountId, actor, SecondFactors.REMOVED_ACTIVITY, String.join(",", removed));
        Map<String, String> representation = new LinkedHashMap<>();
        representation.put("accountId", accountId.toString());
        representation.put("removed", String.join(",", removed));
        representation.put("actor", actor);
        events.operation(OperationType.DELETE)
                .resource(ResourceType.CUSTOM)
                .resourcePath("gatehouse", "accounts", accountId.toString(), "two-factor")
                .representation(representation)
                .success();
        AccountNotice.secondFactorRemoved(session, realm, user);
        return true;
    }

    private java.util.Optional<UserModel> user(UUID accountId) {
        return GatehouseAccounts.user(session, realm, accountId);
    }
}
