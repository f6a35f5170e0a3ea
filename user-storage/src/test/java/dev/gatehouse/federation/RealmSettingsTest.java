package dev.gatehouse.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.support.RealmSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;

@DisplayName("The realm's Gatehouse settings on the gatehouse-accounts component")
class RealmSettingsTest {

    @Test
    @DisplayName("a former realm attribute's component key drops the gatehouse prefix")
    void keys() {
        assertThat(RealmSettings.key("gatehouseCentralIdp")).isEqualTo("centralIdp");
        assertThat(RealmSettings.key("gatehouseForgotUsernameIpLimit")).isEqualTo("forgotUsernameIpLimit");
        assertThat(RealmSettings.key("other")).isEqualTo("other");
    }

    @Test
    @DisplayName("numbers must be whole and above 0")
    void numbers() {
        assertThatThrownBy(() -> RealmSettingsProperties.validate(null, model("confirmationLinkSeconds", "0")))
                .isInstanceOf(ComponentValidationException.class);
        assertThatThrownBy(() -> RealmSettingsProperties.validate(null, model("signupLimit", "three")))
                .isInstanceOf(ComponentValidationException.class);
        assertThatCode(() -> RealmSettingsProperties.validate(null, model("signupLimit", "3")))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a central reset URL must be an http(s) URL, and needs the central identity provider")
    void resetUrl() {
        assertThatThrownBy(() -> RealmSettingsProperties.validate(null, model("centralResetUrl", "javascript:x")))
                .isInstanceOf(ComponentValidationException.class);
        assertThatThrownBy(() -> RealmSettingsProperties.validate(
                        null, model("centralResetUrl", "https://central.example/reset")))
                .isInstanceOf(ComponentValidationException.class)
                .hasMessageContaining("needs the central identity provider");
    }

    private static ComponentModel model(String key, String value) {
        ComponentModel model = new ComponentModel();
        model.put(key, value);
        return model;
    }
}
