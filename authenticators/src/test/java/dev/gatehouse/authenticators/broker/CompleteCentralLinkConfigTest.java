package dev.gatehouse.authenticators.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.authenticators.ConfigModels;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;

@DisplayName("CompleteCentralLinkConfig")
class CompleteCentralLinkConfigTest {

    private static AuthenticatorConfigModel modelWith(String removeLegacyPassword) {
        return ConfigModels.with(
                CompleteCentralLinkConfigProperties.REMOVE_LEGACY_PASSWORD_ON_LINK, removeLegacyPassword);
    }

    @Nested
    @DisplayName("of()")
    class Of {

        @Test
        @DisplayName("removes the legacy password when the step has no config")
        void trueWithoutModel() {
            // when
            CompleteCentralLinkConfig config = CompleteCentralLinkConfig.of(null);

            // then
            assertThat(config.removeLegacyPassword()).isTrue();
        }

        @Test
        @DisplayName("removes the legacy password when the key is missing")
        void trueWhenKeyMissing() {
            // given
            AuthenticatorConfigModel model = new AuthenticatorConfigModel();

            // when
            CompleteCentralLinkConfig config = CompleteCentralLinkConfig.of(model);

            // then
            assertThat(config.removeLegacyPassword()).isTrue();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "   "})
        @DisplayName("removes the legacy password when the value is blank")
        void trueWhenBlank(String blank) {
            // when
            CompleteCentralLinkConfig config = CompleteCentralLinkConfig.of(modelWith(blank));

            // then
            assertThat(config.removeLegacyPassword()).isTrue();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"true", "TRUE", " true "})
        @DisplayName("removes the legacy password when set to true")
        void trueWhenTrue(String value) {
            // when
            CompleteCentralLinkConfig config = CompleteCentralLinkConfig.of(modelWith(value));

            // then
            assertThat(config.removeLegacyPassword()).isTrue();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"false", "FALSE", " FALSE "})
        @DisplayName("keeps the legacy password when set to false, in any case and padding")
        void falseWhenFalse(String value) {
            // when
            CompleteCentralLinkConfig config = CompleteCentralLinkConfig.of(modelWith(value));

            // then
            assertThat(config.removeLegacyPassword()).isFalse();
        }
    }

    @Nested
    @DisplayName("PROPERTIES")
    class Properties {

        private List<ProviderConfigProperty> declaring(String key) {
            return ConfigModels.declaring(CompleteCentralLinkConfigProperties.PROPERTIES, key);
        }

        @Test
        @DisplayName("declares the removeLegacyPasswordOnLink key exactly once")
        void declaresKeyOnce() {
            assertThat(declaring(CompleteCentralLinkConfigProperties.REMOVE_LEGACY_PASSWORD_ON_LINK))
                    .hasSize(1);
        }

        @Test
        @DisplayName("gives the key a help text")
        void hasHelpText() {
            // when
            ProviderConfigProperty property = declaring(
                            CompleteCentralLinkConfigProperties.REMOVE_LEGACY_PASSWORD_ON_LINK)
                    .get(0);

            // then
            assertThat(property.getHelpText()).isNotBlank();
        }

        @Test
        @DisplayName("shows the default that of() applies when the step has no config")
        void defaultMatchesOf() {
            // given
            ProviderConfigProperty property = declaring(
                            CompleteCentralLinkConfigProperties.REMOVE_LEGACY_PASSWORD_ON_LINK)
                    .get(0);

            // when
            boolean applied = CompleteCentralLinkConfig.of(null).removeLegacyPassword();

            // then
            assertThat(property.getDefaultValue()).isEqualTo(String.valueOf(applied));
        }
    }
}
