package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.MailServer;
import dev.gatehouse.testing.Page;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Forgot username")
class ForgotUsernameIT {

    private static final String SENT = "If an account exists for that address, we've sent its username.";
    private static final String FORM = "#gatehouse-forgot-username-form";
    private static final Duration SLOW_SMTP = Duration.ofSeconds(8);

    private final GatehouseEnvironment env;
    private final LoginPages pages;

    ForgotUsernameIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
    }

    @Test
    @DisplayName("an address shared by a parent and two sub-users gets one e-mail listing all three, escaped")
    void sharedAddress() {
        String email = Names.unique("shared") + "@family.test";
        String parent = "Parent & <Co> " + Names.unique("");
        UUID parentId = env.store().account(parent).email(email).password("pw").create();
        String subOne = Names.unique("sub-one");
        String subTwo = Names.unique("sub-two");
        env.store().account(subOne).email(email).password("pw").parent(parentId).create();
        env.store().account(subTwo).email(email).password("pw").parent(parentId).create();

        Page sent = request(fresh(), email);

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.text()).contains(SENT);
        var mail = Emails.wellFormed(
                env.mail().awaitMessagesTo(email, 1, Duration.ofSeconds(20)).get(0));
        assertThat(MailServer.text(mail)).contains(parent, subOne, subTwo);
        assertThat(MailServer.html(mail)).contains("Parent &amp; &lt;Co&gt;").doesNotContain("<Co>");
        assertThat(env.mail().messagesTo(email)).hasSize(1);
        JsonNode event = event("CUSTOM_REQUIRED_ACTION", email);
        assertThat(event.at("/details/custom_required_action").asText()).isEqualTo("gatehouse-forgot-username");
        assertThat(event.at("/details/gatehouse_usernames").asText()).isEqualTo("3");
        assertThat(event.get("userId").asText()).endsWith(parentId.toString());
    }

    @Test
    @DisplayName("an unknown address gets the byte-identical page and no e-mail")
    void unknownAddress() {
        String known = Names.unique("known") + "@it.test";
        env.store().account(Names.unique("known")).email(known).password("pw").create();
        String unknown = Names.unique("nobody") + "@it.test";

        Page forKnown = request(fresh(), known);
        Page forUnknown = request(fresh(), unknown);

        assertThat(forUnknown.status()).isEqualTo(forKnown.status());
        assertThat(PageBodies.masked(forUnknown)).isEqualTo(PageBodies.masked(forKnown));
        env.mail().awaitMessagesTo(known, 1, Duration.ofSeconds(20));
        assertThat(env.mail().messagesTo(unknown)).isEmpty();
    }

    @Test
    @DisplayName("the page answers before the SMTP server has the e-mail, which arrives later")
    void answersBeforeSmtp() {
        String email = Names.unique("slow") + "@it.test";
        env.store().account(Names.unique("slow")).email(email).password("pw").create();
        BrowserClient browser = fresh();
        Page form = formPage(browser);

        try (SlowSmtp slow = SlowSmtp.start(env, SLOW_SMTP)) {
            long started = System.nanoTime();
            Page sent = browser.submit(form.form(FORM).fill("email", email));
            Duration answered = Duration.ofNanos(System.nanoTime() - started);

            assertThat(sent.status()).isEqualTo(200);
            assertThat(sent.text()).contains(SENT);
            assertThat(answered).isLessThan(SLOW_SMTP);
            assertThat(env.mail().messagesTo(email))
                    .as("not at the SMTP server yet")
                    .isEmpty();
            slow.release();
            env.mail().awaitMessagesTo(email, 1, Duration.ofSeconds(20));
        }
    }

    @Test
    @DisplayName("the 6th request for an address within the window is refused even from another IP, sends nothing"
            + " and records nothing")
    void rateLimited() {
        String email = Names.unique("limited") + "@it.test";
        env.store().account(Names.unique("limited")).email(email).password("pw").create();

        for (int i = 1; i <= 5; i++) {
            assertThat(request(fresh(), email).status()).isEqualTo(200);
        }
        env.mail().awaitMessagesTo(email, 5, Duration.ofSeconds(20));
        int events = events(email);
        Page refused = request(fresh(), email);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text()).contains("Too many requests");
        assertThat(refused.document()
                        .selectFirst("#gatehouse-troubleshooting-link")
                        .attr("href"))
                .endsWith("/gatehouse/troubleshooting?reason=usernames#usernames");
        assertThat(events(email)).as("no event for a refused request").isEqualTo(events);
        AdminEvents.pause(Duration.ofSeconds(2));
        assertThat(env.mail().messagesTo(email)).hasSize(5);
    }

    @Test
    @DisplayName("over the per-IP limit: 429 from that IP, nothing recorded, and the address keeps all its requests")
    void ipLimitStoresNothing() {
        String email = Names.unique("ip-limited") + "@it.test";
        env.store()
                .account(Names.unique("ip-limited"))
                .email(email)
                .password("pw")
                .create();
        new Signups(env).realmAttribute("gatehouseForgotUsernameIpLimit", "2");
        try {
            BrowserClient oneIp = fresh();
            assertThat(request(oneIp, Names.unique("a") + "@it.test").status()).isEqualTo(200);
            assertThat(request(oneIp, Names.unique("b") + "@it.test").status()).isEqualTo(200);

            Page refused = request(oneIp, email);

            assertThat(refused.status()).isEqualTo(429);
            assertThat(events(email)).isZero();
            assertThat(request(fresh(), Names.unique("c") + "@it.test").status())
                    .as("another IP")
                    .isEqualTo(200);
            // Had the refused request taken one of the address's 5, the 5th below would be refused.
            for (int i = 1; i <= 5; i++) {
                assertThat(request(fresh(), email).status()).isEqualTo(200);
            }
            env.mail().awaitMessagesTo(email, 5, Duration.ofSeconds(20));
        } finally {
            new Signups(env).realmAttribute("gatehouseForgotUsernameIpLimit", "30");
        }
    }

    /** Events, successes and errors, recorded for an address. */
    private int events(String email) {
        return AdminEvents.count(env, "email", email, "CUSTOM_REQUIRED_ACTION", "CUSTOM_REQUIRED_ACTION_ERROR");
    }

    /** The newest event of a type for an address, as admins see it. */
    private JsonNode event(String type, String email) {
        JsonNode events = env.admin().json("gatehouse/events?type=" + type + "&max=200");
        for (JsonNode event : events) {
            if (email.equals(event.at("/details/email").asText())) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " event for " + email + " in " + events);
    }

    @Test
    @DisplayName("a malformed address is a field error")
    void malformed() {
        Page page = request(fresh(), "not an address");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.document().selectFirst("#input-error-email").text()).isEqualTo("Enter a valid e-mail address.");
    }

    /** From the identifier page's "Forgot username?" link. */
    private Page request(BrowserClient browser, String email) {
        return browser.submit(formPage(browser).form(FORM).fill("email", email));
    }

    private Page formPage(BrowserClient browser) {
        Page identifier = pages.open(browser);
        String href =
                identifier.document().selectFirst("#gatehouse-forgot-username").absUrl("href");
        return browser.get(href);
    }

    /** A new browser at a client IP of its own, so that per-IP limits of one test do not reach another. */
    private BrowserClient fresh() {
        return env.browser().from(BrowserClient.randomIp());
    }
}
