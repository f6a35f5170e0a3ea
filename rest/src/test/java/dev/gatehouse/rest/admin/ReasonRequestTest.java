package dev.gatehouse.rest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ReasonRequest")
class ReasonRequestTest {

    private static ReasonRequest parse(String body) {
        return ReasonRequest.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("reads and strips the reason")
    void reads() {
        // when
        ReasonRequest request = parse("{\"reason\": \"  spam wave \"}");

        // then
        assertThat(request.valid()).isTrue();
        assertThat(request.reason()).isEqualTo("spam wave");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "{\"reason\":",
                "[]",
                "{}",
                "{\"reason\":null}",
                "{\"reason\":42}",
                "{\"reason\":\"  \"}",
                "{\"reason\":\"a\\u0000b\"}"
            })
    @DisplayName("refuses malformed bodies and missing or empty reasons with a message")
    void refuses(String body) {
        // when
        ReasonRequest request = parse(body);

        // then
        assertThat(request.valid()).isFalse();
        assertThat(request.error()).isNotBlank();
    }

    @Test
    @DisplayName("refuses a reason longer than the limit")
    void tooLong() {
        assertThat(parse("{\"reason\":\"" + "x".repeat(ReasonRequest.MAX_REASON_LENGTH + 1) + "\"}")
                        .valid())
                .isFalse();
    }
}
