package dev.gatehouse.store;

import static dev.gatehouse.store.AccountSearch.EMAIL;
import static dev.gatehouse.store.AccountSearch.EXACT;
import static dev.gatehouse.store.AccountSearch.FIRST_NAME;
import static dev.gatehouse.store.AccountSearch.LAST_NAME;
import static dev.gatehouse.store.AccountSearch.SEARCH;
import static dev.gatehouse.store.AccountSearch.USERNAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("AccountSearch")
class AccountSearchTest {

    /** The both-columns clause a search term produces, with the LIKE escape character spelled out. */
    private static final String ANY_PREFIX = "(username_key LIKE ?1 ESCAPE '\\' OR email_key LIKE ?2 ESCAPE '\\')";

    private static final String ANY_EXACT = "(username_key = ?1 OR email_key = ?2)";

    private static AccountSearch search(Map<String, String> params) {
        Optional<AccountSearch> search = AccountSearch.from(params);
        assertThat(search).as("search for %s", params).isPresent();
        return search.orElseThrow();
    }

    private static AccountSearch searchTerm(String term) {
        return search(Map.of(SEARCH, term));
    }

    @Nested
    @DisplayName("without criteria")
    class WithoutCriteria {

        @Test
        @DisplayName("all() matches every account")
        void allMatchesEverything() {
            // when
            AccountSearch search = AccountSearch.all();

            // then
            assertThat(search.whereSql()).isEqualTo("TRUE");
            assertThat(search.binds()).isEmpty();
        }

        @Test
        @DisplayName("no parameters match every account")
        void noParametersMatchEverything() {
            // when
            AccountSearch search = search(Map.of());

            // then
            assertThat(search.whereSql()).isEqualTo("TRUE");
            assertThat(search.binds()).isEmpty();
        }

        @ParameterizedTest(name = "search \"{0}\"")
        @ValueSource(strings = {"", "   ", "*", " * "})
        @DisplayName("the admin console's empty search and * match every account")
        void emptySearchAndStarMatchEverything(String term) {
            // when
            AccountSearch search = searchTerm(term);

            // then
            assertThat(search.whereSql()).isEqualTo("TRUE");
            assertThat(search.binds()).isEmpty();
        }
    }

    @Nested
    @DisplayName("a search term")
    class SearchTerm {

        @Test
        @DisplayName("is a prefix match on username or e-mail key")
        void isAPrefixMatchOnBothColumns() {
            // when
            AccountSearch search = searchTerm("Alice");

            // then
            assertThat(search.whereSql()).isEqualTo(ANY_PREFIX);
            assertThat(search.binds()).containsExactly("alice%", "alice%");
        }

        @Test
        @DisplayName("is keyed like the identifiers: stripped, NFC, lower case")
        void isKeyed() {
            // when
            AccountSearch search = searchTerm("  ZOE\u0308 ");

            // then
            assertThat(search.whereSql()).isEqualTo(ANY_PREFIX);
            assertThat(search.binds()).containsExactly("zo\u00EB%", "zo\u00EB%");
        }

        @Test
        @DisplayName("treats * as a wildcard anywhere")
        void starIsAWildcard() {
            // when
            AccountSearch middle = searchTerm("a*e");
            AccountSearch leading = searchTerm("*ce");
            AccountSearch trailing = searchTerm("ali*");

            // then
            assertThat(middle.binds()).containsExactly("a%e%", "a%e%");
            assertThat(leading.binds()).containsExactly("%ce%", "%ce%");
            assertThat(trailing.binds()).as("no doubled wildcard").containsExactly("ali%", "ali%");
        }

        @Test
        @DisplayName("in double quotes is an exact match, with * taken literally")
        void quotedIsExact() {
            // when
            AccountSearch search = searchTerm("\"Alice\"");
            AccountSearch star = searchTerm("\"a*\"");

            // then
            assertThat(search.whereSql()).isEqualTo(ANY_EXACT);
            assertThat(search.binds()).containsExactly("alice", "alice");
            assertThat(star.whereSql()).isEqualTo(ANY_EXACT);
            assertThat(star.binds()).containsExactly("a*", "a*");
        }

        @Test
        @DisplayName("made of a lone double quote is a prefix match for that quote")
        void loneQuoteIsNotAQuotedTerm() {
            // when
            AccountSearch search = searchTerm("\"");

            // then
            assertThat(search.whereSql()).isEqualTo(ANY_PREFIX);
            assertThat(search.binds()).containsExactly("\"%", "\"%");
        }

        @Test
        @DisplayName("escapes LIKE's own metacharacters %, _ and \\")
        void escapesLikeMetacharacters() {
            // when
            AccountSearch search = searchTerm("a%b_c\\d");

            // then
            assertThat(search.whereSql()).isEqualTo(ANY_PREFIX);
            assertThat(search.binds()).containsExactly("a\\%b\\_c\\\\d%", "a\\%b\\_c\\\\d%");
        }

        @Test
        @DisplayName("ending in an escaped _ or \\ stays a prefix match")
        void trailingEscapedUnderscoreOrBackslashStaysPrefix() {
            // when
            AccountSearch underscore = searchTerm("a_");
            AccountSearch backslash = searchTerm("a\\");

            // then
            assertThat(underscore.binds()).containsExactly("a\\_%", "a\\_%");
            assertThat(backslash.binds()).containsExactly("a\\\\%", "a\\\\%");
        }

        @Test
        @DisplayName("ending in an escaped % stays a prefix match")
        void trailingEscapedPercentStaysPrefix() {
            // when
            AccountSearch search = searchTerm("100%");

            // then
            assertThat(search.binds()).containsExactly("100\\%%", "100\\%%");
        }

        @Test
        @DisplayName("in quotes is not LIKE-escaped, since it is compared with =")
        void quotedIsNotEscaped() {
            // when
            AccountSearch search = searchTerm("\"a%b_c\\d\"");

            // then
            assertThat(search.whereSql()).isEqualTo(ANY_EXACT);
            assertThat(search.binds()).containsExactly("a%b_c\\d", "a%b_c\\d");
        }
    }

    @Nested
    @DisplayName("username and e-mail parameters")
    class Fields {

        @Test
        @DisplayName("username is a prefix match on the username key")
        void usernameIsAPrefixMatch() {
            // when
            AccountSearch search = search(Map.of(USERNAME, " Alice "));

            // then
            assertThat(search.whereSql()).isEqualTo("username_key LIKE ?1 ESCAPE '\\'");
            assertThat(search.binds()).containsExactly("alice%");
        }

        @Test
        @DisplayName("email is a prefix match on the e-mail key")
        void emailIsAPrefixMatch() {
            // when
            AccountSearch search = search(Map.of(EMAIL, "Alice@Example"));

            // then
            assertThat(search.whereSql()).isEqualTo("email_key LIKE ?1 ESCAPE '\\'");
            assertThat(search.binds()).containsExactly("alice@example%");
        }

        @Test
        @DisplayName("escape LIKE's metacharacters and expand *")
        void escapeAndExpand() {
            // when
            AccountSearch search = search(Map.of(USERNAME, "a_b*c%d"));

            // then
            assertThat(search.whereSql()).isEqualTo("username_key LIKE ?1 ESCAPE '\\'");
            assertThat(search.binds()).containsExactly("a\\_b%c\\%d%");
        }

        @ParameterizedTest(name = "exact={0}")
        @ValueSource(strings = {"true", "TRUE", "True"})
        @DisplayName("with exact=true are equality matches, nothing escaped or expanded")
        void exactIsEquality(String exact) {
            // when
            AccountSearch search = search(Map.of(USERNAME, "Zoe\u0308*", EMAIL, "a%b@Example.com", EXACT, exact));

            // then
            assertThat(search.whereSql()).isEqualTo("username_key = ?1 AND email_key = ?2");
            assertThat(search.binds()).containsExactly("zo\u00EB*", "a%b@example.com");
        }

        @Test
        @DisplayName("with exact=false are prefix matches")
        void exactFalseIsPrefix() {
            // when
            AccountSearch search = search(Map.of(USERNAME, "alice", EXACT, "false"));

            // then
            assertThat(search.whereSql()).isEqualTo("username_key LIKE ?1 ESCAPE '\\'");
            assertThat(search.binds()).containsExactly("alice%");
        }

        @Test
        @DisplayName("in double quotes are exact matches")
        void quotedValueIsExact() {
            // when
            AccountSearch search = search(Map.of(EMAIL, "\"Alice@Example.com\""));

            // then
            assertThat(search.whereSql()).isEqualTo("email_key = ?1");
            assertThat(search.binds()).containsExactly("alice@example.com");
        }

        @Test
        @DisplayName("combine with a search term by AND, numbering the binds in order")
        void combineWithTheSearchTerm() {
            // given
            Map<String, String> params = new HashMap<>();
            params.put(EMAIL, "zoe@example.com");
            params.put(EXACT, "true");
            params.put(USERNAME, "Zo\u00CB");
            params.put(SEARCH, "zo");

            // when
            AccountSearch search = search(params);

            // then
            assertThat(search.whereSql()).isEqualTo(ANY_PREFIX + " AND username_key = ?3 AND email_key = ?4");
            assertThat(search.binds()).containsExactly("zo%", "zo%", "zo\u00EB", "zoe@example.com");
        }
    }

    @Nested
    @DisplayName("control characters")
    class ControlCharacters {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {SEARCH, USERNAME, EMAIL})
        @DisplayName("match no account, and never reach the database, which refuses NUL in text")
        void matchNothing(String parameter) {
            // given
            Map<String, String> params = Map.of(parameter, "ali\u0000ce");

            // when
            Optional<AccountSearch> search = AccountSearch.from(params);

            // then
            assertThat(search).isEmpty();
        }
    }

    @Nested
    @DisplayName("first and last name parameters")
    class Names {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {FIRST_NAME, LAST_NAME})
        @DisplayName("match no account, since store accounts have no names")
        void matchNothing(String name) {
            // given
            Map<String, String> params = Map.of(name, "Alice", SEARCH, "alice", USERNAME, "alice");

            // when
            Optional<AccountSearch> search = AccountSearch.from(params);

            // then
            assertThat(search).isEmpty();
        }

        @Test
        @DisplayName("are ignored when blank")
        void blankIsIgnored() {
            // when
            AccountSearch search = search(Map.of(FIRST_NAME, "", LAST_NAME, "  ", USERNAME, "alice"));

            // then
            assertThat(search.whereSql()).isEqualTo("username_key LIKE ?1 ESCAPE '\\'");
            assertThat(search.binds()).containsExactly("alice%");
        }
    }

    @Test
    @DisplayName("binds() cannot be changed by the caller")
    void bindsAreACopy() {
        // given
        AccountSearch search = searchTerm("alice");

        // when / then
        assertThatThrownBy(() -> search.binds().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(search.binds()).hasSize(2);
    }
}
