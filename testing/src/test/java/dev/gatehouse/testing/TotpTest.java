package dev.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The tests' RFC 6238 helper")
class TotpTest {

    @Test
    @DisplayName("gives RFC 6238 appendix B's SHA-1 values, truncated to six digits")
    void rfcVectors() {
        Totp totp = Totp.ofBase32(Totp.RFC_SECRET_BASE32);

        // T = 59 s, 1111111109 s, 1234567890 s, 2000000000 s: 94287082, 07081804, 89005924, 69279037.
        assertThat(totp.at(59 / 30)).isEqualTo("287082");
        assertThat(totp.at(1111111109L / 30)).isEqualTo("081804");
        assertThat(totp.at(1234567890L / 30)).isEqualTo("005924");
        assertThat(totp.at(2000000000L / 30)).isEqualTo("279037");
    }

    @Test
    @DisplayName("reads keys in groups, as Keycloak's setup page shows them")
    void groupedKey() {
        assertThat(Totp.ofBase32("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ").at(1))
                .isEqualTo(Totp.ofBase32(Totp.RFC_SECRET_BASE32).at(1));
    }
}
