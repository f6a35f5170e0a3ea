package dev.gatehouse.rest.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.rest.RequestBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("CheckRequest")
class CheckRequestTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";

    private static CheckRequest.Parsed parse(String contentType, String body) {
        return CheckRequest.json(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A form as Keycloak's decoder hands it over: every field with its values. */
    private static CheckRequest.Parsed form(String... nameValues) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            form.computeIfAbsent(nameValues[i], k -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return CheckRequest.form(form);
    }

    @Nested
    @DisplayName("reads both fields")
    class Valid {

        @Test
        @DisplayName("from a decoded form, ignoring other fields")
        void fromForm() {
            CheckRequest.Parsed parsed = form("api_user", "Zoë O'Brien", "api_key", "GH.id.secret", "other", "x");
            assertThat(parsed.valid()).isTrue();
            assertThat(parsed.apiUser()).isEqualTo("Zoë O'Brien");
            assertThat(parsed.apiKey()).isEqualTo("GH.id.secret");
        }

        @Test
        @DisplayName("from a JSON object, with a charset parameter")
        void json() {
            assertThat(CheckRequest.isForm(FORM + "; charset=UTF-8")).isTrue();
            CheckRequest.Parsed parsed =
                    parse(JSON + "; charset=UTF-8", "{\"api_user\":\"apikey\",\"api_key\":\"GH.a.b\",\"x\":[1]}");
            assertThat(parsed.valid()).isTrue();
            assertThat(parsed.apiUser()).isEqualTo("apikey");
            assertThat(parsed.apiKey()).isEqualTo("GH.a.b");
        }
    }

    @Nested
    @DisplayName("refuses")
    class Invalid {

        @Test
        @DisplayName("a form with a missing or blank field: 400 naming it")
        void missingFormFields() {
            for (CheckRequest.Parsed parsed : List.of(
                    form(),
                    form("api_user", "ann"),
                    form("api_key", "GH.a.b"),
                    form("api_user", "", "api_key", "GH.a.b"),
                    form("api_user", "ann", "api_key", "   "))) {
                assertThat(parsed.valid()).isFalse();
                assertThat(parsed.status()).isEqualTo(400);
                assertThat(parsed.field()).isIn(CheckRequest.API_USER, CheckRequest.API_KEY);
                assertThat(parsed.error()).endsWith("is required");
            }
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(
                strings = {
                    "",
                    "[]",
                    "[{\"api_user\":\"a\",\"api_key\":\"b\"}]",
                    "\"api_user\"",
                    "42",
                    "null",
                    "{",
                    "{\"api_user\":\"a\",\"api_key\":\"b\"} trailing",
                    "{\"api_user\":1,\"api_key\":\"b\"}",
                    "{\"api_user\":\"a\",\"api_key\":{\"$ne\":null}}",
                    "{\"api_user\":\"a\",\"api_user\":\"b\",\"api_key\":\"c\"}",
                })
        @DisplayName("JSON that is not an object of string fields: 400")
        void badJson(String body) {
            CheckRequest.Parsed parsed = parse(JSON, body);
            assertThat(parsed.valid()).isFalse();
            assertThat(parsed.status()).isEqualTo(400);
        }

        @Test
        @DisplayName("a JSON object without api_key: 400 naming the field")
        void missingJsonField() {
            CheckRequest.Parsed parsed = parse(JSON, "{\"api_user\":\"ann\",\"api_key\":null}");
            assertThat(parsed.status()).isEqualTo(400);
            assertThat(parsed.field()).isEqualTo("api_key");
        }

        @Test
        @DisplayName("bytes that are not UTF-8, raw or percent-encoded: 400")
        void invalidUtf8() {
            byte[] raw = {'{', '"', 'a', 'p', 'i', '_', 'u', 's', 'e', 'r', '"', ':', '"', (byte) 0xC3, '"', '}'};
            assertThat(CheckRequest.json(JSON, raw).status()).isEqualTo(400);
            byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
            assertThat(CheckRequest.json(JSON, overlong).status())
                    .as("an overlong form")
                    .isEqualTo(400);
            byte[] surrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
            assertThat(CheckRequest.json(JSON, surrogate).status())
                    .as("an encoded lone surrogate")
                    .isEqualTo(400);
            assertThat(form("api_user", "a\uFFFDb", "api_key", "GH.a.b").status())
                    .as("a form the decoder found invalid")
                    .isEqualTo(400);
        }

        @Test
        @DisplayName("a field given twice in a form: 400")
        void repeatedField() {
            assertThat(form("api_user", "a", "api_user", "b", "api_key", "c").status())
                    .isEqualTo(400);
        }

        @Test
        @DisplayName("a field longer than 1024 characters: 400; a form over 16 KiB: 413")
        void longFields() {
            assertThat(form("api_user", "a", "api_key", "k".repeat(1025)).status())
                    .isEqualTo(400);
            assertThat(form("api_user", "a", "api_key", "k", "pad", "p".repeat(RequestBody.MAX_BYTES))
                            .status())
                    .isEqualTo(413);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"text/plain", "multipart/form-data; boundary=x", ""})
        @DisplayName("other media types: 415")
        void otherMediaTypes(String contentType) {
            assertThat(CheckRequest.isForm(contentType)).isFalse();
            assertThat(parse(contentType, "api_user=a&api_key=b").status()).isEqualTo(415);
            assertThat(CheckRequest.json(null, new byte[0]).status()).isEqualTo(415);
        }
    }

    @Nested
    @DisplayName("RequestBody")
    class Body {

        @Test
        @DisplayName("reads 16 KiB, and no more than one byte past it")
        void limit() throws IOException {
            assertThat(RequestBody.read(new ByteArrayInputStream(new byte[RequestBody.MAX_BYTES])))
                    .get()
                    .extracting(bytes -> bytes.length)
                    .isEqualTo(RequestBody.MAX_BYTES);
            ByteArrayInputStream huge = new ByteArrayInputStream(new byte[1 << 20]);
            assertThat(RequestBody.read(huge)).isEmpty();
            assertThat(huge.available()).isEqualTo((1 << 20) - RequestBody.MAX_BYTES - 1);
            assertThat(RequestBody.read(null))
                    .get()
                    .extracting(bytes -> bytes.length)
                    .isEqualTo(0);
        }
    }
}
