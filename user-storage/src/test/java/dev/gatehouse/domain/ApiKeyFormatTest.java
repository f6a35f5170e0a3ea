package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ApiKeyFormat")
class ApiKeyFormatTest {

    private static final ApiKeyFormat FORMAT = new ApiKeyFormat(ApiKeyFormat.DEFAULT_PREFIX);
    private static final String DEMO_LEGACY_KEY = "GH.demo-legacy.dGVzdC1rZXktbGVnYWN5LTAwMDAwMDAwMDAwMDAwMDA";

    @Nested
    @DisplayName("generate()")
    class Generate {

        @Test
        @DisplayName("writes <prefix>.<id>.<43 base64url characters> whose secret hashes to the stored hash")
        void generatesParsableKeys() {
            // when
            ApiKeyFormat.Generated key = FORMAT.generate();

            // then
            assertThat(key.key()).matches("GH\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{43}");
            assertThat(key.key()).startsWith("GH." + key.keyId() + ".");
            ApiKeyFormat.Parsed parsed = FORMAT.parse(key.key()).orElseThrow();
            assertThat(parsed.keyId()).isEqualTo(key.keyId());
            assertThat(parsed.secret()).hasSize(ApiKeyFormat.SECRET_BYTES);
            assertThat(key.secretHash()).hasSize(32).isEqualTo(ApiKeyFormat.sha256(parsed.secret()));
        }

        @Test
        @DisplayName("never repeats an id or a secret")
        void isRandom() {
            Set<String> ids = new HashSet<>();
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < 1000; i++) {
                ApiKeyFormat.Generated key = FORMAT.generate();
                ids.add(key.keyId());
                keys.add(key.key());
            }
            assertThat(ids).hasSize(1000);
            assertThat(keys).hasSize(1000);
        }

        @Test
        @DisplayName("uses the configured prefix")
        void usesThePrefix() {
            ApiKeyFormat custom = new ApiKeyFormat("ACME1");
            assertThat(custom.generate().key()).startsWith("ACME1.");
            assertThat(custom.parse(FORMAT.generate().key())).isEmpty();
        }
    }

    @Nested
    @DisplayName("parse()")
    class Parse {

        @Test
        @DisplayName("reads the demo key: id demo-legacy, the decoded secret bytes")
        void readsTheDemoKey() {
            ApiKeyFormat.Parsed parsed = FORMAT.parse(DEMO_LEGACY_KEY).orElseThrow();
            assertThat(parsed.keyId()).isEqualTo("demo-legacy");
            assertThat(new String(parsed.secret(), StandardCharsets.US_ASCII))
                    .isEqualTo("test-key-legacy-0000000000000000");
        }

        @Test
        @DisplayName("accepts an imported 30-byte secret such as the demo deadbeat key's")
        void acceptsShorterImportedSecrets() {
            assertThat(FORMAT.parse("GH.demo-deadbeat.dGVzdC1rZXktZGVhZGJlYXQtMDAwMDAwMDAwMDAw"))
                    .isPresent();
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @NullSource
        @ValueSource(
                strings = {
                    "",
                    "GH",
                    "GH.",
                    "GH..",
                    "GH.id",
                    "GH.id.",
                    "GH..dGVzdC1rZXktbGVnYWN5LTAwMDAwMDAwMDAwMDAwMDA",
                    "gh.demo-legacy.dGVzdC1rZXktbGVnYWN5LTAwMDAwMDAwMDAwMDAwMDA",
                    "XX.demo-legacy.dGVzdC1rZXktbGVnYWN5LTAwMDAwMDAwMDAwMDAwMDA",
                    "GH.demo-legacy.dGVzdC1rZXktbGVnYWN5LTAwMDAwMDAwMDAwMDAwMDA.extra",
                    "GH.demo legacy.dGVzdC1rZXktbGVnYWN5LTAwMDAwMDAwMDAwMDAwMDA",
                    "GH.demo-legacy.dGVzdC1rZXktbGVnYWN5LTAwMDAwMDAwMDAwMDAwMDA=",
                    "GH.demo-legacy.dGVzdC1rZXktbGVnYWN5LTAwMDAwMDAw+DAwMDAwMDA",
                    "GH.demo-legacy.c2hvcnQ",
                    "GH.demo-legacy.A",
                    "GH.'; DROP TABLE api_key; --.dGVzdC1rZXktbGVnYWN5LTAwMDAwMDAwMDAwMDAwMDA",
                    "GH.${7*7}.dGVzdC1rZXktbGVnYWN5LTAwMDAwMDAwMDAwMDAwMDA",
                    "legacy-pass"
                })
        @DisplayName("rejects anything else")
        void rejectsMalformedKeys(String key) {
            assertThat(FORMAT.parse(key)).isEmpty();
        }

        @Test
        @DisplayName("rejects a key longer than 512 characters without splitting it")
        void rejectsHugeKeys() {
            assertThat(FORMAT.parse("GH.id." + "A".repeat(600))).isEmpty();
        }

        @Test
        @DisplayName("rejects a secret of more than 64 bytes")
        void rejectsLongSecrets() {
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[65]);
            assertThat(FORMAT.parse("GH.id." + secret)).isEmpty();
        }
    }

    @Nested
    @DisplayName("matches()")
    class Matches {

        @Test
        @DisplayName("is true only for the secret whose SHA-256 is stored")
        void comparesHashes() {
            byte[] secret = "test-key-legacy-0000000000000000".getBytes(StandardCharsets.US_ASCII);
            byte[] stored = ApiKeyFormat.sha256(secret);
            byte[] other = secret.clone();
            other[31] ^= 1;

            assertThat(ApiKeyFormat.matches(secret, stored)).isTrue();
            assertThat(ApiKeyFormat.matches(other, stored)).isFalse();
        }

        @Test
        @DisplayName("is false for an unknown key (no stored hash), even for the secret that hashes to the dummy")
        void unknownKeysNeverMatch() {
            assertThat(ApiKeyFormat.matches(new byte[32], null)).isFalse();
        }
    }

    @Test
    @DisplayName("refuses prefixes that could not be parsed back")
    void validatesThePrefix() {
        for (String prefix : new String[] {"", "G.H", "G H", "GH_", "ABCDEFGHIJKLMNOPQ"}) {
            assertThatThrownBy(() -> new ApiKeyFormat(prefix)).as(prefix).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new ApiKeyFormat(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
