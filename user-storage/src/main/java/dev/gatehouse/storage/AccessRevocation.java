package dev.gatehouse.storage;

import dev.gatehouse.store.Account;
import java.util.List;
import java.util.UUID;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionProvider;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * What follows a status change once the store change has committed, for an account and all its
 * descendants: Keycloak keeps the sessions of users that stop being enabled (keycloak#37981), so
 * they are ended here, {@code notBefore} is set and the cached users are dropped. Used by the
 * Admin API's status endpoints and by the billing job.
 */
public final class AccessRevocation {

    private static final int BATCH = 500;

    private AccessRevocation() {}

    /**
     * Ends every online and offline session of the subtree, sets its notBefore and drops its cached
     * users, {@value #BATCH} accounts per transaction: Keycloak writes notBefore through JPA one user
     * at a time, and one persistence context for a whole large subtree makes every further write
     * slower (each query flushes all that came before).
     */
    public static void endAccess(KeycloakSession session, RealmModel realm, UUID accountId) {
        int notBefore = Time.currentTime();
        List<Account> subtree = GatehouseAccounts.subtree(session, accountId);
        String realmId = realm.getId();
        for (int from = 0; from < subtree.size(); from += BATCH) {
            List<Account> batch = subtree.subList(from, Math.min(from + BATCH, subtree.size()));
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
                RealmModel ownRealm = own.realms().getRealm(realmId);
                own.getContext().setRealm(ownRealm);
                endAccess(own, ownRealm, GatehouseAccounts.users(own, ownRealm, batch), notBefore);
            });
        }
    }

    private static void endAccess(KeycloakSession session, RealmModel realm, List<UserModel> users, int notBefore) {
        UserSessionProvider sessions = session.sessions();
        for (UserModel user : users) {
            sessions.getUserSessionsStream(realm, user)
                    .toList()
                    .forEach(userSession -> sessions.removeUserSession(realm, userSession));
            sessions.getOfflineUserSessionsStream(realm, user)
                    .toList()
                    .forEach(userSession -> sessions.removeOfflineUserSession(realm, userSession));
            // Evicting first: the user cache then skips reloading each user to set notBefore.
            GatehouseAccounts.evict(session, realm, user);
            session.users().setNotBeforeForUser(realm, user, notBefore);
        }
    }

    /** Drops the cached users of the subtree, after a change that gives access back. */
    public static void evictSubtree(KeycloakSession session, RealmModel realm, UUID accountId) {
        GatehouseAccounts.subtreeUsers(session, realm, accountId)
                .forEach(user -> GatehouseAccounts.evict(session, realm, user));
    }
}
