package dev.gatehouse.jobs;

import dev.gatehouse.domain.BillingCalendar;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Typed server configuration of the daily billing job, read from the {@code gatehouse-jobs} SPI's
 * scope, for example {@code --spi-gatehouse-jobs--default--billing-warning-offsets=3,10,17}. A value that cannot
 * be used fails the server start.
 *
 * @param interval how often the scheduled task wakes up; it does a date's work once
 * @param realm the realm whose SMTP settings and e-mail theme the job's messages use; empty: the
 *     first realm, by name, with a {@code gatehouse-accounts} provider
 * @param batchSize invoices or accounts per transaction
 */
public record BillingConfig(BillingCalendar calendar, Duration interval, Optional<String> realm, int batchSize) {

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

    public static BillingConfig of(Config.Scope scope) {
        return parse(
                scope == null ? null : scope.get(WARNING_OFFSETS),
                scope == null ? null : scope.get(INTERVAL_SECONDS),
                scope == null ? null : scope.get(REALM),
                scope == null ? null : scope.get(BATCH_SIZE));
    }

    static BillingConfig parse(String offsets, String intervalSeconds, String realm, String batchSize) {
        List<Integer> days;
        try {
            days = Arrays.stream(orDefault(offsets, DEFAULT_OFFSETS).split(","))
                    .map(String::strip)
                    .map(Integer::valueOf)
                    .toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(WARNING_OFFSETS + " must list whole days, like 3,10,17: " + offsets);
        }
        int interval = positive(INTERVAL_SECONDS, intervalSeconds, DEFAULT_INTERVAL_SECONDS);
        int batch = positive(BATCH_SIZE, batchSize, DEFAULT_BATCH_SIZE);
        return new BillingConfig(
                new BillingCalendar(days),
                Duration.ofSeconds(interval),
                Optional.ofNullable(realm).map(String::strip).filter(name -> !name.isEmpty()),
                batch);
    }

    private static int positive(String key, String value, int fallback) {
        try {
            int number = Integer.parseInt(orDefault(value, String.valueOf(fallback)));
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a positive whole number: " + value);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
