package dev.gatehouse.support;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * At most {@code limit} uses of a counter per fixed window, counted in Keycloak's single-use object
 * store so that every node of a cluster sees the same counts. Each use claims the next free slot
 * of the current window; the slots expire with it, so a counter holds at most {@code limit} entries.
 */
public final class WindowedLimit {

    private final KeycloakSession session;
    private final int limit;
    private final int windowSeconds;

    public WindowedLimit(KeycloakSession session, int limit, int windowSeconds) {
        this.session = session;
        this.limit = limit;
        this.windowSeconds = windowSeconds;
    }

    /** Counts one use; false once the counter has had {@code limit} uses in this window. */
    public boolean take(String counter) {
        String window = counter + ":" + Time.currentTime() / windowSeconds + ":";
        for (int slot = firstFree(window); slot <= limit; slot++) {
            if (session.singleUseObjects().putIfAbsent(window + slot, windowSeconds)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the counter has had its {@code limit} uses in this window; stores nothing. */
    public boolean exhausted(String counter) {
        return session.singleUseObjects().contains(counter + ":" + Time.currentTime() / windowSeconds + ":" + limit);
    }

    /**
     * Counts one use of each counter, or of none when any is exhausted: a request refused by one
     * limit leaves nothing in the others (SPEC S3).
     *
     * @return false, storing nothing, when a counter had its uses in this window
     */
    public static boolean takeAll(Use... uses) {
        for (Use use : uses) {
            if (use.limit().exhausted(use.counter())) {
                return false;
            }
        }
        boolean taken = true;
        for (Use use : uses) {
            // Two requests racing for a counter's last use: the loser is refused.
            taken &= use.limit().take(use.counter());
        }
        return taken;
    }

    /** One counter of one limit. */
    public record Use(WindowedLimit limit, String counter) {}

    /** Slots fill in order: a binary search finds the first free one in log(limit) look-ups. */
    private int firstFree(String window) {
        int low = 1;
        int high = limit + 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (session.singleUseObjects().contains(window + middle)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** A positive whole number from the realm's Gatehouse settings ({@link RealmSettings}), or the fallback. */
    public static int positiveAttribute(RealmModel realm, String attribute, int fallback) {
        String value = RealmSettings.get(realm, attribute);
        try {
            int parsed = value == null ? fallback : Integer.parseInt(value.strip());
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
