package dev.gatehouse.federation;

import dev.gatehouse.store.RevocationOutbox;
import dev.gatehouse.store.RevocationOutbox.Revocation;
import dev.gatehouse.store.StoreTransaction;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Works off the revocation outbox (SPEC S5): ends the access of queued accounts in every realm that
 * uses the store ({@link AccessRevocation}) and deletes their rows once that succeeded, or records
 * the failure and leaves them for the next attempt. The status change's request makes the first
 * attempt, so that a ban takes effect at once; the {@code gatehouse-revocations} scheduled task retries the rest, on one
 * node of the cluster at a time, whichever node queued them.
 */
public final class PendingRevocations {

    /** Rows younger than this are left to the request that queued them, which is still at work on them. */
    static final int GRACE_SECONDS = 5;

    /** Rows one retry takes. */
    static final int RETRY_BATCH = 100;

    private static final Logger LOG = Logger.getLogger(PendingRevocations.class);

    private PendingRevocations() {}

    /**
     * The first attempt, in the request that committed the change.
     *
     * @return whether every session ended; otherwise the outbox keeps the accounts for a retry
     */
    public static boolean attempt(KeycloakSession session, Revocation revocation) {
        if (revocation.isEmpty()) {
            return true;
        }
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        try {
            for (RealmModel realm : GatehouseAccounts.realms(session)) {
                AccessRevocation.endAccess(session, realm, revocation.accountIds());
            }
        } catch (RuntimeException e) {
            failed(factory, revocation, e);
            return false;
        }
        done(factory, revocation);
        return true;
    }

    /**
     * Retries the rows that are due, all at once and, when that fails, one account at a time so that
     * one account whose revocation keeps failing does not hold back the others.
     *
     * @return the accounts whose revocation succeeded
     */
    public static int retryDue(KeycloakSessionFactory factory) {
        Revocation due =
                StoreTransaction.run(factory, session -> outbox(session).due(GRACE_SECONDS, RETRY_BATCH));
        if (due.isEmpty()) {
            return 0;
        }
        LOG.infof("Retrying the revocation of %d accounts", due.accountIds().size());
        if (attempt(factory, due)) {
            return due.accountIds().size();
        }
        int ended = 0;
        if (due.accountIds().size() > 1) {
            for (UUID accountId : due.accountIds()) {
                ended += attempt(factory, new Revocation(List.of(accountId), due.version())) ? 1 : 0;
            }
        }
        return ended;
    }

    /**
     * An attempt outside a request (the billing sweep's, the retries), in a session of its own.
     *
     * @return whether every session ended; otherwise the outbox keeps the accounts for a retry
     */
    public static boolean attempt(KeycloakSessionFactory factory, Revocation revocation) {
        if (revocation.isEmpty()) {
            return true;
        }
        try {
            StoreTransaction.run(factory, session -> {
                for (RealmModel realm : GatehouseAccounts.realms(session)) {
                    session.getContext().setRealm(realm);
                    AccessRevocation.endAccess(session, realm, revocation.accountIds());
                }
                return null;
            });
        } catch (RuntimeException e) {
            failed(factory, revocation, e);
            return false;
        }
        done(factory, revocation);
        return true;
    }

    private static void done(KeycloakSessionFactory factory, Revocation revocation) {
        try {
            StoreTransaction.run(factory, session -> outbox(session).done(revocation));
        } catch (RuntimeException e) {
            // The rows stay, and the next retry ends what is already ended: nothing is lost.
            LOG.warnf(e, "Sessions ended, but the revocation outbox could not be cleared for %s", revocation);
        }
    }

    private static void failed(KeycloakSessionFactory factory, Revocation revocation, RuntimeException e) {
        LOG.warnf(e, "Could not end the sessions of %s: it stays queued and is retried", revocation);
        try {
            StoreTransaction.run(factory, session -> {
                outbox(session).failed(revocation, describe(e));
                return null;
            });
        } catch (RuntimeException again) {
            LOG.warnf(again, "Could not record the failed revocation of %s", revocation);
        }
    }

    /** The innermost cause, which says what refused: Keycloak's database, the store, a cache. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getName() + (message == null ? "" : ": " + message.strip());
    }

    private static RevocationOutbox outbox(KeycloakSession session) {
        return new RevocationOutbox(GatehouseAccounts.entityManager(session));
    }
}
