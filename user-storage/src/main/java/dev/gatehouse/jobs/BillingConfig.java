package dev.gatehouse.jobs;

import dev.gatehouse.domain.BillingCalendar;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.keycloak.Config;

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

    public static BillingConfig of(Config.Scope scope) {
        return parse(
                scope == null ? null : scope.get(BillingConfigProperties.WARNING_OFFSETS),
                scope == null ? null : scope.get(BillingConfigProperties.INTERVAL_SECONDS),
                scope == null ? null : scope.get(BillingConfigProperties.REALM),
                scope == null ? null : scope.get(BillingConfigProperties.BATCH_SIZE));
    }

    static BillingConfig parse(String offsets, String intervalSeconds, String realm, String batchSize) {
        List<Integer> days;
        try {
            days = Arrays.stream(orDefault(offsets, BillingConfigProperties.DEFAULT_OFFSETS)
                            .split(","))
                    .map(String::strip)
                    .map(Integer::valueOf)
                    .toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    BillingConfigProperties.WARNING_OFFSETS + " must list whole days, like 3,10,17: " + offsets);
        }
        int interval = positive(
                BillingConfigProperties.INTERVAL_SECONDS,
                intervalSeconds,
                BillingConfigProperties.DEFAULT_INTERVAL_SECONDS);
        int batch = positive(BillingConfigProperties.BATCH_SIZE, batchSize, BillingConfigProperties.DEFAULT_BATCH_SIZE);
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
