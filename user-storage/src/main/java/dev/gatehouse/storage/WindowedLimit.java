package dev.gatehouse.storage;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * At most {@code limit} uses of a counter per fixed window, counted in Keycloak's single-use object
 * store so that every node of a cluster sees the same counts. Each use claims the next free slot
 * of the current window; the slots expire with it.
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
        long window = Time.currentTime() / windowSeconds;
        for (int slot = 1; slot <= limit; slot++) {
            if (session.singleUseObjects().putIfAbsent(counter + ":" + window + ":" + slot, windowSeconds)) {
                return true;
            }
        }
        return false;
    }

    /** A positive whole number from a realm attribute, or the fallback when it is unset or unusable. */
    public static int positiveAttribute(RealmModel realm, String attribute, int fallback) {
        String value = realm.getAttribute(attribute);
        try {
            int parsed = value == null ? fallback : Integer.parseInt(value.strip());
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
