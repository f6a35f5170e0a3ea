package dev.gatehouse.federation;

import dev.gatehouse.domain.Account;
import dev.gatehouse.store.AccountRepository;
import dev.gatehouse.store.ActivityRepository;
import dev.gatehouse.store.ApiKeyRepository;
import dev.gatehouse.store.PasswordHasher;
import dev.gatehouse.store.PendingSignupRepository;
import dev.gatehouse.store.RevocationOutbox;
import dev.gatehouse.store.SessionStore;
import dev.gatehouse.store.StoreConnection;
import dev.gatehouse.store.TeammateRepository;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.UserCache;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.UserStorageProvider;

/** How other Gatehouse providers reach the account store of a realm and its accounts as Keycloak users. */
public final class GatehouseAccounts {

    private GatehouseAccounts() {}

    /**
     * The account store as this session reaches it: reads outside the session's transaction,
     * writes inside it (see {@link SessionStore}).
     */
    public static StoreConnection store(KeycloakSession session) {
        return SessionStore.of(session);
    }

    /**
     * The store's entity manager in the session's transaction, for work that must read and write
     * atomically in a transaction of its own (status changes).
     */
    public static EntityManager entityManager(KeycloakSession session) {
        return SessionStore.of(session).joined();
    }

    public static AccountRepository repository(KeycloakSession session) {
        return new AccountRepository(store(session));
    }

    public static PendingSignupRepository pendingSignups(KeycloakSession session) {
        return new PendingSignupRepository(store(session));
    }

    public static ApiKeyRepository apiKeys(KeycloakSession session) {
        return new ApiKeyRepository(store(session));
    }

    public static TeammateRepository teammates(KeycloakSession session) {
        return new TeammateRepository(entityManager(session));
    }

    public static ActivityRepository activity(KeycloakSession session) {
        return new ActivityRepository(entityManager(session));
    }

    /** The revocation outbox's pending rows, oldest first (SPEC S5). */
    public static List<RevocationOutbox.Pending> revocations(KeycloakSession session, int limit) {
        return store(session).read(em -> new RevocationOutbox(em).list(limit));
    }

    /** The hasher of the realm's {@code gatehouse-accounts} component, for passwords outside Keycloak's users. */
    public static PasswordHasher hasher(RealmModel realm) {
        return component(realm)
                .map(AccountsStorageProviderFactory::hasher)
                .orElseThrow(() -> new IllegalStateException("Realm " + realm.getName() + " has no "
                        + AccountsStorageProviderFactory.PROVIDER_ID + " user federation"));
    }

    /** The realms whose users include the store's accounts, by name. */
    public static List<RealmModel> realms(KeycloakSession session) {
        return session.realms()
                .getRealmsStream()
                .filter(realm -> component(realm).isPresent())
                .sorted(Comparator.comparing(RealmModel::getName))
                .toList();
    }

    /** The realm's {@code gatehouse-accounts} user federation component. */
    public static Optional<ComponentModel> component(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), UserStorageProvider.class.getName())
                .filter(component -> AccountsStorageProviderFactory.PROVIDER_ID.equals(component.getProviderId()))
                .findFirst();
    }

    /** The Keycloak user id of a store account, without looking the user up. */
    public static Optional<String> userId(RealmModel realm, UUID accountId) {
        return component(realm).map(component -> new StorageId(component.getId(), accountId.toString()).getId());
    }

    /** The Keycloak user of a store account. */
    public static Optional<UserModel> user(KeycloakSession session, RealmModel realm, UUID accountId) {
        return component(realm)
                .map(component -> session.users()
                        .getUserById(realm, new StorageId(component.getId(), accountId.toString()).getId()));
    }

    /**
     * The Keycloak users of a store account, all its descendants and their teammates, read in one statement and not
     * through Keycloak's user cache: for ending their sessions and evicting them after a status
     * change, where a lookup per sub-user would cost a round trip each.
     */
    public static List<UserModel> subtreeUsers(KeycloakSession session, RealmModel realm, UUID accountId) {
        return users(session, realm, repository(session).findSubtree(accountId));
    }

    /** Store accounts, all their descendants and their teammates, each once, in one statement. */
    public static List<Account> subtrees(KeycloakSession session, Collection<UUID> accountIds) {
        return repository(session).findSubtrees(accountIds);
    }

    /**
     * Keycloak users of accounts read earlier, possibly by another session. The session keeps
     * them, so that Keycloak looking them up by id again (ending their sessions does) reads nothing.
     */
    public static List<UserModel> users(KeycloakSession session, RealmModel realm, List<Account> accounts) {
        LoadedAccounts loaded = LoadedAccounts.of(session);
        return component(realm)
                .map(component -> accounts.stream()
                        .peek(loaded::put)
                        .<UserModel>map(account -> new AccountUserAdapter(session, realm, component, account))
                        .toList())
                .orElse(List.of());
    }

    /** The store account id behind a Keycloak user, when it is a Gatehouse account. */
    public static Optional<UUID> accountId(RealmModel realm, UserModel user) {
        return accountId(realm, user.getId());
    }

    /** The same for a Keycloak user id, such as a token's subject; empty for null. */
    public static Optional<UUID> accountId(RealmModel realm, String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        StorageId id = new StorageId(userId);
        return component(realm)
                .filter(component -> component.getId().equals(id.getProviderId()))
                .flatMap(component -> {
                    try {
                        return Optional.of(UUID.fromString(id.getExternalId()));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                });
    }

    /** Drops Keycloak's cached copy of a user after the store row changed. */
    public static void evict(KeycloakSession session, RealmModel realm, UserModel user) {
        UserCache cache = session.getProvider(UserCache.class);
        if (cache != null) {
            cache.evict(realm, user);
        }
    }
}
