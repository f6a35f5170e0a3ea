package dev.gatehouse.authenticators.signup;

import dev.gatehouse.support.WindowedLimit;
import org.keycloak.models.RealmModel;

/**
 * Signup and confirmation settings, from realm attributes so that the signup step, the password
 * step and the direct grant agree: {@code gatehouseConfirmationLinkSeconds} (lifetime of a
 * confirmation link and of the pending signup it belongs to, default 24 h),
 * {@code gatehouseConfirmationResendLimit} (resends per account and window, default 3) and
 * {@code gatehouseConfirmationResendWindowSeconds} (default one hour).
 */
public record SignupSettings(int linkSeconds, int resendLimit, int resendWindowSeconds) {

    static final String LINK_SECONDS_ATTRIBUTE = "gatehouseConfirmationLinkSeconds";
    static final String RESEND_LIMIT_ATTRIBUTE = "gatehouseConfirmationResendLimit";
    static final String RESEND_WINDOW_ATTRIBUTE = "gatehouseConfirmationResendWindowSeconds";
    static final int DEFAULT_LINK_SECONDS = 24 * 3600;
    static final int DEFAULT_RESEND_LIMIT = 3;
    static final int DEFAULT_RESEND_WINDOW_SECONDS = 3600;

    public static SignupSettings of(RealmModel realm) {
        return new SignupSettings(
                WindowedLimit.positiveAttribute(realm, LINK_SECONDS_ATTRIBUTE, DEFAULT_LINK_SECONDS),
                WindowedLimit.positiveAttribute(realm, RESEND_LIMIT_ATTRIBUTE, DEFAULT_RESEND_LIMIT),
                WindowedLimit.positiveAttribute(realm, RESEND_WINDOW_ATTRIBUTE, DEFAULT_RESEND_WINDOW_SECONDS));
    }

    /** The link's lifetime in whole hours, rounded up, as the e-mail states it. */
    int linkHours() {
        return (linkSeconds + 3599) / 3600;
    }
}
