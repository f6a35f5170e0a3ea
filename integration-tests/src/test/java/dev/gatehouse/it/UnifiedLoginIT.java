package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.AccountStore;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Unified login: identifier first, linked accounts through the central IdP")
class UnifiedLoginIT {

    private final GatehouseEnvironment env;
    private final LoginPages pages;
    private final CentralUsers central;

    UnifiedLoginIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
        this.central = new CentralUsers(env);
    }

    @Test
    @DisplayName("the first page asks for the identifier alone and offers the central login")
    void identifierAlone() {
        Page page = pages.open(env.browser());

        assertThat(page.document().select(LoginPages.FORM + " input[name=password]"))
                .isEmpty();
        assertThat(page.document().selectFirst("#social-console"))
                .as(page.body())
                .isNotNull();
    }

    @Test
    @DisplayName("a linked account goes to the central login (hinted only by a typed address) and comes back as itself")
    void linkedAccountThroughCentral() {
        String username = Names.unique("uni");
        String email = username + "@central.test";
        String subject = central.create(username + "-c", email, true, "central-pass");
        env.store().account(username).email(email).centralSubject(subject).create();
        BrowserClient browser = env.browser();

        Page centralLogin = pages.identify(browser, username);

        assertThat(centralLogin.uri().getPath()).startsWith("/realms/console/");
        // A typed username never puts the account's address into a URL (SPEC P1.2): no login hint.
        assertThat(centralLogin.form(LoginPages.FORM).value("username")).isNullOrEmpty();
        Page back = browser.submit(centralLogin
                .form(LoginPages.FORM)
                .fill("username", username + "-c")
                .fill("password", "central-pass"));
        assertThat(preferredUsername(back)).isEqualTo(username);

        // The address as typed is the hint: the central page starts with it.
        BrowserClient byEmail = env.browser();
        Page hinted = pages.identify(byEmail, email);
        assertThat(hinted.form(LoginPages.FORM).value("username")).isEqualTo(email);
    }

    @Test
    @DisplayName("a linked account's legacy password is refused by direct grant with the central-login error")
    void linkedDirectGrantRefused() {
        String username = Names.unique("legacy-linked");
        String subject = central.create(username + "-c", username + "@central.test", true, "central-pass");
        env.store()
                .account(username)
                .email(username + "@central.test")
                .password("legacy-pass")
                .centralSubject(subject)
                .create();

        HttpResponse<String> grant =
                env.oidc("gatehouse").passwordGrant("demo-api", "demo-api-secret", username, "legacy-pass");

        assertThat(grant.statusCode()).isEqualTo(400);
        JsonNode error = Oidc.json(grant.body());
        assertThat(error.get("error").asText()).isEqualTo("invalid_grant");
        assertThat(error.get("error_description").asText()).contains("central account");
    }

    @Test
    @DisplayName("linking: the central e-mail of an unlinked account is confirmed with its legacy password")
    void linkingConfirmsLegacyPassword() {
        String username = Names.unique("linkme");
        String email = username + "@both.test";
        env.store().account(username).email(email).password("legacy-pass").create();
        String subject = central.create(username + "-c", email, true, "central-pass");
        BrowserClient browser = env.browser();

        Page confirm = centralLogin(browser, username + "-c", "central-pass");
        assertThat(LoginPages.isPasswordPage(confirm)).as(confirm.text()).isTrue();
        Page linked = browser.submit(confirm.form(LoginPages.FORM).fill("password", "legacy-pass"));

        assertThat(preferredUsername(linked)).isEqualTo(username);
        assertThat(env.store().rowsByEmail(email))
                .singleElement()
                .extracting(AccountStore.AccountRow::centralSubject)
                .isEqualTo(subject);
        assertThat(env.store().passwordHash(username)).isEmpty();
        Page next = pages.identify(env.browser(), username);
        assertThat(next.uri().getPath()).startsWith("/realms/console/");
        HttpResponse<String> grant =
                env.oidc("gatehouse").passwordGrant("demo-api", "demo-api-secret", username, "legacy-pass");
        // The legacy hash is gone, so nothing proves the password: it answers like any wrong one.
        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(Oidc.json(grant.body()).get("error_description").asText()).isEqualTo("Invalid user credentials");
    }

    @Test
    @DisplayName("an account whose own e-mail is unconfirmed is never linked")
    void unconfirmedNotLinked() {
        String username = Names.unique("unconf");
        String email = username + "@both.test";
        env.store()
                .account(username)
                .email(email)
                .emailUnconfirmed()
                .password("legacy-pass")
                .create();
        central.create(username + "-c", email, true, "central-pass");

        Page refused = centralLogin(env.browser(), username + "-c", "central-pass");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("cannot be linked automatically");
        assertThat(refused.leftServerTo()).isEmpty();
        assertThat(troubleshootingLink(refused))
                .as("the refused-link page links to its troubleshooting section (P3.3)")
                .isEqualTo(env.baseUrl()
                        + "/realms/gatehouse/gatehouse/troubleshooting?reason=email-not-confirmed#email-not-confirmed");
        assertThat(env.store().rowsByEmail(email))
                .singleElement()
                .extracting(AccountStore.AccountRow::centralSubject)
                .isNull();
    }

    @Test
    @DisplayName("first central login without an account creates one, e-mail confirmed exactly when asserted")
    void firstCentralLoginCreatesAccount() {
        for (boolean verified : new boolean[] {true, false}) {
            String name = Names.unique(verified ? "newv" : "newu");
            String email = name + "@new.test";
            String subject = central.create(name, email, verified, "central-pass");

            Page back = centralLogin(env.browser(), name, "central-pass");

            assertThat(preferredUsername(back)).isEqualTo(name);
            assertThat(env.store().rowByCentralSubject(subject).orElseThrow().emailConfirmed())
                    .isEqualTo(verified);
        }
    }

    @Test
    @DisplayName("a central login with an address on the ban list is refused: no account created, none linked")
    void bannedAddressRefused() {
        // An address nobody in the store has, banned: the first central login must not create an account.
        String fresh = Names.unique("banned-new");
        String freshEmail = fresh + "@banned.test";
        env.store().banEmail(freshEmail, "it");
        central.create(fresh, freshEmail, true, "central-pass");

        Page refused = centralLogin(env.browser(), fresh, "central-pass");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("This sign-in cannot be completed");
        assertThat(refused.leftServerTo()).isEmpty();
        assertThat(troubleshootingLink(refused))
                .as("the refused sign-in page links to the troubleshooting page (P3.3)")
                .isEqualTo(env.baseUrl() + "/realms/gatehouse/gatehouse/troubleshooting");
        assertThat(env.store().rowsByEmail(freshEmail)).isEmpty();

        // A store account banned through the Admin API: its address cannot be linked either.
        String username = Names.unique("banned-link");
        String email = username + "@banned.test";
        java.util.UUID id = env.store()
                .account(username)
                .email(email)
                .password("legacy-pass")
                .create();
        assertThat(new StatusApi(env).ban(id, "central test").statusCode()).isEqualTo(200);
        central.create(username + "-c", email, true, "central-pass");

        Page linkRefused = centralLogin(env.browser(), username + "-c", "central-pass");

        assertThat(linkRefused.status()).isEqualTo(403);
        assertThat(linkRefused.leftServerTo()).isEmpty();
        assertThat(env.store().row(id).orElseThrow().centralSubject()).isNull();
        assertThat(env.store().rowsByEmail(email)).hasSize(1);
    }

    @Test
    @DisplayName("a central identity whose e-mail is an account's username confirms that account, never a new one")
    void centralEmailEqualToAUsername() {
        // The victim's username looks like an address that is not its own (CVE-2026-19607's class).
        String victim = Names.unique("victim") + "@example.test";
        java.util.UUID victimId = env.store()
                .account(victim)
                .email(Names.unique("victim-real") + "@other.test")
                .password("victim-pass")
                .create();
        String attacker = Names.unique("attacker");
        String subject = central.create(attacker, victim.toUpperCase(java.util.Locale.ROOT), true, "central-pass");

        Page confirm = centralLogin(env.browser(), attacker, "central-pass");

        // Keycloak's "confirm existing account" step, for the victim's account: its legacy password.
        assertThat(LoginPages.isPasswordPage(confirm)).as(confirm.text()).isTrue();
        assertThat(confirm.text()).contains("Authenticate to link your account with Console");
        assertThat(confirm.form(LoginPages.FORM).value("username")).isEqualTo(victim);
        Page wrong = env.browser().submit(confirm.form(LoginPages.FORM).fill("password", "central-pass"));
        assertThat(wrong.redirectParameter("code")).isEmpty();
        assertThat(env.store().rowsByEmail(victim)).isEmpty();
        assertThat(env.store().rowByCentralSubject(subject)).isEmpty();
        assertThat(env.store().row(victimId).orElseThrow().centralSubject()).isNull();

        Page victimLogin = pages.login(env.browser(), victim, "victim-pass");
        assertThat(preferredUsername(victimLogin)).isEqualTo(victim);
    }

    /** "Log in with Console" on the identifier page, then the central credentials. */
    private Page centralLogin(BrowserClient browser, String centralUsername, String password) {
        Page identifier = pages.open(browser);
        String href = identifier.document().selectFirst("#social-console").absUrl("href");
        Page centralPage = browser.get(href);
        assertThat(centralPage.uri().getPath()).startsWith("/realms/console/");
        return browser.submit(centralPage
                .form(LoginPages.FORM)
                .fill("username", centralUsername)
                .fill("password", password));
    }

    private String preferredUsername(Page result) {
        String code = result.redirectParameter("code").orElseThrow(() -> new AssertionError(result.text()));
        HttpResponse<String> tokens = env.oidc("gatehouse").exchangeCode(LoginPages.CLIENT, LoginPages.REDIRECT, code);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return Oidc.claims(Oidc.json(tokens.body()).get("id_token").asText())
                .get("preferred_username")
                .asText();
    }

    private static String troubleshootingLink(Page page) {
        var link = page.document().selectFirst("#gatehouse-troubleshooting-link");
        assertThat(link).as(page.body()).isNotNull();
        return link.attr("href");
    }
}
