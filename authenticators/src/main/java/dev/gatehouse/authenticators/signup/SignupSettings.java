package dev.gatehouse.authenticators.signup;

import dev.gatehouse.support.RealmAttributes;
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

    public static SignupSettings of(RealmModel realm) {
        return new SignupSettings(
                WindowedLimit.positiveAttribute(
                        realm,
                        RealmAttributes.CONFIRMATION_LINK_SECONDS,
                        RealmAttributes.DEFAULT_CONFIRMATION_LINK_SECONDS),
                WindowedLimit.positiveAttribute(
                        realm,
                        RealmAttributes.CONFIRMATION_RESEND_LIMIT,
                        RealmAttributes.DEFAULT_CONFIRMATION_RESEND_LIMIT),
                WindowedLimit.positiveAttribute(
                        realm,
                        RealmAttributes.CONFIRMATION_RESEND_WINDOW_SECONDS,
                        RealmAttributes.DEFAULT_CONFIRMATION_RESEND_WINDOW_SECONDS));
    }

    /** The link's lifetime in whole hours, rounded up, as the e-mail states it. */
    int linkHours() {
        return (linkSeconds + 3599) / 3600;
    }
}
