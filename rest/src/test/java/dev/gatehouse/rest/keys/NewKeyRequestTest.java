package dev.gatehouse.rest.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("NewKeyRequest")
class NewKeyRequestTest {

    private static NewKeyRequest parse(String body) {
        return NewKeyRequest.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("reads the name, stripped")
    void readsTheName() {
        NewKeyRequest request = parse("{\"name\":\"  mail relay ✉ \"}");
        assertThat(request.valid()).isTrue();
        assertThat(request.name()).isEqualTo("mail relay ✉");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "",
                "{",
                "[]",
                "\"name\"",
                "{}",
                "{\"name\":null}",
                "{\"name\":\"\"}",
                "{\"name\":\"   \"}",
                "{\"name\":42}",
                "{\"name\":[\"a\"]}",
                "{\"name\":\"a\\u0000b\"}",
                "{\"name\":\"a\"} {\"name\":\"b\"}",
            })
    @DisplayName("refuses malformed bodies with a message")
    void refuses(String body) {
        NewKeyRequest request = parse(body);
        assertThat(request.valid()).isFalse();
        assertThat(request.error()).isNotBlank();
    }

    @Test
    @DisplayName("refuses names over 100 characters and invalid UTF-8")
    void limits() {
        assertThat(parse("{\"name\":\"" + "n".repeat(101) + "\"}").valid()).isFalse();
        assertThat(parse("{\"name\":\"" + "n".repeat(100) + "\"}").valid()).isTrue();
        assertThat(NewKeyRequest.parse(new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xFF, '"', '}'})
                        .valid())
                .isFalse();
    }
}
