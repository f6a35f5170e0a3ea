package dev.gatehouse.jobs;

import dev.gatehouse.federation.PendingRevocations;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;

/**
 * Retries the revocation outbox ({@link PendingRevocations}) as a Keycloak scheduled task, on one
 * node of the cluster per interval ({@link ClusterAwareScheduledTaskRunner}): a node killed between a
 * status change's commit and the end of its sessions leaves rows that another node finishes.
 */
public final class RevocationRetryTask implements ScheduledTask {

    /** The timer's name for the task, and the cluster-wide key that lets one node run it at a time. */
    public static final String NAME = "gatehouse-revocations";

    @Override
    public void run(KeycloakSession session) {
        PendingRevocations.retryDue(session.getKeycloakSessionFactory());
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
