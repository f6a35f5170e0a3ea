package dev.gatehouse.federation;

import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.keycloak.common.Profile;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Which of many users hold a session, online or offline, found in one query on Keycloak's own
 * database rather than two lookups per user: a ban or a termination touches every account of a
 * subtree, and most of them have no session at all.
 *
 * <p>{@code UserSessionProvider} and {@code UserSessionPersisterProvider} look sessions up one user
 * at a time only, so the query reads the persisted sessions (the {@code OFFLINE_USER_SESSION}
 * table behind Keycloak's {@code PersistentUserSessionEntity}, which since Keycloak 26 holds online
 * sessions too) through Keycloak's {@link JpaConnectionProvider}, in JPQL on the entity rather than
 * SQL on the table. The sessions themselves are still ended through {@code UserSessionProvider}, so
 * that Keycloak's caches and the other nodes learn of it. Offline sessions are always persisted;
 * online ones only with the {@code persistent-user-sessions} feature, enabled by default: without
 * it every user counts as holding an online session and is looked up one by one, as before.
 */
final class SessionHolders {

    private static final String QUERY = "SELECT DISTINCT s.userId, s.offline FROM PersistentUserSessionEntity s"
            + " WHERE s.realmId = :realmId AND s.userId IN :userIds";

    /** Keycloak's value of {@code OFFLINE_FLAG} for offline sessions. */
    private static final String OFFLINE = "1";

    private final Set<String> online;
    private final Set<String> offline;

    private SessionHolders(Set<String> online, Set<String> offline) {
        this.online = online;
        this.offline = offline;
    }

    static SessionHolders of(KeycloakSession session, RealmModel realm, Collection<UserModel> users) {
        // A lambda, not UserModel::getId: that method reference names Keycloak 26.7's Model
        // interface, which 26.5 lacks (NoClassDefFoundError there).
        List<String> ids = users.stream().map(user -> user.getId()).toList();
        Set<String> online = new HashSet<>();
        Set<String> offline = new HashSet<>();
        if (!ids.isEmpty()) {
            EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createQuery(QUERY)
                    .setParameter("realmId", realm.getId())
                    .setParameter("userIds", ids)
                    .getResultList();
            for (Object[] row : rows) {
                (OFFLINE.equals(row[1]) ? offline : online).add((String) row[0]);
            }
        }
        if (!Profile.isFeatureEnabled(Profile.Feature.PERSISTENT_USER_SESSIONS)) {
            online.addAll(ids);
        }
        return new SessionHolders(online, offline);
    }

    /**
     * Writes what the session's Keycloak entity manager holds (the {@code notBefore} values) now,
     * so that a write Keycloak's database refuses fails here, before any session is ended.
     */
    void flush(KeycloakSession session) {
        if (!online.isEmpty() || !offline.isEmpty()) {
            session.getProvider(JpaConnectionProvider.class).getEntityManager().flush();
        }
    }

    boolean online(UserModel user) {
        return online.contains(user.getId());
    }

    boolean offline(UserModel user) {
        return offline.contains(user.getId());
    }

    boolean any(UserModel user) {
        return online(user) || offline(user);
    }
}
