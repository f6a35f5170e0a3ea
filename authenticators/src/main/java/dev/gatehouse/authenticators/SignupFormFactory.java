package dev.gatehouse.authenticators;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * {@code gatehouse-signup}: the registration flow's page, creating pending signups. It also
 * schedules the purge of expired ones, every {@code purgeIntervalSeconds} (server option
 * {@code --spi-authenticator--gatehouse-signup--purge-interval-seconds}, default one hour).
 */
public final class SignupFormFactory extends GatehouseAuthenticatorFactory {

    public static final String PROVIDER_ID = "gatehouse-signup";
    static final String PURGE_INTERVAL = "purgeIntervalSeconds";
    static final int DEFAULT_PURGE_INTERVAL_SECONDS = 3600;

    private static final SignupForm SINGLETON = new SignupForm();
    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.DISABLED};

    private long purgeIntervalMillis;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse signup";
    }

    @Override
    public String getHelpText() {
        return "Signup form: creates a pending signup in the account store and sends a confirmation link; the "
                + "account exists only once the link is followed.";
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public void init(Config.Scope config) {
        int seconds = config.getInt(PURGE_INTERVAL, DEFAULT_PURGE_INTERVAL_SECONDS);
        purgeIntervalMillis = 1000L * (seconds > 0 ? seconds : DEFAULT_PURGE_INTERVAL_SECONDS);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(
                factory,
                session -> session.getProvider(TimerProvider.class)
                        .schedule(
                                new ClusterAwareScheduledTaskRunner(
                                        factory, new PendingSignupPurge(), purgeIntervalMillis),
                                purgeIntervalMillis,
                                PendingSignupPurge.TASK_NAME));
    }
}
