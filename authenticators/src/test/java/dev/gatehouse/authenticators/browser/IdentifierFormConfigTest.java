package dev.gatehouse.authenticators.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.authenticators.ConfigModels;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;

@DisplayName("IdentifierFormConfig")
class IdentifierFormConfigTest {

    private static AuthenticatorConfigModel modelWith(String unknownIdentifiers) {
        return ConfigModels.with(IdentifierFormConfigProperties.UNKNOWN_IDENTIFIERS, unknownIdentifiers);
    }

    @Nested
    @DisplayName("of()")
    class Of {

        @Test
        @DisplayName("is PASSWORD when the step has no config")
        void passwordWithoutModel() {
            // when
            IdentifierFormConfig config = IdentifierFormConfig.of(null);

            // then
            assertThat(config.unknownIdentifiers()).isEqualTo(IdentifierRoute.Unknown.PASSWORD);
        }

        @Test
        @DisplayName("is PASSWORD when the key is missing")
        void passwordWhenKeyMissing() {
            // given
            AuthenticatorConfigModel model = new AuthenticatorConfigModel();
            model.setConfig(new HashMap<>(Map.of("someOtherKey", "central")));

            // when
            IdentifierFormConfig config = IdentifierFormConfig.of(model);

            // then
            assertThat(config.unknownIdentifiers()).isEqualTo(IdentifierRoute.Unknown.PASSWORD);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "   ", "\t"})
        @DisplayName("is PASSWORD when the value is blank")
        void passwordWhenBlank(String blank) {
            // when
            IdentifierFormConfig config = IdentifierFormConfig.of(modelWith(blank));

            // then
            assertThat(config.unknownIdentifiers()).isEqualTo(IdentifierRoute.Unknown.PASSWORD);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"central", "CENTRAL", " CENTRAL ", "Central"})
        @DisplayName("is CENTRAL for 'central', in any case and padding")
        void central(String value) {
            // when
            IdentifierFormConfig config = IdentifierFormConfig.of(modelWith(value));

            // then
            assertThat(config.unknownIdentifiers()).isEqualTo(IdentifierRoute.Unknown.CENTRAL);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"password", "PASSWORD", " password "})
        @DisplayName("is PASSWORD for 'password'")
        void password(String value) {
            // when
            IdentifierFormConfig config = IdentifierFormConfig.of(modelWith(value));

            // then
            assertThat(config.unknownIdentifiers()).isEqualTo(IdentifierRoute.Unknown.PASSWORD);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"centrall", "idp", "true", "password_unknown", "central,password", "c e n t r a l"})
        @DisplayName("falls back to PASSWORD for an unusable value, so no path opens by mistake")
        void failsSafeOnGarbage(String garbage) {
            // when
            IdentifierFormConfig config = IdentifierFormConfig.of(modelWith(garbage));

            // then
            assertThat(config.unknownIdentifiers()).isEqualTo(IdentifierRoute.Unknown.PASSWORD);
        }
    }

    @Nested
    @DisplayName("PROPERTIES")
    class Properties {

        private List<ProviderConfigProperty> declaring(String key) {
            return ConfigModels.declaring(IdentifierFormConfigProperties.PROPERTIES, key);
        }

        @Test
        @DisplayName("declares the unknownIdentifiers key exactly once")
        void declaresKeyOnce() {
            assertThat(declaring(IdentifierFormConfigProperties.UNKNOWN_IDENTIFIERS))
                    .hasSize(1);
        }

        @Test
        @DisplayName("gives the key a help text")
        void hasHelpText() {
            // when
            ProviderConfigProperty property = declaring(IdentifierFormConfigProperties.UNKNOWN_IDENTIFIERS)
                    .get(0);

            // then
            assertThat(property.getHelpText()).isNotBlank();
        }

        @Test
        @DisplayName("shows the default that of() applies when the step has no config")
        void defaultMatchesOf() {
            // given
            ProviderConfigProperty property = declaring(IdentifierFormConfigProperties.UNKNOWN_IDENTIFIERS)
                    .get(0);

            // when
            IdentifierRoute.Unknown applied = IdentifierFormConfig.of(null).unknownIdentifiers();

            // then
            assertThat(property.getDefaultValue()).isEqualTo(applied.name().toLowerCase(Locale.ROOT));
        }

        @Test
        @DisplayName("offers exactly one option per setting, each read back as that setting")
        void optionsRoundTrip() {
            // given
            ProviderConfigProperty property = declaring(IdentifierFormConfigProperties.UNKNOWN_IDENTIFIERS)
                    .get(0);

            // when
            List<IdentifierRoute.Unknown> parsed = property.getOptions().stream()
                    .map(option -> IdentifierFormConfig.of(modelWith(option)).unknownIdentifiers())
                    .toList();

            // then
            assertThat(parsed).containsExactlyInAnyOrder(IdentifierRoute.Unknown.values());
        }
    }
}
