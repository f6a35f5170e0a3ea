package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PasswordHasher")
class PasswordHasherTest {

    private static final int COST = 4;
    private static final PasswordHasher HASHER = new PasswordHasher(COST);

    private static String legacyHash(BCrypt.Version version, byte[] password) {
        return new String(BCrypt.with(version).hash(COST, password), StandardCharsets.US_ASCII);
    }

    private static String legacyHash(BCrypt.Version version, String password) {
        return legacyHash(version, password.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    @DisplayName("hash() and verify()")
    class RoundTrip {

        @Test
        @DisplayName("verify the password that was hashed")
        void verifiesTheHashedPassword() {
            // given
            String hash = HASHER.hash("correct horse battery staple");

            // when
            boolean verified = HASHER.verify("correct horse battery staple", hash);

            // then
            assertThat(verified).isTrue();
        }

        @Test
        @DisplayName("write $2a$ hashes of the configured cost, salted afresh each time")
        void writesSaltedHashesOfTheConfiguredCost() {
            // when
            String first = HASHER.hash("secret");
            String second = HASHER.hash("secret");

            // then
            assertThat(first).startsWith("$2a$04$").hasSize(60);
            assertThat(second).isNotEqualTo(first);
        }

        @Test
        @DisplayName("handle non-ASCII passwords as UTF-8")
        void handlesNonAsciiPasswords() {
            // given
            String password = "p\u00E4ssw\u00F6rd\uD83D\uDE00";
            String hash = HASHER.hash(password);

            // when / then
            assertThat(HASHER.verify(password, hash)).isTrue();
            assertThat(HASHER.verify("passw\u00F6rd\uD83D\uDE00", hash)).isFalse();
        }

        @Test
        @DisplayName("accept the empty password when that is what was hashed")
        void handlesTheEmptyPassword() {
            // given
            String hash = HASHER.hash("");

            // when / then
            assertThat(HASHER.verify("", hash)).isTrue();
            assertThat(HASHER.verify(" ", hash)).isFalse();
        }
    }

    @Nested
    @DisplayName("verify()")
    class Verify {

        @Test
        @DisplayName("rejects a wrong password")
        void rejectsAWrongPassword() {
            // given
            String hash = HASHER.hash("secret");

            // when / then
            assertThat(HASHER.verify("Secret", hash)).isFalse();
            assertThat(HASHER.verify("secret ", hash)).isFalse();
            assertThat(HASHER.verify("", hash)).isFalse();
        }

        @Test
        @DisplayName("rejects a null password or a null hash")
        void rejectsNulls() {
            // given
            String hash = HASHER.hash("secret");

            // when / then
            assertThat(HASHER.verify(null, hash)).isFalse();
            assertThat(HASHER.verify("secret", null)).isFalse();
            assertThat(HASHER.verify(null, null)).isFalse();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(
                strings = {
                    "",
                    "garbage",
                    "secret",
                    "$",
                    "$2b$",
                    "$2b$04$",
                    "$2a$04$short",
                    "$2x$04$abcdefghijklmnopqrstuuBzzIgyKkz7xMWYSzkIjUSnxEQFQ0WNe",
                    "$2b$xx$abcdefghijklmnopqrstuuBzzIgyKkz7xMWYSzkIjUSnxEQFQ0WNe",
                    "$2b$03$abcdefghijklmnopqrstuuBzzIgyKkz7xMWYSzkIjUSnxEQFQ0WNe",
                    "$2b$99$abcdefghijklmnopqrstuuBzzIgyKkz7xMWYSzkIjUSnxEQFQ0WNe",
                    "$2b$04$!!!!!!!!!!!!!!!!!!!!!!BzzIgyKkz7xMWYSzkIjUSnxEQFQ0WNe",
                    "$2b$04$abcdefghijklmnopqrstuuBzzIgyKkz7xMWYSzkIjUSnxEQFQ0WN",
                    "$2b$04$abcdefghijklmnopqrstuuBzzIgyKkz7xMWYSzkIjUSnxEQFQ0WNeXX",
                    "{bcrypt}$2b$04$abcdefghijklmnopqrstuuBzzIgyKkz7xMWYSzkIjUSnxEQFQ0WNe"
                })
        @DisplayName("answers false for a malformed stored hash, without throwing")
        void rejectsMalformedHashes(String malformed) {
            // when / then
            assertThatCode(() -> assertThat(HASHER.verify("secret", malformed)).isFalse())
                    .doesNotThrowAnyException();
        }

        @Test
        @DisplayName("verifies $2y$ hashes, as PHP writes them")
        void verifies2yHashes() {
            // given
            String hash = legacyHash(BCrypt.Version.VERSION_2Y, "legacy secret");

            // when / then
            assertThat(hash).startsWith("$2y$04$");
            assertThat(HASHER.verify("legacy secret", hash)).isTrue();
            assertThat(HASHER.verify("legacy secreT", hash)).isFalse();
        }

        @Test
        @DisplayName("verifies $2b$ hashes, as OpenBSD and current libraries write them")
        void verifies2bHashes() {
            // given
            String hash = legacyHash(BCrypt.Version.VERSION_2B, "legacy secret");

            // when / then
            assertThat(hash).startsWith("$2b$04$");
            assertThat(HASHER.verify("legacy secret", hash)).isTrue();
            assertThat(HASHER.verify("legacy secreT", hash)).isFalse();
        }

        @Test
        @DisplayName("verifies hashes of a cost other than its own")
        void verifiesHashesOfAnotherCost() {
            // given
            String hash = new PasswordHasher(5).hash("secret");

            // when / then
            assertThat(hash).startsWith("$2a$05$");
            assertThat(HASHER.verify("secret", hash)).isTrue();
        }

        @Test
        @DisplayName("verifies hashes written by crypt(3) (libxcrypt), non-ASCII passwords included")
        void verifiesHashesOfAnotherImplementation() {
            // given: crypt("p\u00E4ssw\u00F6rd\uD83D\uDE00", "$2y$04$abcdefghijklmnopqrstuu") on glibc's libxcrypt
            String hash = "$2y$04$abcdefghijklmnopqrstuu2qH45gpBaaeATbcWybU7GN5ZqmYu.Pa";

            // when / then
            assertThat(HASHER.verify("p\u00E4ssw\u00F6rd\uD83D\uDE00", hash)).isTrue();
            assertThat(HASHER.verify("passw\u00F6rd", hash)).isFalse();
        }
    }

    @Nested
    @DisplayName("passwords longer than bcrypt's 72 bytes")
    class LongPasswords {

        private final String longPassword = "0123456789".repeat(10);

        @Test
        @DisplayName("verify against a legacy hash of their first 72 bytes")
        void verifyAgainstTheTruncatedLegacyHash() {
            // given: legacy systems hashed only the first 72 bytes
            byte[] first72 = Arrays.copyOf(longPassword.getBytes(StandardCharsets.UTF_8), 72);
            String hash = legacyHash(BCrypt.Version.VERSION_2B, first72);

            // when / then
            assertThat(HASHER.verify(longPassword, hash)).isTrue();
            assertThat(HASHER.verify(longPassword.substring(0, 72) + "anything else", hash))
                    .isTrue();
            assertThat(HASHER.verify(longPassword.substring(0, 71), hash)).isFalse();
        }

        @Test
        @DisplayName("are truncated by bytes, not characters, for multi-byte characters")
        void truncateByBytes() {
            // given: 40 two-byte characters are 80 bytes; the legacy hash covers the first 36
            String password = "\u00E4".repeat(40);
            String hash =
                    legacyHash(BCrypt.Version.VERSION_2Y, Arrays.copyOf(password.getBytes(StandardCharsets.UTF_8), 72));

            // when / then
            assertThat(HASHER.verify(password, hash)).isTrue();
            assertThat(HASHER.verify("\u00E4".repeat(36), hash)).isTrue();
            assertThat(HASHER.verify("\u00E4".repeat(35), hash)).isFalse();
        }

        @Test
        @DisplayName("verify against a hash written by crypt(3) (libxcrypt)")
        void verifyAgainstAnotherImplementation() {
            // given: crypt("a" x 80, "$2y$04$abcdefghijklmnopqrstuu") on glibc's libxcrypt
            String hash = "$2y$04$abcdefghijklmnopqrstuuBzzIgyKkz7xMWYSzkIjUSnxEQFQ0WNe";

            // when / then
            assertThat(HASHER.verify("a".repeat(80), hash)).isTrue();
            assertThat(HASHER.verify("a".repeat(72), hash)).isTrue();
            assertThat(HASHER.verify("a".repeat(71), hash)).isFalse();
        }

        @Test
        @DisplayName("can be hashed, and then verify by their first 72 bytes")
        void canBeHashed() {
            // when
            String hash = HASHER.hash(longPassword);

            // then
            assertThat(HASHER.verify(longPassword, hash)).isTrue();
            assertThat(HASHER.verify(longPassword.substring(0, 72), hash)).isTrue();
        }
    }

    @Nested
    @DisplayName("the constructor")
    class Constructor {

        @ParameterizedTest(name = "cost {0}")
        @ValueSource(ints = {3, 17, 0, -1, 31})
        @DisplayName("rejects a cost outside 4 to 16")
        void rejectsCostsOutOfRange(int cost) {
            assertThatThrownBy(() -> new PasswordHasher(cost))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("between 4 and 16");
        }

        @Test
        @DisplayName("accepts the lowest cost")
        void acceptsTheLowestCost() {
            assertThat(PasswordHasher.MIN_COST).isEqualTo(4);
            assertThat(PasswordHasher.MAX_COST).isEqualTo(16);
            assertThatCode(() -> new PasswordHasher(PasswordHasher.MIN_COST)).doesNotThrowAnyException();
        }
    }

    @Nested
    @DisplayName("dummyVerify()")
    class DummyVerify {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "guess", "p\u00E4ssw\u00F6rd"})
        @DisplayName("spends a verification on any password without failing")
        void acceptsAnyPassword(String password) {
            assertThatCode(() -> HASHER.dummyVerify(password)).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("copes with a null password")
        void acceptsNull() {
            assertThatCode(() -> HASHER.dummyVerify(null)).doesNotThrowAnyException();
        }
    }
}
