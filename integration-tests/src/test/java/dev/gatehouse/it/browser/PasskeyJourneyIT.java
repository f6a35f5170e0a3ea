package dev.gatehouse.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.Names;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.SecondFactorSeed;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys of store accounts in headless Chromium (SPEC P9.1, P9.5), with a WebDriver virtual
 * authenticator standing in for the device: register one at login, then sign in with it alone from
 * the identifier page. Every page on the way is audited with axe-core by {@link Journey}.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("Passkeys in headless Chromium")
class PasskeyJourneyIT {

    private static final String REGISTER_BUTTON = "#registerWebAuthn";
    private static final String PASSKEY_BUTTON = "#authenticateWebAuthnButton";
    private static final Duration WEBAUTHN = Duration.ofSeconds(20);

    private final GatehouseEnvironment env;
    private final LoginScreens screens;

    PasskeyJourneyIT(GatehouseEnvironment env) {
        this.env = env;
        this.screens = new LoginScreens(env);
    }

    @Test
    @DisplayName("register a passkey at login, log out, log in by the passkey alone from the identifier page")
    void passkeyAlone() {
        String username = Names.unique("passkey");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("passkey-pass")
                .create();
        new SecondFactorSeed(env.admin(), "gatehouse").requiredAction(username, "webauthn-register-passwordless");

        List<Credential> registered;
        try (Journey journey = screens.journey("passkey-register")) {
            VirtualAuthenticator device = journey.driver().addVirtualAuthenticator(deviceOptions());

            screens.login(journey, username, "passkey-pass");
            assertThat(journey.all(REGISTER_BUTTON)).as(journey.text()).isNotEmpty();
            journey.screenshot();
            journey.find(REGISTER_BUTTON).click();
            awaitRedirect(journey);
            assertThat(preferredUsername(journey)).isEqualTo(username);
            registered = device.getCredentials();
            assertThat(registered).hasSize(1);
        }

        // Logged out: a new browser without cookies, holding the same device (the passkey moved over).
        try (Journey journey = screens.journey("passkey-login")) {
            journey.driver().addVirtualAuthenticator(deviceOptions()).addCredential(registered.get(0));
            journey.open(screens.loginUrl());
            // Chromium's virtual device answers the page's conditional request (the autofill) at once;
            // if the page is still there, its passkey button asks instead.
            if (!redirected(journey, Duration.ofSeconds(5))) {
                assertThat(journey.find(LoginScreens.USERNAME).getAttribute("autocomplete"))
                        .isEqualTo("username webauthn");
                journey.find(PASSKEY_BUTTON).click();
            }
            awaitRedirect(journey);

            assertThat(preferredUsername(journey)).isEqualTo(username);
        }
    }

    private static VirtualAuthenticatorOptions deviceOptions() {
        return new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true);
    }

    /** WebAuthn registration may ask for a label with a prompt: take the default, then wait for the app. */
    private void awaitRedirect(Journey journey) {
        try {
            new WebDriverWait(journey.driver(), WEBAUTHN).until(driver -> {
                try {
                    driver.switchTo().alert().accept();
                } catch (WebDriverException noPrompt) {
                    // nothing to answer
                }
                try {
                    return driver.getCurrentUrl().startsWith(LoginScreens.REDIRECT);
                } catch (UnhandledAlertException prompt) {
                    return false;
                }
            });
        } catch (TimeoutException stuck) {
            throw new AssertionError("not back at the app: " + journey.url() + "\n" + journey.text(), stuck);
        }
    }

    private static boolean redirected(Journey journey, Duration wait) {
        try {
            new WebDriverWait(journey.driver(), wait)
                    .until(driver -> driver.getCurrentUrl().startsWith(LoginScreens.REDIRECT));
            return true;
        } catch (TimeoutException notYet) {
            return false;
        }
    }

    private String preferredUsername(Journey journey) {
        URI back = URI.create(journey.driver().getCurrentUrl());
        String code = Arrays.stream(back.getRawQuery().split("&"))
                .filter(parameter -> parameter.startsWith("code="))
                .map(parameter -> parameter.substring("code=".length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no code in " + back));
        HttpResponse<String> tokens = env.oidc("gatehouse").exchangeCode("demo-app", LoginScreens.REDIRECT, code);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return Oidc.claims(Oidc.json(tokens.body()).get("id_token").asText())
                .get("preferred_username")
                .asText();
    }
}
