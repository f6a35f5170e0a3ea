package dev.gatehouse.federation;

import dev.gatehouse.domain.Account;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionProvider;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * What follows a status change once the store change has committed, for accounts and all their
 * descendants: Keycloak keeps the sessions of users that stop being enabled (keycloak#37981), so
 * they are ended here, {@code notBefore} is set and the cached users are dropped. Used by the
 * Admin API's status endpoints and by the billing job.
 *
 * <p>Most accounts of a subtree hold no session: one query per batch ({@link SessionHolders})
 * finds those that do, and only they cost Keycloak's per-user session lookups and a
 * {@code notBefore} write. The others need neither: they have no session to end and no token
 * bound to one, and every token check of Keycloak refuses a disabled user before it reads
 * {@code notBefore} ({@code TokenManager.isUserValid}, the refresh and offline paths), which the
 * adapter reports for every blocked account.
 *
 * <p>A failure here leaves the status change in force (the adapter refuses the accounts) and its
 * row in the revocation outbox, which {@link PendingRevocations} retries until this succeeds.
 */
public final class AccessRevocation {

    private static final int BATCH = 500;

    private AccessRevocation() {}

    /** {@link #endAccess(KeycloakSession, RealmModel, Collection)} for one account's subtree. */
    public static void endAccess(KeycloakSession session, RealmModel realm, UUID accountId) {
        endAccess(session, realm, List.of(accountId));
    }

    /**
     * Ends every online and offline session of the accounts' subtrees, sets notBefore of the users
     * that held one and drops the cached users, {@value #BATCH} accounts per transaction: Keycloak
     * writes sessions and notBefore through JPA one user at a time, and one persistence context for
     * a whole large subtree makes every further write slower (each query flushes all that came before).
     */
    public static void endAccess(KeycloakSession session, RealmModel realm, Collection<UUID> accountIds) {
        int notBefore = Time.currentTime();
        List<Account> subtrees = GatehouseAccounts.subtrees(session, accountIds);
        String realmId = realm.getId();
        for (int from = 0; from < subtrees.size(); from += BATCH) {
            List<Account> batch = subtrees.subList(from, Math.min(from + BATCH, subtrees.size()));
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
                RealmModel ownRealm = own.realms().getRealm(realmId);
                own.getContext().setRealm(ownRealm);
                endAccess(own, ownRealm, GatehouseAccounts.users(own, ownRealm, batch), notBefore);
            });
        }
    }

    /**
     * {@code notBefore} first, flushed, then the sessions: a batch whose Keycloak writes fail ends
     * nothing rather than some sessions without their {@code notBefore}, and the outbox retries it
     * whole ({@link PendingRevocations}). Once the sessions are gone nobody is a holder any more, so a
     * retry could no longer tell whose {@code notBefore} was missing.
     */
    private static void endAccess(KeycloakSession session, RealmModel realm, List<UserModel> users, int notBefore) {
        UserSessionProvider sessions = session.sessions();
        SessionHolders holders = SessionHolders.of(session, realm, users);
        for (UserModel user : users) {
            // Evicting first: the user cache then skips reloading each user to set notBefore.
            GatehouseAccounts.evict(session, realm, user);
            if (holders.any(user)) {
                session.users().setNotBeforeForUser(realm, user, notBefore);
            }
        }
        holders.flush(session);
        for (UserModel user : users) {
            if (holders.online(user)) {
                sessions.getUserSessionsStream(realm, user)
                        .toList()
                        .forEach(userSession -> sessions.removeUserSession(realm, userSession));
            }
            if (holders.offline(user)) {
                sessions.getOfflineUserSessionsStream(realm, user)
                        .toList()
                        .forEach(userSession -> sessions.removeOfflineUserSession(realm, userSession));
            }
        }
    }

    /** Drops the cached users of the subtree, after a change that gives access back. */
    public static void evictSubtree(KeycloakSession session, RealmModel realm, UUID accountId) {
        GatehouseAccounts.subtreeUsers(session, realm, accountId)
                .forEach(user -> GatehouseAccounts.evict(session, realm, user));
    }
}
