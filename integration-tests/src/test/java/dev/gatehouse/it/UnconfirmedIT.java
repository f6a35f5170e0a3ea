package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("The unconfirmed-address gate")
class UnconfirmedIT {

    private static final String GENERIC = "Invalid username or password.";
    private static final Duration SLOW_SMTP = Duration.ofSeconds(8);

    private final GatehouseEnvironment env;
    private final LoginPages pages;
    private final Signups signups;

    UnconfirmedIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
        this.signups = new Signups(env);
    }

    @Test
    @DisplayName("an unconfirmed account: right password → page with resend, 3 resends per hour, the link confirms")
    void browser() {
        String username = Names.unique("unconfirmed");
        String email = username + "@it.test";
        env.store()
                .account(username)
                .email(email)
                .emailUnconfirmed()
                .password("uc-pass")
                .create();

        Page wrong = pages.login(env.browser(), username, "wrong-pass");
        assertThat(LoginPages.inputError(wrong)).isEqualTo(GENERIC);
        assertThat(wrong.text()).doesNotContain(Signups.UNCONFIRMED);

        BrowserClient browser = env.browser();
        Page answer = browser.submit(
                pages.identify(browser, username).form(LoginPages.FORM).fill("password", "uc-pass"));
        assertThat(answer.status()).isEqualTo(403);
        UnconfirmedPage unconfirmed = UnconfirmedPage.of(answer);
        assertThat(answer.text()).contains(email);
        assertThat(unconfirmed.troubleshootingLink()).endsWith("#email-not-confirmed");

        for (int resend = 1; resend <= 3; resend++) {
            Page sent = unconfirmed.resend(browser);
            assertThat(sent.status()).as(sent.body()).isEqualTo(200);
            assertThat(UnconfirmedPage.sentNotice(sent))
                    .isEqualTo("A new confirmation link is on its way to " + email + ".");
            Signups.confirmationMail(env, email, resend);
            unconfirmed = UnconfirmedPage.of(sent);
        }
        Page refused = unconfirmed.resend(browser);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(UnconfirmedPage.refusedNotice(refused))
                .startsWith("You have asked for several confirmation links already.");
        assertThat(env.mail().messagesTo(email)).hasSize(3);

        Page confirmed = Signups.confirm(env, Signups.link(Signups.confirmationMail(env, email, 3)));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.text()).contains("The e-mail address of " + username + " is confirmed");
        assertThat(signups.accountState(username)).isEqualTo("active/true");
        assertThat(pages.login(env.browser(), username, "uc-pass").redirectParameter("code"))
                .isPresent();
        assertThat(env.browser()
                        .get(Signups.link(Signups.confirmationMail(env, email, 1)))
                        .status())
                .isEqualTo(409);
    }

    @Test
    @DisplayName("resends are limited per client IP too, whatever the account; a refused one counts nowhere")
    void resendLimitPerClientIp() {
        signups.realmAttribute("gatehouseConfirmationResendIpLimit", "2");
        try {
            String ip = BrowserClient.randomIp();
            String first = unconfirmedAccount("ip-resend-a");
            String second = unconfirmedAccount("ip-resend-b");
            BrowserClient firstBrowser = env.browser().from(ip);
            BrowserClient secondBrowser = env.browser().from(ip);

            assertThat(unconfirmedPage(firstBrowser, first).resend(firstBrowser).status())
                    .isEqualTo(200);
            Page secondSent = unconfirmedPage(secondBrowser, second).resend(secondBrowser);
            assertThat(secondSent.status()).isEqualTo(200);
            // The second account has asked once, its client IP twice: the IP's limit refuses.
            Page refused = UnconfirmedPage.of(secondSent).resend(secondBrowser);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(UnconfirmedPage.refusedNotice(refused))
                    .startsWith("You have asked for several confirmation links already.");
            Signups.confirmationMail(env, second + "@it.test", 1);

            // From another address the same account still has its own room: the refusal counted nowhere.
            BrowserClient elsewhere = env.browser().from(BrowserClient.randomIp());
            assertThat(unconfirmedPage(elsewhere, second).resend(elsewhere).status())
                    .isEqualTo(200);
            Signups.confirmationMail(env, second + "@it.test", 2);
            // Two links, each queued before the other's: the refused resend sent nothing.
            assertThat(env.mail().messagesTo(second + "@it.test")).hasSize(2);
        } finally {
            signups.realmAttribute("gatehouseConfirmationResendIpLimit", "30");
        }
    }

    private String unconfirmedAccount(String prefix) {
        String username = Names.unique(prefix);
        env.store()
                .account(username)
                .email(username + "@it.test")
                .emailUnconfirmed()
                .password("ip-pass")
                .create();
        return username;
    }

    /** The unconfirmed page an account's right password leads to. */
    private UnconfirmedPage unconfirmedPage(BrowserClient browser, String username) {
        Page answer = browser.submit(
                pages.identify(browser, username).form(LoginPages.FORM).fill("password", "ip-pass"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        return UnconfirmedPage.of(answer);
    }

    @Test
    @DisplayName("a pending signup's resend sends a new link that creates the account")
    void pendingSignupResend() {
        String username = Names.unique("resender");
        String email = username + "@it.test";
        signups.signUp(username, email, "rs-pass");
        Signups.confirmationMail(env, email, 1);
        BrowserClient browser = env.browser();
        Page unconfirmed = browser.submit(
                pages.identify(browser, username).form(LoginPages.FORM).fill("password", "rs-pass"));

        Page resent = browser.submit(unconfirmed.form("#gatehouse-resend-form"));

        assertThat(resent.document().selectFirst("#gatehouse-resend-sent")).isNotNull();
        Page ready = Signups.confirm(env, Signups.link(Signups.confirmationMail(env, email, 2)));
        assertThat(ready.text()).contains("Your account " + username + " is ready");
        assertThat(signups.accountState(username)).isEqualTo("active/true");
    }

    @Test
    @DisplayName("resend answers before the SMTP server has the new link, which arrives later")
    void resendAnswersBeforeSmtp() {
        String username = Names.unique("slow-resend");
        String email = username + "@it.test";
        env.store()
                .account(username)
                .email(email)
                .emailUnconfirmed()
                .password("sr-pass")
                .create();
        BrowserClient browser = env.browser();
        Page unconfirmed = browser.submit(
                pages.identify(browser, username).form(LoginPages.FORM).fill("password", "sr-pass"));
        assertThat(unconfirmed.status()).isEqualTo(403);

        try (SlowSmtp slow = SlowSmtp.start(env, SLOW_SMTP)) {
            long started = System.nanoTime();
            Page resent = browser.submit(unconfirmed.form("#gatehouse-resend-form"));
            Duration answered = Duration.ofNanos(System.nanoTime() - started);

            assertThat(resent.document().selectFirst("#gatehouse-resend-sent")).isNotNull();
            assertThat(answered).isLessThan(SLOW_SMTP);
            assertThat(env.mail().messagesTo(email))
                    .as("not at the SMTP server yet")
                    .isEmpty();
            slow.release();
            Signups.confirmationMail(env, email, 1);
        }
    }

    @Test
    @DisplayName("direct grant: 400 invalid_grant naming the unconfirmed address, after the right password only")
    void directGrant() {
        String account = Names.unique("dg-unconfirmed");
        String accountEmail = account + "@it.test";
        env.store()
                .account(account)
                .email(accountEmail)
                .emailUnconfirmed()
                .password("dg-pass")
                .create();
        String pending = Names.unique("dg-pending");
        String pendingEmail = pending + "@it.test";
        signups.signUp(pending, pendingEmail, "dg-pass");

        for (String[] user :
                new String[][] {{account, accountEmail}, {pending, pendingEmail}, {pendingEmail, pendingEmail}}) {
            HttpResponse<String> right = grant(user[0], "dg-pass");
            JsonNode error = Oidc.json(right.body());
            assertThat(right.statusCode()).as(user[0]).isEqualTo(400);
            assertThat(error.get("error").asText()).isEqualTo("invalid_grant");
            assertThat(error.get("error_description").asText())
                    .startsWith("You haven't confirmed your email address " + user[1]);

            HttpResponse<String> wrong = grant(user[0], "wrong-pass");
            assertThat(wrong.statusCode()).as(user[0]).isEqualTo(400);
            assertThat(Oidc.json(wrong.body()).get("error_description").asText())
                    .isEqualTo("Invalid user credentials");
            assertThat(wrong.body()).doesNotContain("confirmed");
        }
    }

    private HttpResponse<String> grant(String username, String password) {
        return env.oidc("gatehouse").passwordGrant("demo-api", "demo-api-secret", username, password);
    }
}
