package dev.gatehouse.jobs;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/** The scheduled jobs as a request reaches them: the Admin API runs the billing job on demand. */
public final class GatehouseJobs implements Provider {

    private final KeycloakSession session;
    private final BillingConfig billing;

    GatehouseJobs(KeycloakSession session, BillingConfig billing) {
        this.session = session;
        this.billing = billing;
    }

    /** The billing job with the server's configuration. */
    public BillingJob billingJob() {
        return new BillingJob(session.getKeycloakSessionFactory(), billing);
    }

    @Override
    public void close() {}
}
