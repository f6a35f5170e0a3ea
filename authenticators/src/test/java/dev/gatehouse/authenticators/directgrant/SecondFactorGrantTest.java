package dev.gatehouse.authenticators.directgrant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SecondFactorGrant")
class SecondFactorGrantTest {

    @Nested
    @DisplayName("an account with TOTP")
    class WithTotp {

        @Test
        @DisplayName("needs the code, and proceeds to Keycloak's OTP check with one")
        void needsTheCode() {
            assertThat(SecondFactorGrant.decide(List.of("otp"), false, false))
                    .isEqualTo(SecondFactorGrant.CODE_REQUIRED);
            assertThat(SecondFactorGrant.decide(List.of("otp", "webauthn-passwordless"), true, false))
                    .isEqualTo(SecondFactorGrant.PROCEED);
        }
    }

    @Test
    @DisplayName("a passkey-only account is refused whatever it sends")
    void passkeyOnly() {
        assertThat(SecondFactorGrant.decide(List.of("webauthn-passwordless"), true, false))
                .isEqualTo(SecondFactorGrant.PASSKEY_ONLY);
        assertThat(SecondFactorGrant.decide(List.of("webauthn", "recovery-authn-codes"), false, false))
                .isEqualTo(SecondFactorGrant.PASSKEY_ONLY);
    }

    @Test
    @DisplayName("an account without a second factor proceeds unless the realm requires one")
    void withoutSecondFactor() {
        assertThat(SecondFactorGrant.decide(List.of(), false, false)).isEqualTo(SecondFactorGrant.PROCEED);
        assertThat(SecondFactorGrant.decide(List.of(), false, true)).isEqualTo(SecondFactorGrant.ENROLMENT_REQUIRED);
        assertThat(SecondFactorGrant.PROCEED.messageKey).isNull();
    }
}
