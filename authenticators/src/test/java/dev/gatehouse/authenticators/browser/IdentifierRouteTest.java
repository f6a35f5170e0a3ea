package dev.gatehouse.authenticators.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("IdentifierRoute")
class IdentifierRouteTest {

    @Nested
    @DisplayName("of()")
    class Of {

        @ParameterizedTest(name = "found={0}, linked={1}, unknown identifiers={2} -> {3}")
        @CsvSource({
            "true,  true,  PASSWORD, CENTRAL",
            "true,  true,  CENTRAL,  CENTRAL",
            "true,  false, PASSWORD, PASSWORD",
            "true,  false, CENTRAL,  PASSWORD",
            "false, true,  PASSWORD, PASSWORD_UNKNOWN",
            "false, true,  CENTRAL,  CENTRAL",
            "false, false, PASSWORD, PASSWORD_UNKNOWN",
            "false, false, CENTRAL,  CENTRAL"
        })
        @DisplayName("routes every combination of found, linked and the unknown-identifiers setting")
        void routesEveryCombination(
                boolean accountFound,
                boolean linked,
                IdentifierRoute.Unknown unknownIdentifiers,
                IdentifierRoute expected) {
            // when
            IdentifierRoute route = IdentifierRoute.of(accountFound, linked, unknownIdentifiers);

            // then
            assertThat(route).isEqualTo(expected);
        }

        @Test
        @DisplayName("ignores the linked flag when no account was found")
        void linkedOnlyMattersWhenFound() {
            for (IdentifierRoute.Unknown unknown : IdentifierRoute.Unknown.values()) {
                // when
                IdentifierRoute linked = IdentifierRoute.of(false, true, unknown);
                IdentifierRoute unlinked = IdentifierRoute.of(false, false, unknown);

                // then
                assertThat(linked).as("unknown identifiers=%s", unknown).isEqualTo(unlinked);
            }
        }

        @Test
        @DisplayName("ignores the unknown-identifiers setting when an account was found")
        void settingOnlyMattersWhenNotFound() {
            for (boolean linked : new boolean[] {true, false}) {
                // when
                Set<IdentifierRoute> routes = EnumSet.noneOf(IdentifierRoute.class);
                for (IdentifierRoute.Unknown unknown : IdentifierRoute.Unknown.values()) {
                    routes.add(IdentifierRoute.of(true, linked, unknown));
                }

                // then
                assertThat(routes).as("linked=%s", linked).hasSize(1);
            }
        }

        @Test
        @DisplayName("never sends a found account down the unknown-account path")
        void foundAccountIsNeverUnknown() {
            for (boolean linked : new boolean[] {true, false}) {
                for (IdentifierRoute.Unknown unknown : IdentifierRoute.Unknown.values()) {
                    assertThat(IdentifierRoute.of(true, linked, unknown))
                            .as("linked=%s, unknown identifiers=%s", linked, unknown)
                            .isNotEqualTo(IdentifierRoute.PASSWORD_UNKNOWN);
                }
            }
        }
    }
}
