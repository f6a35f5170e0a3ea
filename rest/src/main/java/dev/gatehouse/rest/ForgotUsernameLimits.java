package dev.gatehouse.rest;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Rate limits of "Forgot username?" per address and per client IP, counted in Keycloak's
 * single-use object store so that every node of a cluster sees the same counts. Realm attributes
 * {@code gatehouseForgotUsernameLimit} (per address, default 5), {@code gatehouseForgotUsernameIpLimit}
 * (per client IP, default 30) and {@code gatehouseForgotUsernameWindowSeconds} (default 3600) set them.
 */
final class ForgotUsernameLimits {

    static final String LIMIT_ATTRIBUTE = "gatehouseForgotUsernameLimit";
    static final String IP_LIMIT_ATTRIBUTE = "gatehouseForgotUsernameIpLimit";
    static final String WINDOW_ATTRIBUTE = "gatehouseForgotUsernameWindowSeconds";
    static final int DEFAULT_LIMIT = 5;
    // Offices and carrier NAT put many honest users behind one address.
    static final int DEFAULT_IP_LIMIT = 30;
    static final int DEFAULT_WINDOW_SECONDS = 3600;

    private final KeycloakSession session;
    private final int limit;
    private final int ipLimit;
    private final int windowSeconds;

    ForgotUsernameLimits(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.limit = positive(realm.getAttribute(LIMIT_ATTRIBUTE), DEFAULT_LIMIT);
        this.ipLimit = positive(realm.getAttribute(IP_LIMIT_ATTRIBUTE), DEFAULT_IP_LIMIT);
        this.windowSeconds = positive(realm.getAttribute(WINDOW_ATTRIBUTE), DEFAULT_WINDOW_SECONDS);
    }

    /** Counts one request for the address and for the IP; false once either is over the limit. */
    boolean allow(RealmModel realm, String addressKey, String clientIp) {
        boolean address = take("gatehouse-fu:" + realm.getId() + ":a:" + addressKey, limit);
        boolean ip = take("gatehouse-fu:" + realm.getId() + ":i:" + clientIp, ipLimit);
        return address && ip;
    }

    private boolean take(String counter, int limit) {
        SingleUseObjectProvider store = session.singleUseObjects();
        long window = Time.currentTime() / windowSeconds;
        for (int slot = 1; slot <= limit; slot++) {
            if (store.putIfAbsent(counter + ":" + window + ":" + slot, windowSeconds)) {
                return true;
            }
        }
        return false;
    }

    private static int positive(String value, int fallback) {
        try {
            int parsed = value == null ? fallback : Integer.parseInt(value.strip());
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
