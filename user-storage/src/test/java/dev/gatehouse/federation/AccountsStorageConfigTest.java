package dev.gatehouse.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.provider.ProviderConfigProperty;

@DisplayName("AccountsStorageConfig")
class AccountsStorageConfigTest {

    private static ComponentModel modelWithCost(String cost) {
        ComponentModel model = new ComponentModel();
        model.put(AccountsStorageConfigProperties.BCRYPT_COST, cost);
        return model;
    }

    @Nested
    @DisplayName("of()")
    class Of {

        @Test
        @DisplayName("defaults the bcrypt cost to 10 when it is not set")
        void defaultsWhenUnset() {
            // given
            ComponentModel model = new ComponentModel();

            // when
            AccountsStorageConfig config = AccountsStorageConfig.of(model);

            // then
            assertThat(config.bcryptCost()).isEqualTo(10);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "   "})
        @DisplayName("defaults the bcrypt cost to 10 when it is blank")
        void defaultsWhenBlank(String blank) {
            // when
            AccountsStorageConfig config = AccountsStorageConfig.of(modelWithCost(blank));

            // then
            assertThat(config.bcryptCost()).isEqualTo(10);
        }

        @Test
        @DisplayName("does not require a second factor unless the setting is on")
        void secondFactorOffByDefault() {
            // given
            ComponentModel on = new ComponentModel();
            on.put(AccountsStorageConfigProperties.REQUIRE_SECOND_FACTOR, "true");

            // then
            assertThat(AccountsStorageConfig.of(new ComponentModel()).requireSecondFactor())
                    .isFalse();
            assertThat(AccountsStorageConfig.of(on).requireSecondFactor()).isTrue();
        }

        @Test
        @DisplayName("has the default the admin console shows")
        void defaultMatchesTheConfigProperty() {
            // given
            ProviderConfigProperty property = AccountsStorageConfigProperties.PROPERTIES.stream()
                    .filter(p -> p.getName().equals(AccountsStorageConfigProperties.BCRYPT_COST))
                    .findFirst()
                    .orElseThrow();

            // when
            AccountsStorageConfig config = AccountsStorageConfig.of(new ComponentModel());

            // then
            assertThat(property.getDefaultValue()).isEqualTo(String.valueOf(config.bcryptCost()));
        }

        @Test
        @DisplayName("parses a cost surrounded by white space")
        void parsesAPaddedNumber() {
            // when
            AccountsStorageConfig config = AccountsStorageConfig.of(modelWithCost(" 12 "));

            // then
            assertThat(config.bcryptCost()).isEqualTo(12);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"twelve", "12.5", "1e2", "12 rounds", "99999999999"})
        @DisplayName("rejects a cost that is not a whole number, naming the allowed range")
        void rejectsNonNumbers(String cost) {
            // given
            ComponentModel model = modelWithCost(cost);

            // when / then
            assertThatThrownBy(() -> AccountsStorageConfig.of(model))
                    .isInstanceOf(ComponentValidationException.class)
                    .hasMessageContaining("between 4 and 16");
        }

        @Test
        @DisplayName("leaves the range check to validate()")
        void doesNotCheckTheRange() {
            // when
            AccountsStorageConfig config = AccountsStorageConfig.of(modelWithCost("3"));

            // then
            assertThat(config.bcryptCost()).isEqualTo(3);
            assertThatThrownBy(config::validate).isInstanceOf(ComponentValidationException.class);
        }
    }

    @Nested
    @DisplayName("validate()")
    class Validate {

        @ParameterizedTest(name = "cost {0}")
        @ValueSource(ints = {3, 17, 0, -1, 31})
        @DisplayName("rejects a cost outside 4 to 16 with a message naming the range")
        void rejectsCostsOutOfRange(int cost) {
            // given
            AccountsStorageConfig config = new AccountsStorageConfig(cost, false);

            // when / then
            assertThatThrownBy(config::validate)
                    .isInstanceOf(ComponentValidationException.class)
                    .hasMessage("bcrypt cost must be a whole number between 4 and 16");
        }

        @ParameterizedTest(name = "cost {0}")
        @ValueSource(ints = {4, 10, 12, 16})
        @DisplayName("accepts a cost from 4 to 16")
        void acceptsCostsInRange(int cost) {
            // given
            AccountsStorageConfig config = new AccountsStorageConfig(cost, false);

            // when / then
            assertThatCode(config::validate).doesNotThrowAnyException();
        }
    }
}
