package dev.gatehouse.authenticators.directgrant;

import dev.gatehouse.federation.SecondFactors;
import java.util.Collection;

/** What a direct grant with a proven password still needs, by the second factors the account holds (SPEC P9.1, P9.2). */
enum SecondFactorGrant {
    /** Nothing: no second factor, or a TOTP code was sent for Keycloak's OTP step to check. */
    PROCEED(null),
    CODE_REQUIRED("gatehouse.directGrantCodeRequired"),
    /** Passkeys and security keys need a browser. */
    PASSKEY_ONLY("gatehouse.directGrantPasskeyOnly"),
    ENROLMENT_REQUIRED("gatehouse.directGrantEnrolmentRequired");

    /** The login theme's message that explains the refusal; null for {@link #PROCEED}. */
    final String messageKey;

    SecondFactorGrant(String messageKey) {
        this.messageKey = messageKey;
    }

    static SecondFactorGrant decide(Collection<String> types, boolean codeSent, boolean enrolmentDue) {
        if (types.contains(SecondFactors.OTP)) {
            return codeSent ? PROCEED : CODE_REQUIRED;
        }
        if (types.contains(SecondFactors.WEBAUTHN) || types.contains(SecondFactors.PASSKEY)) {
            return PASSKEY_ONLY;
        }
        return enrolmentDue ? ENROLMENT_REQUIRED : PROCEED;
    }
}
