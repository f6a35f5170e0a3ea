package dev.gatehouse.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The account store stopped under a running Keycloak and started again: the time from its return
 * to the first successful login, the figure {@code StoreFaultIT} prints and the bench reports as
 * {@code store_recovery_ms}. Keycloak is not restarted.
 */
public final class StoreOutage {

    private static final Duration POLL = Duration.ofMillis(50);

    private StoreOutage() {}

    /**
     * Stops the store for {@code outage}, starts it, then tries {@code loggedIn} every 50 ms until
     * it succeeds; returns the milliseconds from the store's return to the first success's answer.
     * Fails when no login succeeds within {@code giveUp}.
     */
    public static long recoveryMillis(AccountStore store, Duration outage, BooleanSupplier loggedIn, Duration giveUp) {
        store.server().stop();
        try {
            Thread.sleep(outage.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            store.server().start();
        }
        long back = System.nanoTime();
        while (!loggedIn.getAsBoolean()) {
            if (Duration.ofNanos(System.nanoTime() - back).compareTo(giveUp) >= 0) {
                throw new AssertionError("no login succeeded " + giveUp + " after the store's return");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return (System.nanoTime() - back) / 1_000_000;
    }
}
