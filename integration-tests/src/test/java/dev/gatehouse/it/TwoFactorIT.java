package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import dev.gatehouse.testing.Totp;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Two-factor authentication of store accounts that are not unified (SPEC P9)")
class TwoFactorIT {

    static final String OTP_FORM = "#kc-otp-login-form";
    static final String TOTP_SETUP_FORM = "#kc-totp-settings-form";
    private static final String GENERIC = "Invalid username or password.";

    private final GatehouseEnvironment env;
    private final LoginPages pages;
    private final TwoFactorAccounts twoFactor;

    TwoFactorIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
        this.twoFactor = new TwoFactorAccounts(env);
    }

    @Test
    @DisplayName("browser: the password alone gets the code page; a wrong code stays there; the right one logs in")
    void browserCodeStep() {
        String username = account("secure");
        Totp totp = twoFactor.addTotp(username);
        BrowserClient browser = env.browser();

        Page codePage = pages.login(browser, username, "secure-pass");

        assertThat(isCodePage(codePage)).as(codePage.text()).isTrue();
        assertThat(codePage.redirectParameter("code")).isEmpty();
        assertThat(codePage.document()
                        .selectFirst("#gatehouse-lost-second-factor")
                        .attr("href"))
                .contains("/realms/gatehouse/gatehouse/troubleshooting?reason=lost-second-factor#lost-second-factor");

        Page wrong = browser.submit(codePage.form(OTP_FORM).fill("otp", totp.wrong()));

        assertThat(isCodePage(wrong)).as(wrong.text()).isTrue();
        assertThat(wrong.redirectParameter("code")).isEmpty();
        assertThat(wrong.text()).as(wrong.body()).contains("Invalid authenticator code.");

        Page loggedIn = browser.submit(wrong.form(OTP_FORM).fill("otp", totp.now()));

        assertThat(preferredUsername(loggedIn)).isEqualTo(username);
    }

    @Test
    @DisplayName("browser: a code used once is refused a second time")
    void codeUsedOnce() {
        String username = account("once");
        Totp totp = twoFactor.addTotp(username);
        String code = totp.now();

        Page first = submitCode(env.browser(), username, code);
        assertThat(preferredUsername(first)).isEqualTo(username);

        Page replay = submitCode(env.browser(), username, code);
        assertThat(replay.redirectParameter("code")).isEmpty();
        assertThat(isCodePage(replay)).as(replay.text()).isTrue();
        assertThat(replay.text()).as(replay.body()).contains("Invalid authenticator code.");
    }

    @Test
    @DisplayName("browser: ten wrong codes lock the account like ten wrong passwords")
    void wrongCodesLock() {
        String username = account("guess");
        Totp totp = twoFactor.addTotp(username);
        BrowserClient browser = env.browser();
        Page page = pages.login(browser, username, "secure-pass");

        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(isCodePage(page))
                    .as("attempt %d: %s", attempt, page.text())
                    .isTrue();
            page = browser.submit(page.form(OTP_FORM).fill("otp", totp.wrong()));
            assertThat(page.redirectParameter("code")).isEmpty();
        }
        JsonNode lockout = twoFactor.bruteForce(username);
        assertThat(lockout.get("disabled").asBoolean()).as(lockout.toString()).isTrue();

        // The right password and the right code no longer log in, and the password step says no more
        // than it says to an unknown identifier.
        Page locked = pages.login(env.browser(), username, "secure-pass");
        Page unknown = pages.login(env.browser(), Names.unique("nobody"), "secure-pass");
        assertThat(locked.redirectParameter("code")).isEmpty();
        assertThat(isCodePage(locked)).isFalse();
        assertThat(LoginPages.inputError(locked)).isEqualTo(GENERIC).isEqualTo(LoginPages.inputError(unknown));
    }

    @Test
    @DisplayName("direct grant: without totp 400 naming the code, with it 200, a wrong password the generic answer")
    void directGrant() {
        String username = account("grant");
        Totp totp = twoFactor.addTotp(username);

        HttpResponse<String> withoutCode = grant(username, "secure-pass", null);

        assertThat(withoutCode.statusCode()).as(withoutCode.body()).isEqualTo(400);
        JsonNode error = Oidc.json(withoutCode.body());
        assertThat(error.get("error").asText()).isEqualTo("invalid_grant");
        assertThat(error.get("error_description").asText())
                .contains("totp parameter")
                .contains("troubleshooting?reason=lost-second-factor");

        HttpResponse<String> wrongPassword = grant(username, "wrong-pass", totp.now());
        HttpResponse<String> unknown = grant(Names.unique("nobody"), "wrong-pass", totp.now());
        assertThat(wrongPassword.statusCode()).isEqualTo(unknown.statusCode());
        assertThat(wrongPassword.body()).isEqualTo(unknown.body());
        assertThat(Oidc.json(wrongPassword.body()).get("error_description").asText())
                .isEqualTo("Invalid user credentials");

        HttpResponse<String> withCode = grant(username, "secure-pass", totp.now());

        assertThat(withCode.statusCode()).as(withCode.body()).isEqualTo(200);
        assertThat(Oidc.claims(Oidc.json(withCode.body()).get("access_token").asText())
                        .get("preferred_username")
                        .asText())
                .isEqualTo(username);
    }

    @Test
    @DisplayName("an account that must set up TOTP does so (key read from the page), logs in, then is asked for codes")
    void enrolment() {
        String username = account("enroll");
        twoFactor.requireAction(username, "CONFIGURE_TOTP");
        BrowserClient browser = env.browser();

        Page setup = pages.login(browser, username, "secure-pass");

        assertThat(setup.redirectParameter("code")).isEmpty();
        Page loggedIn = completeTotpSetup(browser, setup);
        assertThat(preferredUsername(loggedIn)).isEqualTo(username);
        assertThat(twoFactor.credentialTypes(username)).contains("otp");

        Page next = pages.login(env.browser(), username, "secure-pass");
        assertThat(isCodePage(next)).as(next.text()).isTrue();
        assertThat(grant(username, "secure-pass", null).statusCode()).isEqualTo(400);
    }

    /** Keycloak's TOTP set-up page: the key from its "unable to scan?" view, then a code of it. */
    Page completeTotpSetup(BrowserClient browser, Page setup) {
        assertThat(setup.document().selectFirst(TOTP_SETUP_FORM))
                .as(setup.text())
                .isNotNull();
        Page manual = browser.get(setup.document().selectFirst("#mode-manual").absUrl("href"));
        Element key = manual.document().selectFirst("#kc-totp-secret-key");
        assertThat(key).as(manual.text()).isNotNull();
        Totp totp = Totp.ofBase32(key.text());
        return browser.submit(
                manual.form(TOTP_SETUP_FORM).fill("totp", totp.now()).fill("userLabel", "phone"));
    }

    private String account(String prefix) {
        String username = Names.unique(prefix);
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("secure-pass")
                .create();
        return username;
    }

    private Page submitCode(BrowserClient browser, String username, String code) {
        Page codePage = pages.login(browser, username, "secure-pass");
        assertThat(isCodePage(codePage)).as(codePage.text()).isTrue();
        return browser.submit(codePage.form(OTP_FORM).fill("otp", code));
    }

    HttpResponse<String> grant(String username, String password, String totp) {
        Map<String, String> form = new HashMap<>(Map.of(
                "grant_type", "password",
                "client_id", "demo-api",
                "client_secret", "demo-api-secret",
                "username", username,
                "password", password));
        if (totp != null) {
            form.put("totp", totp);
        }
        return env.oidc("gatehouse").token(form);
    }

    static boolean isCodePage(Page page) {
        return page.status() == 200 && page.document().selectFirst(OTP_FORM + " input[name=otp]") != null;
    }

    String preferredUsername(Page result) {
        String code = result.redirectParameter("code").orElseThrow(() -> new AssertionError(result.text()));
        HttpResponse<String> tokens = env.oidc("gatehouse").exchangeCode(LoginPages.CLIENT, LoginPages.REDIRECT, code);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return Oidc.claims(Oidc.json(tokens.body()).get("id_token").asText())
                .get("preferred_username")
                .asText();
    }
}
