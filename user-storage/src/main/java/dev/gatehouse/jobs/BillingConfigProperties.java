package dev.gatehouse.jobs;

import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The configuration keys of {@link BillingConfig}, their defaults, and how the admin console shows them. */
public final class BillingConfigProperties {

    static final String WARNING_OFFSETS = "billingWarningOffsets";
    static final String INTERVAL_SECONDS = "billingIntervalSeconds";
    static final String REALM = "billingRealm";
    static final String BATCH_SIZE = "billingBatchSize";
    static final String DEFAULT_OFFSETS = "3,10,17";
    static final int DEFAULT_INTERVAL_SECONDS = 3600;
    static final int DEFAULT_BATCH_SIZE = 500;
    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(WARNING_OFFSETS)
            .label("Billing warning offsets")
            .helpText("Days after an invoice's due date on which an unpaid invoice gets a warning e-mail, increasing,"
                    + " comma-separated. The last warning announces the termination date.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(DEFAULT_OFFSETS)
            .add()
            .property()
            .name(INTERVAL_SECONDS)
            .label("Billing job interval")
            .helpText("Seconds between two wake-ups of the daily billing job; each date's work is done once.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(DEFAULT_INTERVAL_SECONDS)
            .add()
            .property()
            .name(REALM)
            .label("Billing e-mail realm")
            .helpText("Realm whose SMTP settings and e-mail theme the billing e-mails use (default: the first realm,"
                    + " by name, with a gatehouse-accounts provider).")
            .type(ProviderConfigProperty.STRING_TYPE)
            .add()
            .property()
            .name(BATCH_SIZE)
            .label("Billing batch size")
            .helpText("Invoices or accounts the billing job handles per transaction.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(DEFAULT_BATCH_SIZE)
            .add()
            .build();

    private BillingConfigProperties() {}
}
