package dev.gatehouse.billing;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * The billing job as a Keycloak scheduled task. Keycloak's {@link ClusterAwareScheduledTaskRunner}
 * runs it on one node of the cluster at a time; the job itself does a date's work once, so the
 * timer may fire as often as the interval says.
 */
public final class DailyBillingTask implements ScheduledTask {

    /** The timer's name for the task. */
    public static final String NAME = "gatehouse-billing";

    private final BillingConfig config;

    private DailyBillingTask(BillingConfig config) {
        this.config = config;
    }

    /** Registers the task with Keycloak's timer; called once per node, from a factory's postInit. */
    public static void schedule(KeycloakSessionFactory factory, BillingConfig config) {
        long interval = config.interval().toMillis();
        KeycloakModelUtils.runJobInTransaction(
                factory,
                session -> session.getProvider(TimerProvider.class)
                        .schedule(
                                new ClusterAwareScheduledTaskRunner(factory, new DailyBillingTask(config), interval),
                                interval,
                                NAME));
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
