package dev.gatehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.metrics.GatehouseMetrics.DeniedLogin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MetricsEventListenerTest {

    @Test
    @DisplayName("login errors map to the reasons an operator reads")
    void reasons() {
        assertThat(MetricsEventListener.reason("invalid_user_credentials", Map.of()))
                .isEqualTo(DeniedLogin.INVALID_CREDENTIALS);
        assertThat(MetricsEventListener.reason("user_not_found", null)).isEqualTo(DeniedLogin.INVALID_CREDENTIALS);
        assertThat(MetricsEventListener.reason("user_temporarily_disabled", null))
                .isEqualTo(DeniedLogin.LOCKED_OUT);
        assertThat(MetricsEventListener.reason("user_disabled", Map.of("gatehouse_status", "banned")))
                .isEqualTo(DeniedLogin.BANNED);
        assertThat(MetricsEventListener.reason("user_disabled", Map.of("gatehouse_status", "terminated")))
                .isEqualTo(DeniedLogin.TERMINATED);
        assertThat(MetricsEventListener.reason("user_disabled", Map.of())).isEqualTo(DeniedLogin.OTHER);
        assertThat(MetricsEventListener.reason("gatehouse_store_unavailable", null))
                .isEqualTo(DeniedLogin.STORE_UNAVAILABLE);
        assertThat(MetricsEventListener.reason("something_new", null)).isEqualTo(DeniedLogin.OTHER);
    }

    @Test
    @DisplayName("a reserved signup and a confirmed one count; other registrations and confirmations do not")
    void signups() {
        assertThat(MetricsEventListener.signupStage(
                        org.keycloak.events.EventType.REGISTER, Map.of("gatehouse_signup", "RESERVE")))
                .contains(GatehouseMetrics.SignupStage.PENDING);
        assertThat(MetricsEventListener.signupStage(
                        org.keycloak.events.EventType.REGISTER, Map.of("gatehouse_signup", "NOTIFY_OWNER")))
                .isEmpty();
        assertThat(MetricsEventListener.signupStage(
                        org.keycloak.events.EventType.VERIFY_EMAIL, Map.of("gatehouse_confirmation", "SIGNUP")))
                .contains(GatehouseMetrics.SignupStage.CONFIRMED);
        assertThat(MetricsEventListener.signupStage(
                        org.keycloak.events.EventType.VERIFY_EMAIL, Map.of("gatehouse_confirmation", "ACCOUNT")))
                .isEmpty();
    }

    @Test
    @DisplayName("counters carry the realm and their own tag, and count what they are given")
    void counters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatehouseMetrics metrics = new GatehouseMetrics(registry);

        metrics.loginDenied("gatehouse", DeniedLogin.BANNED);
        metrics.loginDenied("gatehouse", DeniedLogin.BANNED);
        metrics.apiKeyCheck("gatehouse", GatehouseMetrics.ApiKeyResult.FAILED);
        metrics.accountsStatusChanged("gatehouse", "banned", 5);
        metrics.accountsStatusChanged("gatehouse", "banned", 0);

        assertThat(registry.get("gatehouse.logins.denied")
                        .tags("realm", "gatehouse", "reason", "banned")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(registry.get("gatehouse.api.key.checks")
                        .tags("result", "failed")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get("gatehouse.accounts.status.changed")
                        .tags("status", "banned")
                        .counter()
                        .count())
                .isEqualTo(5.0);
    }
}
