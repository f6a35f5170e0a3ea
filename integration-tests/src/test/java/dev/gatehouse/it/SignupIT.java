package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.store.Identifiers;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.MailServer;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Signup with e-mail confirmation")
class SignupIT {

    private final GatehouseEnvironment env;
    private final LoginPages pages;
    private final Signups signups;

    SignupIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
        this.signups = new Signups(env);
    }

    @Test
    @DisplayName("signup leaves a pending row only, sends one confirmation e-mail, and logging in says unconfirmed")
    void pendingUntilConfirmed() throws Exception {
        String username = Names.unique("newbie");
        String email = username + "@signup.test";

        Page sent = signups.signUp(username, email, "newbie-pass");

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.text()).contains(Signups.SENT + " " + email);
        assertThat(signups.pendingRows(username)).isEqualTo(1);
        assertThat(signups.accountRows(username)).isZero();
        assertThat(signups.keycloakUsers(username)).isZero();
        MimeMessage mail = Emails.wellFormed(Signups.confirmationMail(env, email, 1));
        assertThat(mail.getSubject()).isEqualTo("Confirm your e-mail address");
        assertThat(Signups.link(mail)).startsWith(env.baseUrl() + "/realms/gatehouse/gatehouse/confirm-email?key=");

        Page byUsername = pages.login(env.browser(), username, "newbie-pass");
        Page byEmail = pages.login(env.browser(), email, "newbie-pass");
        Page wrong = pages.login(env.browser(), username, "wrong-pass");

        for (Page unconfirmed : List.of(byUsername, byEmail)) {
            assertThat(unconfirmed.status()).isEqualTo(403);
            assertThat(unconfirmed.text()).contains(Signups.UNCONFIRMED).contains(email);
            assertThat(unconfirmed.document().selectFirst("#gatehouse-resend-form"))
                    .isNotNull();
            assertThat(unconfirmed.redirectParameter("code")).isEmpty();
        }
        assertThat(LoginPages.inputError(wrong)).isEqualTo("Invalid username or password.");
        assertThat(wrong.text()).doesNotContain(Signups.UNCONFIRMED);
        assertThat(env.mail().messagesTo(email)).hasSize(1);
    }

    @Test
    @DisplayName("the link creates the account, login works, the same link again is 'already used'")
    void confirm() {
        String username = Names.unique("confirmer");
        String email = username + "@signup.test";
        signups.signUp(username, email, "confirm-pass");
        String link = Signups.link(Signups.confirmationMail(env, email, 1));

        Page ready = env.browser().get(link);

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text()).contains("Your account " + username + " is ready");
        assertThat(signups.accountState(username)).isEqualTo("active/true");
        assertThat(signups.pendingRows(username)).isZero();
        assertThat(signups.keycloakUsers(username)).isEqualTo(1);
        assertThat(pages.login(env.browser(), username, "confirm-pass").redirectParameter("code"))
                .isPresent();
        assertThat(env.oidc("gatehouse")
                        .passwordGrant("demo-api", "demo-api-secret", username, "confirm-pass")
                        .statusCode())
                .isEqualTo(200);

        Page again = env.browser().get(link);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text()).contains("This link has already been used");
        assertThat(signups.accountRows(username)).isEqualTo(1);
        Page tampered = env.browser().get(link.substring(0, link.length() - 4) + "AAAA");
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.text()).contains("This link is not valid");
    }

    @Test
    @DisplayName("a link past its expiry gets the 'expired' page and no account; the purge removes the row")
    void expired() {
        String username = Names.unique("late");
        String email = username + "@signup.test";
        signups.realmAttribute("gatehouseConfirmationLinkSeconds", "2");
        String link;
        try {
            signups.signUp(username, email, "late-pass");
            link = Signups.link(Signups.confirmationMail(env, email, 1));
        } finally {
            signups.realmAttribute("gatehouseConfirmationLinkSeconds", "86400");
        }
        sleep(Duration.ofSeconds(3));

        Page expired = env.browser().get(link);

        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.text()).contains("This link has expired").contains("sign up again");
        assertThat(expired.document().selectFirst("#gatehouse-signup-again").attr("href"))
                .contains("/protocol/openid-connect/registrations");
        assertThat(signups.accountRows(username)).isZero();
        assertThat(signups.pendingRows(username)).isEqualTo(1);
        assertThat(pages.login(env.browser(), username, "late-pass").text()).doesNotContain(Signups.UNCONFIRMED);

        HttpResponse<String> purge = env.admin().post("gatehouse/gatehouse/signups/purge", "");

        assertThat(purge.statusCode()).as(purge.body()).isEqualTo(200);
        assertThat(Oidc.json(purge.body()).get("purged").asInt()).isPositive();
        assertThat(signups.pendingRows(username)).isZero();
        assertThat(signups.accountRows(username)).isZero();
    }

    @Test
    @DisplayName("a taken and a banned address get the free address's page; the owner is told, the banned get nothing")
    void takenAndBannedAddresses() throws Exception {
        String taken = Names.unique("owner") + "@signup.test";
        env.store().account(Names.unique("owner")).email(taken).password("pw").create();
        String banned = Names.unique("banned") + "@signup.test";
        env.store()
                .execute(
                        "INSERT INTO email_ban (email_key, email, reason) VALUES (?, ?, 'abuse')",
                        Identifiers.key(banned),
                        banned);
        String free = Names.unique("free") + "@signup.test";

        Page forFree = signups.signUp(Names.unique("free"), free, "pw-1");
        Page forTaken = signups.signUp(Names.unique("taker"), taken, "pw-1");
        Page forBanned = signups.signUp(Names.unique("banned"), banned, "pw-1");

        for (Page page : List.of(forTaken, forBanned)) {
            assertThat(page.status()).isEqualTo(forFree.status());
            assertThat(page.text().replace(taken, "ADDRESS").replace(banned, "ADDRESS"))
                    .isEqualTo(forFree.text().replace(free, "ADDRESS"));
        }
        Signups.confirmationMail(env, free, 1);
        MimeMessage notice = Emails.wellFormed(Signups.confirmationMail(env, taken, 1));
        assertThat(notice.getSubject()).isEqualTo("Someone tried to sign up with your address");
        assertThat(MailServer.links(notice)).noneMatch(link -> link.contains("confirm-email"));
        assertThat(signups.pendingRowsForEmail(taken)).isZero();
        assertThat(signups.pendingRowsForEmail(banned)).isZero();
        assertThat(env.mail().messagesTo(banned)).isEmpty();
        assertThat(env.mail().messagesTo(taken)).hasSize(1);
    }

    @Test
    @DisplayName("Zoë O'Brien & <Co>, 张伟, 'a b  c', SQL and 256 characters sign up, confirm and log in, shown escaped")
    void anyUsername() {
        List<String> usernames =
                List.of("Zoë O'Brien & <Co>", "张伟", "a b  c", "'; DROP TABLE accounts; --", "é".repeat(256));
        for (String username : usernames) {
            String email = Names.unique("any") + "@signup.test";
            Page sent = signups.signUp(username, email, "any-pass");
            assertThat(sent.text()).as(username).contains(Signups.SENT);
            MimeMessage mail = Signups.confirmationMail(env, email, 1);
            assertThat(MailServer.text(mail)).as(username).contains("Welcome, " + username + "!");
            assertThat(MailServer.html(mail)).doesNotContain("<Co>");

            Page ready = env.browser().get(Signups.link(mail));
            // Page text as a reader sees it: HTML collapses runs of spaces.
            assertThat(ready.text())
                    .as(username)
                    .contains("Your account " + username.replaceAll(" +", " ") + " is ready");
            assertThat(ready.body()).doesNotContain("<Co>");

            Page result = pages.login(env.browser(), username, "any-pass");
            String code = result.redirectParameter("code")
                    .orElseThrow(() -> new AssertionError("no login as " + username + ": " + result.text()));
            JsonNode claims = Oidc.claims(Oidc.json(env.oidc("gatehouse")
                            .exchangeCode(LoginPages.CLIENT, LoginPages.REDIRECT, code)
                            .body())
                    .get("id_token")
                    .asText());
            assertThat(claims.get("preferred_username").asText()).isEqualTo(username.toLowerCase(Locale.ROOT));
        }
        MimeMessage zoe = env.mail().messages().stream()
                .filter(message -> MailServer.text(message).contains("Welcome, Zoë O'Brien & <Co>!"))
                .findFirst()
                .orElseThrow();
        assertThat(MailServer.html(zoe)).contains("Zoë O&#39;Brien &amp; &lt;Co&gt;");
        assertThat(env.store().countAccounts()).isPositive();
    }

    @Test
    @DisplayName("empty, 257 characters, a control character and a taken username are field errors")
    void refusedUsernames() {
        String pending = Names.unique("reserved");
        signups.signUp(pending, pending + "@signup.test", "pw-1");
        String existing = Names.unique("existing");
        env.store().account(existing).password("pw").create();

        assertThat(fieldError("", "Enter a username.")).isTrue();
        assertThat(fieldError("x".repeat(257), "A username can have at most 256 characters."))
                .isTrue();
        assertThat(fieldError("bell\u0007", "A username cannot contain control characters"))
                .isTrue();
        assertThat(fieldError(existing.toUpperCase(Locale.ROOT), "This username is already taken."))
                .isTrue();
        assertThat(fieldError(pending, "This username is already taken.")).isTrue();
    }

    @Test
    @DisplayName("a signup whose username became another account's address meanwhile confirms no account")
    void confirmationCrossChecksIdentifiers() {
        String username = Names.unique("later") + "@taken.test";
        String email = Names.unique("later") + "@signup.test";
        signups.signUp(username, email, "confirm-pass");
        String link = Signups.link(Signups.confirmationMail(env, email, 1));
        env.store()
                .account(Names.unique("owner"))
                .email(username.toUpperCase(Locale.ROOT))
                .password("pw")
                .create();

        Page answer = env.browser().get(link);
        if (answer.status() == 200 && answer.document().selectFirst("form button, form input[type=submit]") != null) {
            // Confirmation by the POST of a button (SPEC P2.2): press it.
            answer = env.browser().submit(answer.form("form"));
        }

        assertThat(answer.text()).doesNotContain("is ready");
        assertThat(signups.accountRows(username)).isZero();
        assertThat(signups.pendingRows(username)).isZero();
    }

    /** Submits a signup with this username; true when the username's field error starts with the message. */
    private boolean fieldError(String username, String message) {
        String email = Names.unique("field") + "@signup.test";
        Page page = signups.signUp(username, email, "pw-1");
        assertThat(page.status()).as(page.body()).isEqualTo(400);
        assertThat(page.document().selectFirst("#email").val()).isEqualTo(email);
        assertThat(signups.pendingRowsForEmail(email)).isZero();
        assertThat(env.mail().messagesTo(email)).isEmpty();
        return Signups.fieldError(page, "username").startsWith(message);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
