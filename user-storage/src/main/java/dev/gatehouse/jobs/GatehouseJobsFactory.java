package dev.gatehouse.jobs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * The one owner of the scheduled jobs' configuration and schedule (server options
 * {@code --spi-gatehouse-jobs--default--<option>}): the daily billing job, the revocation outbox's
 * retries and the purge of expired pending signups. Each runs through Keycloak's
 * {@link ClusterAwareScheduledTaskRunner}, on one node of the cluster per interval.
 */
public final class GatehouseJobsFactory implements ProviderFactory<GatehouseJobs>, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "default";

    private BillingConfig billing;
    private RevocationConfig revocation;
    private PurgeConfig purge;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
        billing = BillingConfig.of(config);
        revocation = RevocationConfig.of(config);
        purge = PurgeConfig.of(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        schedule(factory, new DailyBillingTask(billing), billing.interval());
        schedule(factory, new RevocationRetryTask(), revocation.retryInterval());
        schedule(factory, new PendingSignupPurge(), purge.interval());
    }

    private static void schedule(KeycloakSessionFactory factory, ScheduledTask task, Duration interval) {
        long millis = interval.toMillis();
        KeycloakModelUtils.runJobInTransaction(
                factory,
                session -> session.getProvider(TimerProvider.class)
                        .schedule(
                                new ClusterAwareScheduledTaskRunner(factory, task, millis),
                                millis,
                                task.getTaskName()));
    }

    @Override
    public GatehouseJobs create(KeycloakSession session) {
        return new GatehouseJobs(session, billing);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return Stream.of(
                        BillingConfigProperties.PROPERTIES,
                        RevocationConfigProperties.PROPERTIES,
                        PurgeConfigProperties.PROPERTIES)
                .flatMap(List::stream)
                .toList();
    }

    /** What the admin console's server info shows of the schedule. */
    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("billingWarningOffsets", billing.calendar().offsetsSql());
        info.put("billingIntervalSeconds", String.valueOf(billing.interval().toSeconds()));
        info.put(
                "revocationRetrySeconds",
                String.valueOf(revocation.retryInterval().toSeconds()));
        info.put("purgeIntervalSeconds", String.valueOf(purge.interval().toSeconds()));
        return info;
    }

    @Override
    public void close() {}
}
