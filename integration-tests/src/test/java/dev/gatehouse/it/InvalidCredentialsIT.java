package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Page;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Invalid credentials do not reveal whether the account exists")
class InvalidCredentialsIT {

    private static final String MESSAGE = "Invalid username or password.";

    private final GatehouseEnvironment env;
    private final LoginPages pages;

    InvalidCredentialsIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
    }

    @Test
    @DisplayName("a wrong password and an unknown username get the same page and message")
    void wrongPasswordAndUnknownUserLookAlike() {
        String known = Names.unique("kim");
        env.store()
                .account(known)
                .email(known + "@it.test")
                .password("kim-pass")
                .create();
        String unknown = Names.unique("nobody");

        Page wrongPassword = pages.login(env.browser(), known, "not-kim-pass");
        Page unknownUser = pages.login(env.browser(), unknown, "whatever-pass");

        assertThat(wrongPassword.status()).isEqualTo(200).isEqualTo(unknownUser.status());
        assertThat(wrongPassword.leftServerTo()).isEmpty();
        assertThat(unknownUser.leftServerTo()).isEmpty();
        assertThat(LoginPages.inputError(wrongPassword)).isEqualTo(MESSAGE);
        assertThat(LoginPages.inputError(unknownUser)).isEqualTo(MESSAGE);
        assertThat(wrongPassword.form(LoginPages.FORM).fields().keySet())
                .isEqualTo(unknownUser.form(LoginPages.FORM).fields().keySet());
        assertThat(normalised(wrongPassword, known)).isEqualTo(normalised(unknownUser, unknown));
        assertThat(wrongPassword
                        .document()
                        .selectFirst("#gatehouse-troubleshooting-link")
                        .attr("href"))
                .endsWith("/realms/gatehouse/gatehouse/troubleshooting?reason=invalid-credentials#invalid-credentials");
    }

    /** The page without what differs by nature: the typed username and the per-request codes. */
    private static String normalised(Page page, String username) {
        return page.document()
                .body()
                .html()
                .replace(username, "USERNAME")
                .replaceAll("session_code=[^&\"]+", "session_code=X")
                .replaceAll("execution=[^&\"]+", "execution=X")
                .replaceAll("tab_id=[^&\"]+", "tab_id=X")
                .replaceAll("client_data=[^&\"]+", "client_data=X");
    }
}
