package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.MailServer;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Forgot password")
class ForgotPasswordIT {

    private static final String WARNING = "a new password breaks API and SMTP integrations";
    private static final String RESET_FORM = "#kc-reset-password-form";
    private static final Duration SLOW_SMTP = Duration.ofSeconds(8);

    private final GatehouseEnvironment env;
    private final LoginPages pages;

    ForgotPasswordIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
    }

    @Test
    @DisplayName("a linked account gets the same page and, by e-mail, the hand-off to the central reset, which"
            + " applies to both")
    void linkedAccountHandOff() throws Exception {
        String username = Names.unique("fp-linked");
        String email = username + "@central.test";
        String subject = new CentralUsers(env).create(username + "-c", email, true, "pw");
        env.store().account(username).email(email).centralSubject(subject).create();

        Page page = requestReset(fresh(), username);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("You should receive an email");
        assertThat(page.document().selectFirst("#kc-passwd-update-form")).isNull();
        MimeMessage mail = Emails.wellFormed(
                env.mail().awaitMessagesTo(email, 1, Duration.ofSeconds(20)).get(0));
        assertThat(mail.getSubject()).isEqualTo("Reset your password centrally");
        assertThat(MailServer.text(mail))
                .contains("the new password applies to both")
                .contains(WARNING);
        assertThat(MailServer.links(mail))
                .contains(env.baseUrl() + "/realms/console/login-actions/reset-credentials?client_id=account-console")
                .noneMatch(link -> link.contains("/login-actions/action-token"));
        assertThat(MailServer.html(mail)).contains("id=\"gatehouse-central-reset-link\"");
    }

    @Test
    @DisplayName("an unlinked account resets by e-mail with the integration warning; older sessions end")
    void unlinkedAccountByEmail() {
        String username = Names.unique("fp-mail");
        String email = username + "@it.test";
        env.store().account(username).email(email).password("old-pass").create();
        HttpResponse<String> before = grant(username, "old-pass");
        String refreshToken = Oidc.json(before.body()).get("refresh_token").asText();
        BrowserClient browser = fresh();

        Page sent = requestReset(browser, username);
        assertThat(sent.text()).contains("You should receive an email");
        MimeMessage mail = Emails.wellFormed(
                env.mail().awaitMessagesTo(email, 1, Duration.ofSeconds(20)).get(0));
        assertThat(MailServer.text(mail)).contains(WARNING).contains("This message was sent by Gatehouse");
        assertThat(MailServer.html(mail))
                .contains("id=\"gatehouse-integration-warning\"")
                .contains("id=\"gatehouse-email-footer\"");
        String link = MailServer.links(mail).stream()
                .filter(candidate -> candidate.contains("/login-actions/action-token"))
                .findFirst()
                .orElseThrow();

        Page update = browser.get(link);
        assertThat(update.document().selectFirst("#gatehouse-integration-warning"))
                .as(update.text())
                .isNotNull();
        Page done = browser.submit(update.form("#kc-passwd-update-form")
                .fill("password-new", "new-pass-456")
                .fill("password-confirm", "new-pass-456"));

        // Keycloak either returns to the app or, when the link opened a new flow, confirms on a page.
        assertThat(done.redirectParameter("code").isPresent() || done.text().contains("Your account has been updated"))
                .as(done.text())
                .isTrue();
        HttpResponse<String> refreshed = env.oidc("gatehouse")
                .token(Map.of(
                        "grant_type", "refresh_token",
                        "client_id", "demo-api",
                        "client_secret", "demo-api-secret",
                        "refresh_token", refreshToken));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(400);
        assertThat(grant(username, "old-pass").statusCode()).isEqualTo(400);
        assertThat(grant(username, "new-pass-456").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("unknown, unlinked and linked identifiers get byte-identical pages (tokens masked); only the"
            + " accounts get e-mail")
    void unknownLooksKnown() {
        String known = Names.unique("fp-known");
        env.store().account(known).email(known + "@it.test").password("pw").create();
        String linked = Names.unique("fp-linked2");
        String subject = new CentralUsers(env).create(linked + "-c", linked + "@central.test", true, "pw");
        env.store()
                .account(linked)
                .email(linked + "@central.test")
                .centralSubject(subject)
                .create();
        String unknown = Names.unique("fp-nobody");

        Page forKnown = requestReset(fresh(), known);
        Page forLinked = requestReset(fresh(), linked);
        Page forUnknown = requestReset(fresh(), unknown);

        // The login page the answer ends on shows the identifier as typed; the rest is the same.
        assertThat(forLinked.status()).isEqualTo(forKnown.status());
        assertThat(forUnknown.status()).isEqualTo(forKnown.status());
        assertThat(PageBodies.masked(forLinked, linked)).isEqualTo(PageBodies.masked(forKnown, known));
        assertThat(PageBodies.masked(forUnknown, unknown)).isEqualTo(PageBodies.masked(forKnown, known));
        env.mail().awaitMessagesTo(known + "@it.test", 1, Duration.ofSeconds(20));
        env.mail().awaitMessagesTo(linked + "@central.test", 1, Duration.ofSeconds(20));
    }

    @Test
    @DisplayName("the page answers before the SMTP server has the reset e-mail, which arrives later")
    void answersBeforeSmtp() {
        String username = Names.unique("fp-slow");
        String email = username + "@it.test";
        env.store().account(username).email(email).password("pw").create();
        BrowserClient browser = fresh();
        Page choose = chooseUserPage(browser);

        try (SlowSmtp slow = SlowSmtp.start(env, SLOW_SMTP)) {
            long started = System.nanoTime();
            Page sent = browser.submit(choose.form(RESET_FORM).fill("username", username));
            Duration answered = Duration.ofNanos(System.nanoTime() - started);

            assertThat(sent.text()).contains("You should receive an email");
            assertThat(answered).isLessThan(SLOW_SMTP);
            assertThat(env.mail().messagesTo(email))
                    .as("not at the SMTP server yet")
                    .isEmpty();
            slow.release();
            env.mail().awaitMessagesTo(email, 1, Duration.ofSeconds(20));
        }
    }

    @Test
    @DisplayName("the reset flow cannot be driven past the e-mail step: replaying the form never reaches the new"
            + " password (CVE-2026-18963)")
    void notPastTheEmailStep() {
        String username = Names.unique("fp-drive");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("pw")
                .create();
        BrowserClient browser = fresh();
        Page choose = chooseUserPage(browser);
        String action = choose.document().selectFirst(RESET_FORM).absUrl("action");

        Page sent = browser.submit(choose.form(RESET_FORM).fill("username", username));
        Page replayed = browser.post(action, Map.of("username", username));
        Page restarted = browser.get(choose.uri().toString());

        for (Page page : List.of(sent, replayed, restarted)) {
            assertThat(page.document().selectFirst("#kc-passwd-update-form"))
                    .as(page.text())
                    .isNull();
            assertThat(page.document().select("input[name=password-new]")).isEmpty();
        }
    }

    @Test
    @DisplayName("limits: 5 requests per identifier across IPs, then 429; per IP over its limit, 429; refused"
            + " requests send nothing and record no event")
    void limits() {
        String username = Names.unique("fp-limit");
        String email = username + "@it.test";
        env.store().account(username).email(email).password("pw").create();
        for (int i = 1; i <= 5; i++) {
            assertThat(requestReset(fresh(), username).text()).contains("You should receive an email");
        }
        env.mail().awaitMessagesTo(email, 5, Duration.ofSeconds(30));
        int events = resetEvents(username);

        Page refused = requestReset(fresh(), username);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text()).contains("Too many password reset requests");
        assertThat(resetEvents(username)).isEqualTo(events);
        AdminEvents.pause(Duration.ofSeconds(2));
        assertThat(env.mail().messagesTo(email)).hasSize(5);

        String other = Names.unique("fp-ip");
        env.store().account(other).email(other + "@it.test").password("pw").create();
        new Signups(env).realmAttribute("gatehouseForgotPasswordIpLimit", "2");
        try {
            String ip = BrowserClient.randomIp();
            assertThat(requestReset(fresh().from(ip), Names.unique("fp-x")).status())
                    .isEqualTo(200);
            assertThat(requestReset(fresh().from(ip), Names.unique("fp-y")).status())
                    .isEqualTo(200);

            Page overIp = requestReset(fresh().from(ip), other);

            assertThat(overIp.status()).isEqualTo(429);
            assertThat(resetEvents(other)).isZero();
            assertThat(requestReset(fresh(), other).status()).as("another IP").isEqualTo(200);
            env.mail().awaitMessagesTo(other + "@it.test", 1, Duration.ofSeconds(20));
        } finally {
            new Signups(env).realmAttribute("gatehouseForgotPasswordIpLimit", "30");
        }
    }

    /** Reset events, successes and errors, that name a username. */
    private int resetEvents(String username) {
        return AdminEvents.count(
                env, "username", username, "SEND_RESET_PASSWORD", "SEND_RESET_PASSWORD_ERROR", "RESET_PASSWORD_ERROR");
    }

    /** From the password page's "Forgot Password?" link, asks a reset for an identifier. */
    private Page requestReset(BrowserClient browser, String identifier) {
        return browser.submit(chooseUserPage(browser).form(RESET_FORM).fill("username", identifier));
    }

    private Page chooseUserPage(BrowserClient browser) {
        Page passwordPage = pages.identify(browser, Names.unique("start"));
        Element forgot = passwordPage.document().selectFirst("a[href*=reset-credentials]");
        assertThat(forgot).as(passwordPage.body()).isNotNull();
        return browser.get(forgot.absUrl("href"));
    }

    private HttpResponse<String> grant(String username, String password) {
        return env.oidc("gatehouse").passwordGrant("demo-api", "demo-api-secret", username, password);
    }

    /** A new browser at a client IP of its own, so that per-IP limits of one test do not reach another. */
    private BrowserClient fresh() {
        return env.browser().from(BrowserClient.randomIp());
    }
}
