package dev.gatehouse.federation;

import dev.gatehouse.domain.Account;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.models.KeycloakSession;

/**
 * The store accounts one Keycloak session has read, shared by the session's user-storage provider
 * and {@link GatehouseAccounts#subtreeUsers}: after a status change reads a whole subtree in one
 * statement, Keycloak's own lookups of those users by id (ending their sessions looks each one up
 * again) cost the store nothing more.
 */
final class LoadedAccounts {

    private static final String ATTRIBUTE = LoadedAccounts.class.getName();

    private final Map<UUID, Account> byId = new HashMap<>();

    private LoadedAccounts() {}

    static LoadedAccounts of(KeycloakSession session) {
        LoadedAccounts loaded = session.getAttribute(ATTRIBUTE, LoadedAccounts.class);
        if (loaded == null) {
            loaded = new LoadedAccounts();
            session.setAttribute(ATTRIBUTE, loaded);
        }
        return loaded;
    }

    Optional<Account> get(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    void put(Account account) {
        byId.put(account.id(), account);
    }

    void forget(UUID id) {
        byId.remove(id);
    }
}
