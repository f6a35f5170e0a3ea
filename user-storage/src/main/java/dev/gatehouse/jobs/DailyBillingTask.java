package dev.gatehouse.jobs;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;

/**
 * The billing job as a Keycloak scheduled task. Keycloak's {@link ClusterAwareScheduledTaskRunner}
 * runs it on one node of the cluster at a time; the job itself does a date's work once, so the
 * timer may fire as often as the interval says.
 */
public final class DailyBillingTask implements ScheduledTask {

    /** The timer's name for the task. */
    public static final String NAME = "gatehouse-billing";

    private final BillingConfig config;

    DailyBillingTask(BillingConfig config) {
        this.config = config;
    }

    @Override
    public void run(KeycloakSession session) {
        new BillingJob(session.getKeycloakSessionFactory(), config).runScheduled();
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
