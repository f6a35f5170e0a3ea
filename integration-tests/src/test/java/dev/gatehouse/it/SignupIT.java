package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.AccountStore;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.KeycloakSetup;
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

    private static final String EMAIL_SECTION = "/troubleshooting?reason=email-not-confirmed#email-not-confirmed";

    /** How long the slow SMTP server takes to answer: far longer than a page that does not wait for it. */
    private static final Duration SLOW_SMTP = Duration.ofSeconds(8);

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

        Page byUsername = pages.login(fresh(), username, "newbie-pass");
        Page byEmail = pages.login(fresh(), email, "newbie-pass");
        Page wrong = pages.login(fresh(), username, "wrong-pass");

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
    @DisplayName("the link shows a button and creates nothing; its POST creates the account, login works, the same"
            + " link again is 'already used'")
    void confirm() {
        String username = Names.unique("confirmer");
        String email = username + "@signup.test";
        signups.signUp(username, email, "confirm-pass");
        String link = Signups.link(Signups.confirmationMail(env, email, 1));

        Page button = fresh().get(link);
        Page fetchedAgain = fresh().get(link);
        assertThat(button.status()).isEqualTo(200);
        assertThat(button.document().selectFirst("#gatehouse-confirm-button").text())
                .isEqualTo("Confirm and create my account");
        assertThat(fetchedAgain.status()).as("a scanner's second fetch").isEqualTo(200);
        assertThat(signups.accountRows(username)).as("the GET creates nothing").isZero();
        assertThat(signups.pendingRows(username)).isEqualTo(1);
        assertThat(signups.keycloakUsers(username)).isZero();

        Page ready = fresh().submit(button.form(Signups.CONFIRM_FORM));

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text()).contains("Your account " + username + " is ready");
        assertThat(signups.accountState(username)).isEqualTo("active/true");
        assertThat(signups.pendingRows(username)).isZero();
        assertThat(signups.keycloakUsers(username)).isEqualTo(1);
        assertThat(pages.login(fresh(), username, "confirm-pass").redirectParameter("code"))
                .isPresent();
        assertThat(env.oidc("gatehouse")
                        .passwordGrant("demo-api", "demo-api-secret", username, "confirm-pass")
                        .statusCode())
                .isEqualTo(200);

        Page again = fresh().get(link);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text()).contains("This link has already been used");
        assertThat(signups.accountRows(username)).isEqualTo(1);
        Page tampered = fresh().get(link.substring(0, link.length() - 4) + "AAAA");
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.text()).contains("This link is not valid");
        for (Page failed : List.of(again, tampered)) {
            assertThat(troubleshootingLink(failed)).endsWith(EMAIL_SECTION);
        }
    }

    @Test
    @DisplayName("a link past its expiry gets the 'expired' page and no account; the scheduled purge removes the rows")
    void expired() {
        String username = Names.unique("late");
        String email = username + "@signup.test";
        signups.realmAttribute("gatehouseConfirmationLinkSeconds", "2");
        String banned = Names.unique("late-banned") + "@signup.test";
        env.store().banEmail(banned, "abuse");
        String link;
        try {
            signups.signUp(username, email, "late-pass");
            link = Signups.link(Signups.confirmationMail(env, email, 1));
            // A refused signup is recorded with the same expiry as a link.
            signups.signUp(Names.unique("late-banned"), banned, "late-pass");
            assertThat(env.store().refusedSignups(banned)).containsExactly("address_banned");
        } finally {
            signups.realmAttribute("gatehouseConfirmationLinkSeconds", "86400");
        }
        AdminEvents.pause(Duration.ofSeconds(3));

        Page expired = fresh().get(link);

        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.text()).contains("This link has expired").contains("sign up again");
        assertThat(expired.document().selectFirst("#gatehouse-signup-again").attr("href"))
                .contains("/protocol/openid-connect/registrations");
        assertThat(troubleshootingLink(expired)).endsWith(EMAIL_SECTION);
        assertThat(signups.accountRows(username)).isZero();
        assertThat(pages.login(fresh(), username, "late-pass").text()).doesNotContain(Signups.UNCONFIRMED);

        String live = Names.unique("live");
        signups.signUp(live, live + "@signup.test", "live-pass");
        // SPEC P2.2: the scheduled task (every few seconds in the tests) purges the expired rows; nobody asks for it.
        // The refused attempt was recorded a moment after the link, so it expires a moment later: a purge run
        // can fall between the two, and the next one takes it.
        await().atMost(Duration.ofSeconds(12L * KeycloakSetup.SIGNUP_PURGE_INTERVAL_SECONDS))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> signups.pendingRows(username) == 0);
        await("the refused attempt is purged too")
                .atMost(Duration.ofSeconds(12L * KeycloakSetup.SIGNUP_PURGE_INTERVAL_SECONDS))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> env.store().refusedSignups(banned).isEmpty());
        assertThat(signups.accountRows(username)).isZero();
        assertThat(signups.pendingRows(live))
                .as("a pending signup within its expiry stays")
                .isEqualTo(1);

        HttpResponse<String> purge = env.admin().post("gatehouse/gatehouse/signups/purge", "");
        assertThat(purge.statusCode()).as(purge.body()).isEqualTo(200);
        assertThat(Oidc.json(purge.body()).get("purged").asInt()).isNotNegative();
    }

    @Test
    @DisplayName("a taken and a banned address get the free address's page; the owner is told, the banned get nothing")
    void takenAndBannedAddresses() throws Exception {
        String taken = Names.unique("owner") + "@signup.test";
        env.store().account(Names.unique("owner")).email(taken).password("pw").create();
        String banned = Names.unique("banned") + "@signup.test";
        env.store().banEmail(banned, "abuse");
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
        // Each refused signup writes one row of its own, as the free one wrote its pending signup (SPEC S1).
        assertThat(env.store().refusedSignups(taken)).containsExactly("address_in_use");
        assertThat(env.store().refusedSignups(banned)).containsExactly("address_banned");
        assertThat(env.store().refusedSignups(free)).isEmpty();
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

            Page ready = Signups.confirm(env, Signups.link(mail));
            // Page text as a reader sees it: HTML collapses runs of spaces.
            assertThat(ready.text())
                    .as(username)
                    .contains("Your account " + username.replaceAll(" +", " ") + " is ready");
            assertThat(ready.body()).doesNotContain("<Co>");

            Page result = pages.login(fresh(), username, "any-pass");
            String code = result.redirectParameter("code")
                    .orElseThrow(() -> new AssertionError("no login as " + username + ": " + result.text()));
            JsonNode claims = Oidc.claims(Oidc.json(env.oidc("gatehouse")
                            .exchangeCode(LoginPages.CLIENT, LoginPages.REDIRECT, code)
                            .body())
                    .get("id_token")
                    .asText());
            assertThat(claims.get("preferred_username").asText()).isEqualTo(username.toLowerCase(Locale.ROOT));
            AccountStore.AccountRow row = env.store().row(username).orElseThrow(() -> new AssertionError(username));
            assertThat(row.username()).as("the original spelling, stored").isEqualTo(username);
            assertThat(row.email()).isEqualTo(email);
            assertThat(row.emailConfirmed()).isTrue();
            assertThat(row.status()).isEqualTo("active");
        }
        MimeMessage zoe = env.mail().messages().stream()
                .filter(message -> MailServer.text(message).contains("Welcome, Zoë O'Brien & <Co>!"))
                .findFirst()
                .orElseThrow();
        assertThat(MailServer.html(zoe)).contains("Zoë O&#39;Brien &amp; &lt;Co&gt;");
    }

    @Test
    @DisplayName("empty, 257 characters and a control character are field errors")
    void refusedUsernames() {
        assertThat(fieldError("", "Enter a username.")).isTrue();
        assertThat(fieldError("x".repeat(257), "A username can have at most 256 characters."))
                .isTrue();
        assertThat(fieldError("bell\u0007", "A username cannot contain control characters"))
                .isTrue();
    }

    @Test
    @DisplayName("a taken username (an account's or a pending signup's) gets the free signup's page; the address"
            + " is told by e-mail to choose another, and nothing is reserved")
    void takenUsernames() throws Exception {
        String pending = Names.unique("reserved");
        signups.signUp(pending, pending + "@signup.test", "pw-1");
        String existing = Names.unique("existing");
        env.store().account(existing).password("pw").create();
        String free = Names.unique("free-name");
        Page forFree = signups.signUp(free, free + "@signup.test", "pw-1");

        for (String taken : List.of(existing.toUpperCase(Locale.ROOT), pending)) {
            String email = Names.unique("chooser") + "@signup.test";
            Page page = signups.signUp(taken, email, "pw-1");

            assertThat(page.status()).isEqualTo(forFree.status());
            assertThat(PageBodies.masked(page, email)).isEqualTo(PageBodies.masked(forFree, free + "@signup.test"));
            MimeMessage mail = Emails.wellFormed(
                    env.mail().awaitMessagesTo(email, 1, Duration.ofSeconds(20)).get(0));
            assertThat(mail.getSubject()).isEqualTo("Choose another username");
            assertThat(MailServer.text(mail)).contains(taken).contains("/protocol/openid-connect/registrations");
            assertThat(MailServer.links(mail)).noneMatch(link -> link.contains("confirm-email"));
            assertThat(signups.pendingRowsForEmail(email)).isZero();
        }
        assertThat(signups.accountRows(existing)).isEqualTo(1);
        assertThat(signups.pendingRows(pending)).isEqualTo(1);
    }

    @Test
    @DisplayName("free, taken address, taken username and banned: byte-identical pages (tokens masked) and the same"
            + " number of password hashes")
    void uniformAnswers() {
        String takenAddress = Names.unique("owner2") + "@signup.test";
        env.store()
                .account(Names.unique("owner2"))
                .email(takenAddress)
                .password("pw")
                .create();
        String takenName = Names.unique("name-owner");
        env.store().account(takenName).password("pw").create();
        String banned = Names.unique("banned2") + "@signup.test";
        env.store().banEmail(banned, "abuse");
        String free = Names.unique("free2") + "@signup.test";
        String freeForName = Names.unique("free3") + "@signup.test";

        Answer forFree = signUpCounting(Names.unique("free2"), free);
        Answer forTakenAddress = signUpCounting(Names.unique("taker2"), takenAddress);
        Answer forTakenName = signUpCounting(takenName, freeForName);
        Answer forBanned = signUpCounting(Names.unique("banned2"), banned);

        for (Answer answer : List.of(forTakenAddress, forTakenName, forBanned)) {
            assertThat(answer.page().status()).isEqualTo(forFree.page().status());
            assertThat(answer.masked()).isEqualTo(forFree.masked());
            assertThat(answer.hashes()).isEqualTo(forFree.hashes());
        }
        assertThat(forFree.hashes()).isEqualTo(1.0);
        System.out.printf(
                "gatehouse.signup_hashes free=%s taken_address=%s taken_username=%s banned=%s%n",
                forFree.hashes(), forTakenAddress.hashes(), forTakenName.hashes(), forBanned.hashes());
    }

    private record Answer(Page page, String masked, double hashes) {}

    private Answer signUpCounting(String username, String email) {
        BrowserClient browser = fresh();
        Page form = signups.open(browser);
        double before = PasswordHashes.total(env);
        Page page = browser.submit(form.form(Signups.FORM)
                .fill("username", username)
                .fill("email", email)
                .fill("password", "uniform-pass")
                .fill("password-confirm", "uniform-pass"));
        return new Answer(page, PageBodies.masked(page, email), PasswordHashes.total(env) - before);
    }

    @Test
    @DisplayName("the page answers before the SMTP server has the confirmation e-mail, which arrives later")
    void answersBeforeSmtp() {
        String username = Names.unique("slow-mail");
        String email = username + "@signup.test";
        BrowserClient browser = fresh();
        Page form = signups.open(browser);

        try (SlowSmtp slow = SlowSmtp.start(env, SLOW_SMTP)) {
            long started = System.nanoTime();
            Page sent = browser.submit(form.form(Signups.FORM)
                    .fill("username", username)
                    .fill("email", email)
                    .fill("password", "slow-pass")
                    .fill("password-confirm", "slow-pass"));
            Duration answered = Duration.ofNanos(System.nanoTime() - started);

            assertThat(sent.status()).isEqualTo(200);
            assertThat(sent.text()).contains(Signups.SENT);
            assertThat(answered).isLessThan(SLOW_SMTP);
            assertThat(env.mail().messagesTo(email))
                    .as("not at the SMTP server yet")
                    .isEmpty();
            slow.release();
            Signups.confirmationMail(env, email, 1);
        }
    }

    @Test
    @DisplayName("limits: 3 signups per address across IPs, then 429; per IP over its limit, 429; a refused signup"
            + " stores no row, event or e-mail")
    void limits() {
        String email = Names.unique("limited") + "@signup.test";
        for (int i = 1; i <= 3; i++) {
            Page page = signUpFrom(BrowserClient.randomIp(), Names.unique("lim"), email);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
        }
        env.mail().awaitMessagesTo(email, 3, Duration.ofSeconds(20));
        long events = registerEvents(email);
        String refusedName = Names.unique("lim-refused");

        Page refused = signUpFrom(BrowserClient.randomIp(), refusedName, email);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text()).contains("Too many signups");
        assertThat(signups.pendingRows(refusedName)).isZero();
        assertThat(signups.pendingRowsForEmail(email)).isEqualTo(1);
        assertThat(registerEvents(email)).isEqualTo(events);
        AdminEvents.pause(Duration.ofSeconds(2));
        assertThat(env.mail().messagesTo(email)).hasSize(3);

        signups.realmAttribute("gatehouseSignupIpLimit", "2");
        try {
            String ip = BrowserClient.randomIp();
            assertThat(signUpFrom(ip, Names.unique("ip"), Names.unique("ip") + "@signup.test")
                            .status())
                    .isEqualTo(200);
            assertThat(signUpFrom(ip, Names.unique("ip"), Names.unique("ip") + "@signup.test")
                            .status())
                    .isEqualTo(200);
            String third = Names.unique("ip3") + "@signup.test";
            Page overIp = signUpFrom(ip, Names.unique("ip3"), third);
            Page otherIp =
                    signUpFrom(BrowserClient.randomIp(), Names.unique("ip4"), Names.unique("ip4") + "@signup.test");

            assertThat(overIp.status()).isEqualTo(429);
            assertThat(signups.pendingRowsForEmail(third)).isZero();
            assertThat(registerEvents(third)).isZero();
            assertThat(otherIp.status()).isEqualTo(200);
            // The refused request took nothing from the address's own count: three more go through.
            for (int i = 1; i <= 3; i++) {
                assertThat(signUpFrom(BrowserClient.randomIp(), Names.unique("again"), third)
                                .status())
                        .isEqualTo(200);
            }
        } finally {
            signups.realmAttribute("gatehouseSignupIpLimit", "20");
        }
    }

    private Page signUpFrom(String ip, String username, String email) {
        BrowserClient browser = fresh().from(ip);
        Page form = signups.open(browser);
        return browser.submit(form.form(Signups.FORM)
                .fill("username", username)
                .fill("email", email)
                .fill("password", "limit-pass")
                .fill("password-confirm", "limit-pass"));
    }

    /** REGISTER events and errors recorded for an address. */
    private long registerEvents(String email) {
        return AdminEvents.count(env, "email", email, "REGISTER", "REGISTER_ERROR");
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

    /** A new browser at a client IP of its own, so that per-IP limits of one test do not reach another. */
    private BrowserClient fresh() {
        return env.browser().from(BrowserClient.randomIp());
    }

    /** The confirmation-failed page's link to the troubleshooting page (SPEC P3.3). */
    private String troubleshootingLink(Page page) {
        var link = page.document().selectFirst("#gatehouse-troubleshooting-link");
        assertThat(link).as(page.body()).isNotNull();
        assertThat(link.attr("href")).startsWith(env.baseUrl() + "/realms/gatehouse/gatehouse/troubleshooting");
        return link.attr("href");
    }
}
