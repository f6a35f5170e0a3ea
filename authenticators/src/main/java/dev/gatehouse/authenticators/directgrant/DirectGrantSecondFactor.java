package dev.gatehouse.authenticators.directgrant;

import dev.gatehouse.authenticators.GrantError;
import dev.gatehouse.authenticators.TroubleshootingLink;
import dev.gatehouse.federation.SecondFactors;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * {@code gatehouse-direct-grant-second-factor}: after the password is proven, an account with TOTP
 * must send its code ({@code totp} or {@code otp}, which Keycloak's {@code direct-grant-validate-otp}
 * then checks); a passkey cannot be used on a direct grant; and where the realm requires a second
 * factor, an account without one must enrol in the browser first (SPEC P9.1, P9.2). Each refusal is a
 * 400 {@code invalid_grant} saying what is missing. A challenge, not a failure: the password was
 * right, so brute-force detection must not count it.
 */
public final class DirectGrantSecondFactor extends DirectGrantStep {

    public static final String PROVIDER_ID = "gatehouse-direct-grant-second-factor";

    static final String EVENT_ERROR = "gatehouse_second_factor_required";
    static final String SECTION = "lost-second-factor";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        String refusal = refusal(context, user);
        if (refusal == null) {
            context.success();
            return;
        }
        context.getEvent().user(user).detail("gatehouse_refusal", refusal).error(EVENT_ERROR);
        context.forceChallenge(
                GrantError.invalidGrant(context, user, refusal, TroubleshootingLink.to(context, SECTION)));
    }

    private static String refusal(AuthenticationFlowContext context, UserModel user) {
        List<String> types = SecondFactors.types(user);
        boolean enrolmentDue = SecondFactors.enrolmentDue(context.getRealm(), user);
        return SecondFactorGrant.decide(types, code(context) != null, enrolmentDue).messageKey;
    }

    /** Keycloak's direct-grant OTP step reads {@code otp}, then {@code totp}. */
    private static String code(AuthenticationFlowContext context) {
        var form = context.getHttpRequest().getDecodedFormParameters();
        String code = form.getFirst("otp");
        code = code == null ? form.getFirst("totp") : code;
        return code == null || code.isBlank() ? null : code;
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse second-factor check";
    }

    @Override
    public String getHelpText() {
        return "Refuses direct grants that lack the TOTP code of an account that has one, of passkey-only accounts, "
                + "and of accounts that must still enrol a second factor. Put it after the password validation and "
                + "before Keycloak's OTP validation.";
    }
}
