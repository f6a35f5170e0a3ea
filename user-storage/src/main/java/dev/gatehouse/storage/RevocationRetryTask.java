package dev.gatehouse.storage;

import java.time.Duration;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * Retries the revocation outbox ({@link PendingRevocations}) as a Keycloak scheduled task, on one
 * node of the cluster per interval ({@link ClusterAwareScheduledTaskRunner}): a node killed between a
 * status change's commit and the end of its sessions leaves rows that another node finishes.
 */
public final class RevocationRetryTask implements ScheduledTask {

    /** The timer's name for the task, and the cluster-wide key that lets one node run it at a time. */
    public static final String NAME = "gatehouse-revocations";

    /** Registers the task with Keycloak's timer; called once per node, from a factory's postInit. */
    public static void schedule(KeycloakSessionFactory factory, Duration interval) {
        long millis = interval.toMillis();
        KeycloakModelUtils.runJobInTransaction(
                factory,
                session -> session.getProvider(TimerProvider.class)
                        .schedule(
                                new ClusterAwareScheduledTaskRunner(factory, new RevocationRetryTask(), millis),
                                millis,
                                NAME));
    }

    @Override
    public void run(KeycloakSession session) {
        PendingRevocations.retryDue(session.getKeycloakSessionFactory());
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
