package dev.gatehouse.rest.admin.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("SetupRequest")
class SetupRequestTest {

    @Nested
    @DisplayName("reads")
    class Reads {

        @Test
        @DisplayName("an empty body as no central provider and no switch")
        void empty() {
            SetupRequest request = SetupRequest.parse("");
            assertThat(request.centralAlias()).isEmpty();
            assertThat(request.switches()).isEmpty();
        }

        @Test
        @DisplayName("switches that are true, and ignores those that are false")
        void switches() {
            SetupRequest request =
                    SetupRequest.parse("{\"publicSignup\": true, \"themes\": false, \"bruteForce\": true}");
            assertThat(request.switches())
                    .containsExactlyInAnyOrder(SetupSwitch.PUBLIC_SIGNUP, SetupSwitch.BRUTE_FORCE);
        }

        @Test
        @DisplayName("the central alias and reset URL")
        void central() {
            SetupRequest request = SetupRequest.parse(
                    "{\"centralAlias\": \" console \", \"centralResetUrl\": \"https://central.example/reset\"}");
            assertThat(request.centralAlias()).contains("console");
            assertThat(request.centralResetUrl()).contains("https://central.example/reset");
        }

        @Test
        @DisplayName("SMTP settings, which turn the smtp switch on")
        void smtp() {
            SetupRequest request = SetupRequest.parse(
                    "{\"smtp\": {\"host\": \"mail.example\", \"port\": 587, \"from\": \"a@example\"}}");
            assertThat(request.on(SetupSwitch.SMTP)).isTrue();
            assertThat(request.smtp()).containsEntry("port", "587").containsEntry("host", "mail.example");
        }
    }

    @ParameterizedTest
    @DisplayName("refuses")
    @ValueSource(
            strings = {
                "not json",
                "[]",
                "{\"publicSignup\": \"yes\"}",
                "{\"unknown\": true}",
                "{\"centralAlias\": 3}",
                "{\"centralAlias\": \"\"}",
                "{\"centralAlias\": \"c\", \"centralResetUrl\": \"javascript:alert(1)\"}",
                "{\"centralResetUrl\": \"https://central.example/reset\"}",
                "{\"smtp\": {\"host\": \"mail.example\"}}",
                "{\"smtp\": {\"host\": \"h\", \"from\": \"f\", \"debug\": \"true\"}}",
                "{\"smtp\": \"mail.example\"}"
            })
    void refuses(String body) {
        assertThatThrownBy(() -> SetupRequest.parse(body)).isInstanceOf(SetupRequest.Invalid.class);
    }

    @Test
    @DisplayName("every switch states its consequence")
    void consequences() {
        for (SetupSwitch setting : SetupSwitch.values()) {
            assertThat(setting.consequence()).as(setting.key()).hasSizeGreaterThan(40);
        }
    }
}
