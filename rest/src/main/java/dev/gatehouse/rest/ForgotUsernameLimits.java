package dev.gatehouse.rest;

import dev.gatehouse.storage.WindowedLimit;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Rate limits of "Forgot username?" per address and per client IP, cluster-wide ({@link
 * WindowedLimit}). Realm attributes {@code gatehouseForgotUsernameLimit} (per address, default 5),
 * {@code gatehouseForgotUsernameIpLimit} (per client IP, default 30) and
 * {@code gatehouseForgotUsernameWindowSeconds} (default 3600) set them.
 */
final class ForgotUsernameLimits {

    static final String LIMIT_ATTRIBUTE = "gatehouseForgotUsernameLimit";
    static final String IP_LIMIT_ATTRIBUTE = "gatehouseForgotUsernameIpLimit";
    static final String WINDOW_ATTRIBUTE = "gatehouseForgotUsernameWindowSeconds";
    static final int DEFAULT_LIMIT = 5;
    // Offices and carrier NAT put many honest users behind one address.
    static final int DEFAULT_IP_LIMIT = 30;
    static final int DEFAULT_WINDOW_SECONDS = 3600;

    private final WindowedLimit perAddress;
    private final WindowedLimit perIp;

    ForgotUsernameLimits(KeycloakSession session, RealmModel realm) {
        int window = WindowedLimit.positiveAttribute(realm, WINDOW_ATTRIBUTE, DEFAULT_WINDOW_SECONDS);
        this.perAddress = new WindowedLimit(
                session, WindowedLimit.positiveAttribute(realm, LIMIT_ATTRIBUTE, DEFAULT_LIMIT), window);
        this.perIp = new WindowedLimit(
                session, WindowedLimit.positiveAttribute(realm, IP_LIMIT_ATTRIBUTE, DEFAULT_IP_LIMIT), window);
    }

    /** Counts one request for the address and for the IP; false once either is over the limit. */
    boolean allow(RealmModel realm, String addressKey, String clientIp) {
        boolean address = perAddress.take("gatehouse-fu:" + realm.getId() + ":a:" + addressKey);
        boolean ip = perIp.take("gatehouse-fu:" + realm.getId() + ":i:" + clientIp);
        return address && ip;
    }
}
