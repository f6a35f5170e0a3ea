package dev.gatehouse.authenticators.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CentralRedirect's login hint (SPEC P1.2)")
class CentralRedirectTest {

    @Test
    @DisplayName("a typed e-mail address is the hint, exactly as typed")
    void typedAddress() {
        assertThat(CentralRedirect.loginHint("Zoe.OBrien@Example.test")).isEqualTo("Zoe.OBrien@Example.test");
    }

    @Test
    @DisplayName("a typed username gives no hint, whatever the account's address")
    void typedUsername() {
        assertThat(CentralRedirect.loginHint("legacy")).isNull();
        assertThat(CentralRedirect.loginHint("Zoë O'Brien & <Co>")).isNull();
        assertThat(CentralRedirect.loginHint("not an @ address")).isNull();
        assertThat(CentralRedirect.loginHint(null)).isNull();
    }
}
