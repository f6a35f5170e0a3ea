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
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Forgot password")
class ForgotPasswordIT {

    private static final String WARNING = "a new password breaks API and SMTP integrations";

    private final GatehouseEnvironment env;
    private final LoginPages pages;

    ForgotPasswordIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
    }

    @Test
    @DisplayName("a linked account gets the hand-off page to the central reset, which applies to both")
    void linkedAccountHandOff() {
        String username = Names.unique("fp-linked");
        String subject = new CentralUsers(env).create(username + "-c", username + "@central.test", true, "pw");
        env.store()
                .account(username)
                .email(username + "@central.test")
                .centralSubject(subject)
                .create();

        Page page = requestReset(env.browser(), username);

        Element link = page.document().selectFirst("#gatehouse-central-reset-link");
        assertThat(link).as(page.text()).isNotNull();
        assertThat(link.attr("href"))
                .isEqualTo(env.baseUrl() + "/realms/console/login-actions/reset-credentials?client_id=account-console");
        assertThat(page.text()).contains("the new password applies to both");
        assertThat(page.document()
                        .selectFirst("#gatehouse-troubleshooting-link")
                        .attr("href"))
                .endsWith("/gatehouse/troubleshooting?reason=reset-password#reset-password");
        assertThat(env.mail().messagesTo(username + "@central.test")).isEmpty();
    }

    @Test
    @DisplayName("an unlinked account resets by e-mail with the integration warning; older sessions end")
    void unlinkedAccountByEmail() {
        String username = Names.unique("fp-mail");
        String email = username + "@it.test";
        env.store().account(username).email(email).password("old-pass").create();
        HttpResponse<String> before = grant(username, "old-pass");
        String refreshToken = Oidc.json(before.body()).get("refresh_token").asText();
        BrowserClient browser = env.browser();

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
    @DisplayName("an unknown identifier gets the same response as a known one")
    void unknownLooksKnown() {
        String known = Names.unique("fp-known");
        env.store().account(known).email(known + "@it.test").password("pw").create();

        Page forKnown = requestReset(env.browser(), known);
        Page forUnknown = requestReset(env.browser(), Names.unique("fp-nobody"));

        assertThat(forUnknown.status()).isEqualTo(forKnown.status());
        assertThat(forUnknown.text()).isEqualTo(forKnown.text());
    }

    /** From the password page's "Forgot Password?" link, asks a reset for an identifier. */
    private Page requestReset(BrowserClient browser, String identifier) {
        Page passwordPage = pages.identify(browser, Names.unique("start"));
        Element forgot = passwordPage.document().selectFirst("a[href*=reset-credentials]");
        assertThat(forgot).as(passwordPage.body()).isNotNull();
        Page choose = browser.get(forgot.absUrl("href"));
        return browser.submit(choose.form("#kc-reset-password-form").fill("username", identifier));
    }

    private HttpResponse<String> grant(String username, String password) {
        return env.oidc("gatehouse").passwordGrant("demo-api", "demo-api-secret", username, password);
    }
}
