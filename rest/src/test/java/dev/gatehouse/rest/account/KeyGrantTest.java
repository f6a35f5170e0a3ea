package dev.gatehouse.rest.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("KeyGrant")
class KeyGrantTest {

    private final KeyGrant grant = new KeyGrant(300);
    private final long now = 1_800_000_000L;

    @Test
    @DisplayName("a token with the scope and an authentication within the limit may manage keys")
    void recentAndScoped() {
        assertThat(grant.refusal("openid gatehouse-api-keys email", now - 300, now))
                .isEmpty();
    }

    @Test
    @DisplayName("without the scope, or with one that merely contains its name, it may not")
    void scopeMissing() {
        assertThat(grant.refusal("openid email profile", now, now))
                .get()
                .asString()
                .contains("gatehouse-api-keys");
        assertThat(grant.refusal("gatehouse-api-keys-extra", now, now)).isPresent();
        assertThat(grant.refusal(null, now, now)).isPresent();
    }

    @Test
    @DisplayName("an authentication older than the limit, or none stated, is refused with the limit")
    void tooOld() {
        assertThat(grant.refusal("gatehouse-api-keys", now - 301, now))
                .get()
                .asString()
                .contains("max_age=300");
        assertThat(grant.refusal("gatehouse-api-keys", null, now)).isPresent();
        assertThat(new KeyGrant(5).refusal("gatehouse-api-keys", now - 6, now)).isPresent();
    }
}
