package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.MailServer;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import dev.gatehouse.testing.Totp;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Second factors: the realm requirement, linking and support removal (SPEC P9.2–P9.4)")
class TwoFactorPolicyIT {

    private final GatehouseEnvironment env;
    private final LoginPages pages;
    private final TwoFactorAccounts twoFactor;
    private final TwoFactorIT flows;
    private final CentralUsers central;
    private final ApiKeys api;

    TwoFactorPolicyIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
        this.twoFactor = new TwoFactorAccounts(env);
        this.flows = new TwoFactorIT(env);
        this.central = new CentralUsers(env);
        this.api = new ApiKeys(env);
    }

    @Test
    @DisplayName("setting on: no token by any path before enrolment, TOTP and recovery codes at the next login;"
            + " a linked account is never asked")
    void requiredForUnlinkedAccounts() {
        String username = account("must-enrol");
        String linked = Names.unique("linked-2fa");
        String email = linked + "@central.test";
        String subject = central.create(linked + "-c", email, true, "central-pass");
        env.store().account(linked).email(email).centralSubject(subject).create();
        twoFactor.requireForEveryAccount(true);
        try {
            HttpResponse<String> refused = flows.grant(username, "secure-pass", null);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(Oidc.json(refused.body()).get("error_description").asText())
                    .contains("must set up a second factor");

            BrowserClient browser = env.browser();
            Page setup = pages.login(browser, username, "secure-pass");
            assertThat(setup.redirectParameter("code")).isEmpty();
            Page afterTotp = flows.completeTotpSetup(browser, setup);

            // Recovery codes are offered next; still no code for the client until they are saved.
            assertThat(afterTotp.redirectParameter("code")).isEmpty();
            assertThat(afterTotp.document().selectFirst("#kc-recovery-codes-list"))
                    .as(afterTotp.text())
                    .isNotNull();
            List<String> recoveryCodes = afterTotp.document().select("#kc-recovery-codes-list li").eachText().stream()
                    .map(code -> code.replace("-", ""))
                    .toList();
            Page loggedIn = browser.submit(afterTotp.form("#kc-recovery-codes-settings-form"));
            assertThat(flows.preferredUsername(loggedIn)).isEqualTo(username);
            assertThat(flows.preferredUsername(withRecoveryCode(username, recoveryCodes)))
                    .isEqualTo(username);
            assertThat(twoFactor.credentialTypes(username)).contains("otp", "recovery-authn-codes");

            HttpResponse<String> withoutCode = flows.grant(username, "secure-pass", null);
            assertThat(Oidc.json(withoutCode.body()).get("error_description").asText())
                    .contains("totp parameter");

            // The linked account goes through the central IdP and comes back with a code, no set-up.
            BrowserClient linkedBrowser = env.browser();
            Page centralLogin = pages.identify(linkedBrowser, linked);
            assertThat(centralLogin.uri().getPath()).startsWith("/realms/console/");
            // A typed username carries no login_hint (SPEC P1.2): the user types the central one.
            Page back = linkedBrowser.submit(centralLogin
                    .form(LoginPages.FORM)
                    .fill("username", linked + "-c")
                    .fill("password", "central-pass"));
            assertThat(flows.preferredUsername(back)).isEqualTo(linked);
        } finally {
            twoFactor.requireForEveryAccount(false);
        }
    }

    @Test
    @DisplayName("linking an account that has TOTP removes it: the central IdP's second factor is the one")
    void linkingRemovesTotp() {
        String username = Names.unique("link-2fa");
        String email = username + "@both.test";
        UUID id = env.store()
                .account(username)
                .email(email)
                .password("legacy-pass")
                .create();
        Totp totp = twoFactor.addTotp(username);
        central.create(username + "-c", email, true, "central-pass");
        BrowserClient browser = env.browser();

        Page identifier = pages.open(browser);
        Page centralPage =
                browser.get(identifier.document().selectFirst("#social-console").absUrl("href"));
        Page confirm = browser.submit(centralPage
                .form(LoginPages.FORM)
                .fill("username", username + "-c")
                .fill("password", "central-pass"));
        assertThat(LoginPages.isPasswordPage(confirm)).as(confirm.text()).isTrue();
        Page codePage = browser.submit(confirm.form(LoginPages.FORM).fill("password", "legacy-pass"));
        assertThat(TwoFactorIT.isCodePage(codePage)).as(codePage.text()).isTrue();
        Page linked = browser.submit(codePage.form(TwoFactorIT.OTP_FORM).fill("otp", totp.now()));

        assertThat(flows.preferredUsername(linked)).isEqualTo(username);
        assertThat(twoFactor.credentialTypes(username)).doesNotContain("otp");
        assertThat(account(id).get("secondFactors")).isEmpty();
        assertThat(activity(id)).contains("second_factor_removed");
    }

    @Test
    @DisplayName("support removes a second factor: 204, admin event, e-mail, the next login has no code step")
    void supportRemoval() {
        String username = Names.unique("lost-phone");
        String email = username + "@it.test";
        UUID id = env.store()
                .account(username)
                .email(email)
                .password("secure-pass")
                .create();
        twoFactor.addTotp(username);
        assertThat(account(id).get("secondFactors").toString()).isEqualTo("[\"otp\"]");

        HttpResponse<String> removed = removeSecondFactor(id);

        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertThat(account(id).get("secondFactors")).isEmpty();
        assertThat(new StatusApi(env).adminEvents("gatehouse/accounts/" + id + "/two-factor"))
                .singleElement()
                .satisfies(
                        event -> assertThat(event.get("operationType").asText()).isEqualTo("DELETE"));
        List<MimeMessage> mails = env.mail().awaitMessagesTo(email, 1, Duration.ofSeconds(10));
        MimeMessage mail = Emails.wellFormed(mails.get(0));
        assertThat(MailServer.text(mail)).contains(username).contains("troubleshooting?reason=lost-second-factor");
        assertThat(activity(id)).contains("second_factor_removed");

        Page next = pages.login(env.browser(), username, "secure-pass");
        assertThat(flows.preferredUsername(next)).isEqualTo(username);

        assertThat(removeSecondFactor(id).statusCode()).isEqualTo(404);
        assertThat(removeSecondFactor(UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("support removal needs gatehouse-support: trust and safety alone gets 403")
    void supportRoleRequired() {
        String trustSafety = account("tns");
        api.grantRealmRole(trustSafety, "gatehouse-trust-safety");
        String target = Names.unique("target");
        UUID targetId = env.store()
                .account(target)
                .email(target + "@it.test")
                .password("secure-pass")
                .create();
        twoFactor.addTotp(target);

        HttpResponse<String> refused = api.request(
                "DELETE",
                api.adminUrl("accounts/" + targetId + "/two-factor"),
                api.userToken(trustSafety, "secure-pass"),
                null);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(twoFactor.credentialTypes(target)).contains("otp");
    }

    @Test
    @DisplayName("blocked accounts with a second factor: refused on every path, the code changes nothing")
    void blockedWithSecondFactor() {
        StatusApi status = new StatusApi(env);
        String parent = account("2fa-ban-parent");
        UUID parentId = id(parent);
        String sub = Names.unique("2fa-ban-sub");
        env.store()
                .account(sub)
                .email(sub + "@it.test")
                .password("secure-pass")
                .parent(parentId)
                .create();
        String terminated = account("2fa-term");
        Map<String, String> why = Map.of(parent, "banned", sub, "banned", terminated, "terminated");
        Map<String, String> refresh = new java.util.HashMap<>();
        Map<String, BrowserClient> sso = new java.util.HashMap<>();
        for (String username : why.keySet()) {
            Totp totp = twoFactor.addTotp(username);
            HttpResponse<String> before = flows.grant(username, "secure-pass", totp.at(stepNow() - 1));
            assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
            refresh.put(username, Oidc.json(before.body()).get("refresh_token").asText());
            BrowserClient browser = env.browser();
            Page code = pages.login(browser, username, "secure-pass");
            assertThat(TwoFactorIT.isCodePage(code)).as(code.text()).isTrue();
            assertThat(browser.submit(code.form(TwoFactorIT.OTP_FORM).fill("otp", totp.now()))
                            .redirectParameter("code"))
                    .isPresent();
            sso.put(username, browser);
        }

        assertThat(status.ban(parentId, "2fa").statusCode()).isEqualTo(200);
        assertThat(status.terminate(id(terminated), "2fa").statusCode()).isEqualTo(200);

        why.forEach((username, state) -> {
            Totp totp = Totp.ofBase32(Totp.RFC_SECRET_BASE32);
            Page browser = pages.login(env.browser(), username, "secure-pass");
            if (TwoFactorIT.isCodePage(browser)) {
                browser =
                        env.browser().submit(browser.form(TwoFactorIT.OTP_FORM).fill("otp", totp.now()));
            }
            assertThat(browser.redirectParameter("code")).as(username).isEmpty();
            assertThat(browser.text()).as(username).containsIgnoringCase(state);

            HttpResponse<String> grant = flows.grant(username, "secure-pass", totp.now());
            assertThat(grant.statusCode()).as(grant.body()).isEqualTo(400);
            assertThat(Oidc.json(grant.body()).get("error_description").asText())
                    .contains(state);

            assertThat(status.refresh(refresh.get(username)).statusCode())
                    .as(username)
                    .isEqualTo(400);
            Page cookie = sso.get(username)
                    .get(env.oidc("gatehouse").authorizationUrl(LoginPages.CLIENT, LoginPages.REDIRECT));
            assertThat(cookie.redirectParameter("code")).as(username).isEmpty();
        });
    }

    private static long stepNow() {
        return java.time.Instant.now().getEpochSecond() / 30;
    }

    private UUID id(String username) {
        return env.store().row(username).orElseThrow().id();
    }

    /** The phone is lost: "Try another way" on the code page, then the recovery code the page asks for. */
    private Page withRecoveryCode(String username, List<String> codes) {
        BrowserClient browser = env.browser();
        Page codePage = pages.login(browser, username, "secure-pass");
        assertThat(TwoFactorIT.isCodePage(codePage)).as(codePage.text()).isTrue();
        Page choices = browser.submit(codePage.form("#kc-select-try-another-way-form"));
        org.jsoup.nodes.Element recovery = choices.document().select("form#kc-select-credential-form").stream()
                .filter(form -> form.nextElementSibling() != null
                        && form.nextElementSibling()
                                .text()
                                .toLowerCase(java.util.Locale.ROOT)
                                .contains("recovery"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(choices.text()));
        Page prompt = browser.post(
                recovery.absUrl("action"),
                Map.of(
                        "authenticationExecution",
                        recovery.selectFirst("input[name=authenticationExecution]")
                                .val()));
        String label =
                prompt.document().selectFirst("label[for=recoveryCodeInput]").text();
        int number = Integer.parseInt(label.replaceAll("\\D+", ""));
        return browser.submit(
                prompt.form("#kc-recovery-code-login-form").fill("recoveryCodeInput", codes.get(number - 1)));
    }

    private HttpResponse<String> removeSecondFactor(UUID id) {
        return api.request("DELETE", api.adminUrl("accounts/" + id + "/two-factor"), api.admin(), null);
    }

    private JsonNode account(UUID id) {
        HttpResponse<String> response = api.request("GET", api.adminUrl("accounts/" + id), api.admin(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Oidc.json(response.body());
    }

    private String activity(UUID id) {
        return api.request("GET", api.adminUrl("accounts/" + id + "/activity"), api.admin(), null)
                .body();
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
}
