package dev.gatehouse.rest.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.TeammateLevel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("TeammateRequest")
class TeammateRequestTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("an invitation reads the address and the level")
    void invitation() {
        TeammateRequest request =
                TeammateRequest.invitation(json("{\"email\":\" ann@example.com \",\"level\":\"read-only\"}"));
        assertThat(request.valid()).isTrue();
        assertThat(request.email()).isEqualTo("ann@example.com");
        assertThat(request.level()).isEqualTo(TeammateLevel.READ_ONLY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"email\":\"ann\",\"level\":\"admin\"}",
                "{\"email\":\"@example.com\",\"level\":\"admin\"}",
                "{\"email\":\"a@b@c\",\"level\":\"admin\"}",
                "{\"email\":\"ann @example.com\",\"level\":\"admin\"}",
                "{\"email\":\"ann@example.com\",\"level\":\"owner\"}",
                "{\"email\":\"ann@example.com\"}",
                "{\"level\":\"admin\"}",
                "[]",
                "{\"email\":"
            })
    @DisplayName("malformed invitations are refused with a message")
    void invalid(String body) {
        TeammateRequest request = TeammateRequest.invitation(json(body));
        assertThat(request.valid()).isFalse();
        assertThat(request.error()).isNotBlank();
    }

    @Test
    @DisplayName("a level change names a teammate level")
    void levelChange() {
        assertThat(TeammateRequest.levelChange(json("{\"level\":\"billing\"}")).level())
                .isEqualTo(TeammateLevel.BILLING);
        assertThat(TeammateRequest.levelChange(json("{\"level\":\"owner\"}")).error())
                .contains("admin, developer, billing, read-only");
    }
}
