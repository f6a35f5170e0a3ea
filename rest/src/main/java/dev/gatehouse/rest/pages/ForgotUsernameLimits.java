package dev.gatehouse.rest.pages;

import dev.gatehouse.support.RequestLimits;

/**
 * Rate limits of "Forgot username?" per address and per client IP, cluster-wide ({@link
 * RequestLimits}). Realm attributes {@code gatehouseForgotUsernameLimit} (per address, default 5),
 * {@code gatehouseForgotUsernameIpLimit} (per client IP, default 30) and
 * {@code gatehouseForgotUsernameWindowSeconds} (default 3600) set them.
 */
final class ForgotUsernameLimits {

    // Offices and carrier NAT put many honest users behind one address: 30 per IP.
    static final RequestLimits.Defaults DEFAULTS = new RequestLimits.Defaults("gatehouseForgotUsername", 5, 30, 3600);

    private ForgotUsernameLimits() {}
}
