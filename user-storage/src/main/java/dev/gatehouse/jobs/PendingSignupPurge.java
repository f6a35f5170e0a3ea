package dev.gatehouse.jobs;

import dev.gatehouse.federation.GatehouseAccounts;
import dev.gatehouse.store.AccountStoreUnavailableException;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Deletes the pending signups past their expiry (SPEC P2.2). Run once per cluster and interval by
 * Keycloak's {@code ClusterAwareScheduledTaskRunner}; a store outage skips a run, the next one
 * catches up.
 */
public final class PendingSignupPurge implements ScheduledTask {

    public static final String TASK_NAME = "gatehouse-pending-signup-purge";

    private static final Logger LOG = Logger.getLogger(PendingSignupPurge.class);

    @Override
    public void run(KeycloakSession session) {
        try {
            int purged = GatehouseAccounts.pendingSignups(session).purgeExpired();
            LOG.debugf("Purged %d expired pending signups", purged);
        } catch (AccountStoreUnavailableException | IllegalStateException e) {
            LOG.warnf("Expired pending signups not purged this time: %s", e.getMessage());
        }
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }
}
