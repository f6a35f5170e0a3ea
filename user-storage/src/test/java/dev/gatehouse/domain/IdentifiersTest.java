package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Identifiers")
class IdentifiersTest {

    private static final String GRINNING_FACE = "\uD83D\uDE00";

    @Nested
    @DisplayName("key()")
    class Key {

        @Test
        @DisplayName("gives a name typed with a combining diaeresis the key of its precomposed spelling")
        void combiningAndPrecomposedSpellingsShareAKey() {
            // given
            String combining = "Zoe\u0308";
            String precomposed = "Zo\u00EB";

            // when
            String combiningKey = Identifiers.key(combining);
            String precomposedKey = Identifiers.key(precomposed);

            // then
            assertThat(combining).isNotEqualTo(precomposed);
            assertThat(combiningKey).isEqualTo(precomposedKey).isEqualTo("zo\u00EB");
        }

        @Test
        @DisplayName("ignores case, also of accented letters")
        void ignoresCase() {
            // given
            String upperCombining = "ZOE\u0308";
            String mixed = "zO\u00CB";

            // when / then
            assertThat(Identifiers.key(upperCombining))
                    .isEqualTo(Identifiers.key(mixed))
                    .isEqualTo("zo\u00EB");
        }

        @Test
        @DisplayName("strips leading and trailing white space, Unicode spaces included, but keeps inner spaces")
        void stripsOuterWhiteSpace() {
            // given
            String padded = " \t\u2003Mary Ann\u3000\n";

            // when
            String key = Identifiers.key(padded);

            // then
            assertThat(key).isEqualTo("mary ann");
        }

        @Test
        @DisplayName("lower-cases by the root locale's rules whatever the JVM's default locale")
        void lowerCasesIndependentlyOfTheDefaultLocale() {
            // given
            Locale original = Locale.getDefault();
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            try {
                // when
                String key = Identifiers.key("TITLE");

                // then: Turkish rules would give a dotless "tıtle"
                assertThat(key).isEqualTo("title");
            } finally {
                Locale.setDefault(original);
            }
        }

        @Test
        @DisplayName("keys e-mail addresses the same way as usernames")
        void keysEmailAddresses() {
            // given
            String email = "Zoe\u0308.M\u00DCller@Example.COM";

            // when
            String key = Identifiers.key(email);

            // then
            assertThat(key).isEqualTo("zo\u00EB.m\u00FCller@example.com");
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(
                strings = {
                    "\u217Cegacy",
                    "legacy\u200B",
                    "legacy\u202E",
                    "\u200Blegacy",
                    "LEG\u00ADACY",
                    "\uFF4C\uFF45\uFF47\uFF41\uFF43\uFF59",
                    "\uFEFF Legacy "
                })
        @DisplayName("gives compatibility look-alikes and spellings with invisible characters the plain key")
        void lookAlikesCollide(String lookAlike) {
            assertThat(Identifiers.key(lookAlike))
                    .isEqualTo(Identifiers.key("legacy"))
                    .isEqualTo("legacy");
        }

        @Test
        @DisplayName("folds case fully, not just to lower case: \u00DF is ss, the \u017F long s is s")
        void foldsCaseFully() {
            assertThat(Identifiers.key("Stra\u00DFe"))
                    .isEqualTo(Identifiers.key("STRASSE"))
                    .isEqualTo("strasse");
            assertThat(Identifiers.key("\u017Fam")).isEqualTo("sam");
            assertThat(Identifiers.key("\uFB01le@example.com")).isEqualTo("file@example.com");
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"Alice", " Zoe\u0308 ", "ZO\u00CB", "M\u00FCller@Example.com", "\uD83D\uDE00 Fan"})
        @DisplayName("is idempotent: a key is its own key")
        void isIdempotent(String identifier) {
            // given
            String key = Identifiers.key(identifier);

            // when / then
            assertThat(Identifiers.key(key)).isEqualTo(key);
        }
    }

    @Nested
    @DisplayName("isValidUsername()")
    class IsValidUsername {

        @Test
        @DisplayName("rejects null")
        void rejectsNull() {
            assertThat(Identifiers.isValidUsername(null)).isFalse();
        }

        @Test
        @DisplayName("rejects the empty string")
        void rejectsEmpty() {
            assertThat(Identifiers.isValidUsername("")).isFalse();
        }

        @Test
        @DisplayName("accepts a single character")
        void acceptsOneCharacter() {
            assertThat(Identifiers.isValidUsername("a")).isTrue();
        }

        @Test
        @DisplayName("accepts 256 characters and rejects 257")
        void limitsTheLengthTo256() {
            // given
            String longest = "a".repeat(Identifiers.MAX_USERNAME_LENGTH);
            String tooLong = longest + "a";

            // when / then
            assertThat(Identifiers.MAX_USERNAME_LENGTH).isEqualTo(256);
            assertThat(Identifiers.isValidUsername(longest)).isTrue();
            assertThat(Identifiers.isValidUsername(tooLong)).isFalse();
        }

        @Test
        @DisplayName("counts an emoji outside the BMP as one character, not two UTF-16 units")
        void countsCodePoints() {
            // given
            String longest = GRINNING_FACE.repeat(256);
            String tooLong = longest + GRINNING_FACE;

            // when / then
            assertThat(longest).hasSize(512);
            assertThat(Identifiers.isValidUsername(GRINNING_FACE)).isTrue();
            assertThat(Identifiers.isValidUsername(longest)).isTrue();
            assertThat(Identifiers.isValidUsername(tooLong)).isFalse();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(
                strings = {
                    "mary ann",
                    " ",
                    "!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\"",
                    "Zoe\u0308",
                    "\u7528\u6237",
                    "\u0645\u0633\u062A\u062E\u062F\u0645",
                    "\uD83D\uDE00 fan club",
                    "alice@example.com"
                })
        @DisplayName("accepts spaces, symbols and any script")
        void acceptsSpacesSymbolsAndScripts(String username) {
            assertThat(Identifiers.isValidUsername(username)).isTrue();
        }

        @ParameterizedTest(name = "U+{0}")
        @ValueSource(strings = {"0000", "0009", "000A", "000D", "001B", "001F", "007F", "0085", "009F"})
        @DisplayName("rejects a control character anywhere")
        void rejectsControlCharacters(String hex) {
            // given
            String control = Character.toString(Integer.parseInt(hex, 16));

            // when / then
            assertThat(Identifiers.isValidUsername(control)).isFalse();
            assertThat(Identifiers.isValidUsername("ali" + control + "ce")).isFalse();
            assertThat(Identifiers.isValidUsername("alice" + control)).isFalse();
        }
    }

    @Nested
    @DisplayName("usernameProblem()")
    class UsernameProblemOf {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"Zo\u00EB O'Brien & <Co>", "\u5F20\u4F1F", "a b  c", "'; DROP TABLE accounts; --"})
        @DisplayName("finds nothing wrong with spaces, symbols, any script or SQL")
        void acceptsAnything(String username) {
            assertThat(Identifiers.usernameProblem(username)).isEmpty();
        }

        @Test
        @DisplayName("names the empty username, the too long one and the control character")
        void namesEachProblem() {
            assertThat(Identifiers.usernameProblem(null)).contains(Identifiers.UsernameProblem.EMPTY);
            assertThat(Identifiers.usernameProblem("")).contains(Identifiers.UsernameProblem.EMPTY);
            assertThat(Identifiers.usernameProblem("a".repeat(257))).contains(Identifiers.UsernameProblem.TOO_LONG);
            assertThat(Identifiers.usernameProblem("bell\u0007"))
                    .contains(Identifiers.UsernameProblem.CONTROL_CHARACTER);
        }

        @ParameterizedTest(name = "U+{0}")
        @ValueSource(strings = {"200B", "200D", "202E", "2066", "FEFF", "00AD", "180E", "E000", "2028", "0378"})
        @DisplayName("names format, default-ignorable, private-use, separator and unassigned characters invisible")
        void invisibleCharacters(String hex) {
            // given
            String invisible = Character.toString(Integer.parseInt(hex, 16));

            // when / then
            assertThat(Identifiers.usernameProblem("legacy" + invisible))
                    .contains(Identifiers.UsernameProblem.INVISIBLE_CHARACTER);
            assertThat(Identifiers.usernameProblem(invisible + "legacy"))
                    .contains(Identifiers.UsernameProblem.INVISIBLE_CHARACTER);
        }

        @Test
        @DisplayName("names a Latin name with a Cyrillic look-alike letter, or digits of two systems, mixed scripts")
        void mixedScripts() {
            assertThat(Identifiers.usernameProblem("l\u0435gacy")).contains(Identifiers.UsernameProblem.MIXED_SCRIPTS);
            assertThat(Identifiers.usernameProblem("agent 4\u0662"))
                    .contains(Identifiers.UsernameProblem.MIXED_SCRIPTS);
        }

        @Test
        @DisplayName("accepts one script, Latin with Han, and emoji")
        void acceptsOneScript() {
            assertThat(Identifiers.usernameProblem("\u0432\u0430\u0441\u044F")).isEmpty();
            assertThat(Identifiers.usernameProblem("Wei \u5F20\u4F1F")).isEmpty();
            assertThat(Identifiers.usernameProblem("\uD83D\uDE00 fan club")).isEmpty();
            assertThat(Identifiers.usernameProblem("\u217Cegacy")).isEmpty();
        }

        @Test
        @DisplayName("reports the length before a control character")
        void lengthFirst() {
            assertThat(Identifiers.usernameProblem("\u0007".repeat(300)))
                    .contains(Identifiers.UsernameProblem.TOO_LONG);
        }
    }
}
