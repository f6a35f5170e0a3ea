package dev.gatehouse.authenticators.gate;

import dev.gatehouse.domain.PendingSignup;
import java.time.Instant;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Brute-force detection for pending signups, which have no Keycloak user for Keycloak's protector
 * to count: the realm's failure count ({@code failureFactor}) of wrong passwords within its
 * failure-reset time ({@code maxDeltaTimeSeconds}) locks the signup for the realm's wait increment
 * (at most {@code maxFailureWaitSeconds}; with permanent lockout, until the signup expires).
 * Counted in Keycloak's single-use object store, shared by the cluster: each failure claims the
 * next free numbered slot ({@code putIfAbsent}, atomic), so concurrent failures are all counted;
 * every entry expires, and only live signups get any. A signup that gives way to a new one gets a
 * new id, so it starts afresh.
 */
final class PendingSignupLockout {

    private final SingleUseObjectProvider store;
    private final RealmModel realm;

    PendingSignupLockout(KeycloakSession session, RealmModel realm) {
        this.store = session.singleUseObjects();
        this.realm = realm;
    }

    boolean locked(PendingSignup signup) {
        return realm.isBruteForceProtected() && store.contains(lockKey(signup));
    }

    /** Counts one wrong password; the failure that reaches the realm's count locks the signup. */
    void failed(PendingSignup signup) {
        if (!realm.isBruteForceProtected()) {
            return;
        }
        int failureFactor = Math.max(1, realm.getFailureFactor());
        long resetSeconds = Math.max(1, realm.getMaxDeltaTimeSeconds());
        for (int slot = 1; slot <= failureFactor; slot++) {
            if (store.putIfAbsent(failureKey(signup, slot), resetSeconds)) {
                if (slot == failureFactor) {
                    lock(signup, failureFactor);
                }
                return;
            }
        }
        lock(signup, failureFactor);
    }

    private void lock(PendingSignup signup, int failureFactor) {
        long remaining =
                Math.max(1, signup.expiresAt().getEpochSecond() - Instant.now().getEpochSecond());
        long wait = realm.isPermanentLockout()
                ? remaining
                : Math.min(Math.max(1, realm.getWaitIncrementSeconds()), Math.max(1, realm.getMaxFailureWaitSeconds()));
        store.putIfAbsent(lockKey(signup), Math.min(wait, remaining));
        // The count starts afresh once the lock ends, as Keycloak's does after a temporary lockout.
        for (int slot = 1; slot <= failureFactor; slot++) {
            store.remove(failureKey(signup, slot));
        }
    }

    private String lockKey(PendingSignup signup) {
        return "gatehouse-signup-lock:" + realm.getId() + ":" + signup.id();
    }

    private String failureKey(PendingSignup signup, int slot) {
        return "gatehouse-signup-failure:" + realm.getId() + ":" + signup.id() + ":" + slot;
    }
}
