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

        Page sent = request(env.browser(), email);

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
    @DisplayName("an unknown address gets the same page and no e-mail")
    void unknownAddress() {
        String known = Names.unique("known") + "@it.test";
        env.store().account(Names.unique("known")).email(known).password("pw").create();
        String unknown = Names.unique("nobody") + "@it.test";

        Page forKnown = request(env.browser(), known);
        Page forUnknown = request(env.browser(), unknown);

        assertThat(forUnknown.status()).isEqualTo(forKnown.status());
        assertThat(forUnknown.text()).isEqualTo(forKnown.text());
        env.mail().awaitMessagesTo(known, 1, Duration.ofSeconds(20));
        assertThat(env.mail().messagesTo(unknown)).isEmpty();
    }

    @Test
    @DisplayName("the 6th request for an address within the window is refused, and sends nothing")
    void rateLimited() {
        String email = Names.unique("limited") + "@it.test";
        env.store().account(Names.unique("limited")).email(email).password("pw").create();

        for (int i = 1; i <= 5; i++) {
            assertThat(request(env.browser(), email).status()).isEqualTo(200);
        }
        env.mail().awaitMessagesTo(email, 5, Duration.ofSeconds(20));
        Page refused = request(env.browser(), email);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text()).contains("Too many requests");
        assertThat(refused.document()
                        .selectFirst("#gatehouse-troubleshooting-link")
                        .attr("href"))
                .endsWith("/gatehouse/troubleshooting?reason=usernames#usernames");
        assertThat(env.mail().messagesTo(email)).hasSize(5);
        assertThat(event("CUSTOM_REQUIRED_ACTION_ERROR", email).get("error").asText())
                .isEqualTo("gatehouse_rate_limited");
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
        Page page = request(env.browser(), "not an address");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.document().selectFirst("#input-error-email").text()).isEqualTo("Enter a valid e-mail address.");
    }

    /** From the identifier page's "Forgot username?" link. */
    private Page request(BrowserClient browser, String email) {
        Page identifier = pages.open(browser);
        String href =
                identifier.document().selectFirst("#gatehouse-forgot-username").absUrl("href");
        Page form = browser.get(href);
        return browser.submit(form.form("#gatehouse-forgot-username-form").fill("email", email));
    }
}
