package dev.gatehouse.support;

/**
 * Every realm attribute Gatehouse reads, with its default: the one place their names are written
 * (Realm settings → attributes in the admin console, {@code attributes} in the realm export).
 * Numbers must be positive whole numbers; anything else reads as the default.
 */
public final class RealmAttributes {

    /** Alias of the central identity provider. */
    public static final String CENTRAL_IDP = "gatehouseCentralIdp";

    public static final String DEFAULT_CENTRAL_IDP = "console";

    /** Where linked accounts reset their password; no default (the central-reset e-mail then has no link). */
    public static final String CENTRAL_RESET_URL = "gatehouseCentralResetUrl";

    /** Lifetime of a confirmation link, and of the pending signup it belongs to, in seconds. */
    public static final String CONFIRMATION_LINK_SECONDS = "gatehouseConfirmationLinkSeconds";

    public static final int DEFAULT_CONFIRMATION_LINK_SECONDS = 24 * 3600;

    /** "Resend confirmation" per signup or account and window. */
    public static final String CONFIRMATION_RESEND_LIMIT = "gatehouseConfirmationResendLimit";

    public static final int DEFAULT_CONFIRMATION_RESEND_LIMIT = 3;

    public static final String CONFIRMATION_RESEND_WINDOW_SECONDS = "gatehouseConfirmationResendWindowSeconds";

    /** "Resend confirmation" per client IP and window, whatever the signup or account (SPEC S3). */
    public static final String CONFIRMATION_RESEND_IP_LIMIT = "gatehouseConfirmationResendIpLimit";

    public static final int DEFAULT_CONFIRMATION_RESEND_IP_LIMIT = 30;

    public static final int DEFAULT_CONFIRMATION_RESEND_WINDOW_SECONDS = 3600;

    /** How long ago a user may have authenticated to manage their own API keys, in seconds. */
    public static final String API_KEY_MAX_AUTH_AGE_SECONDS = "gatehouseApiKeyMaxAuthAgeSeconds";

    public static final int DEFAULT_API_KEY_MAX_AUTH_AGE_SECONDS = 300;

    /**
     * The request limits: {@code <prefix>Limit} per target, {@code <prefix>IpLimit} per client IP,
     * {@code <prefix>WindowSeconds}.
     */
    public static final RequestLimits.Defaults SIGNUP_LIMITS =
            new RequestLimits.Defaults("gatehouseSignup", 3, 20, 3600);

    public static final RequestLimits.Defaults FORGOT_PASSWORD_LIMITS =
            new RequestLimits.Defaults("gatehouseForgotPassword", 5, 30, 3600);

    // Offices and carrier NAT put many honest users behind one address: 30 per IP.
    public static final RequestLimits.Defaults FORGOT_USERNAME_LIMITS =
            new RequestLimits.Defaults("gatehouseForgotUsername", 5, 30, 3600);

    public static final RequestLimits.Defaults TEAMMATE_INVITE_LIMITS =
            new RequestLimits.Defaults("gatehouseTeammateInvite", 10, 100, 3600);

    public static final RequestLimits.Defaults FEEDBACK_LIMITS =
            new RequestLimits.Defaults("gatehouseFeedback", 10, 10, 3600);

    private RealmAttributes() {}
}
