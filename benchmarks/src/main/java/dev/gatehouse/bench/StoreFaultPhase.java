package dev.gatehouse.bench;

import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.StoreOutage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@code store_recovery_ms}: the account store stopped under the running Keycloak for a few
 * seconds and started again, and the time from its return to the first successful direct grant
 * of a store account (the figure {@code StoreFaultIT} prints), the median of a few outages.
 * Keycloak is not restarted.
 */
final class StoreFaultPhase {

    private static final Duration OUTAGE = Duration.ofSeconds(3);
    private static final Duration GIVE_UP = Duration.ofSeconds(60);
    private static final int OUTAGES = 3;

    private final GatehouseEnvironment env;
    private final Results results;
    private final PrintStream out;

    StoreFaultPhase(GatehouseEnvironment env, Results results, PrintStream out) {
        this.env = env;
        this.results = results;
        this.out = out;
    }

    void run() {
        String username = "bench-fault-" + System.nanoTime() % 100_000;
        env.store().account(username).password(Population.PASSWORD).create();
        if (!loggedIn(username)) {
            throw new IllegalStateException("the fault phase's account cannot log in before the outage");
        }
        long[] millis = new long[OUTAGES];
        for (int i = 0; i < OUTAGES; i++) {
            millis[i] = StoreOutage.recoveryMillis(env.store(), OUTAGE, () -> loggedIn(username), GIVE_UP);
        }
        out.printf(
                "  first login after the store's return (outages of %d s): %s ms%n",
                OUTAGE.toSeconds(), Arrays.toString(millis));
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        results.put(
                "store_recovery_ms",
                sorted[(sorted.length - 1) / 2],
                "ms",
                OUTAGES + " outages of " + OUTAGE.toSeconds() + " s, median; max " + sorted[sorted.length - 1] + " ms");
    }

    private boolean loggedIn(String username) {
        return env.oidc(BenchRealm.REALM)
                        .passwordGrant(BenchRealm.GATEHOUSE_API, BenchRealm.SECRET, username, Population.PASSWORD)
                        .statusCode()
                == 200;
    }
}
