package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("The troubleshooting page")
class TroubleshootingIT {

    private static final List<String> ANCHORS = List.of(
            "invalid-credentials",
            "email-not-confirmed",
            "check-with-other-users",
            "reset-password",
            "usernames",
            "bad-api-credentials",
            "billing-terminated",
            "account-banned",
            "lost-second-factor");

    private final GatehouseEnvironment env;
    private final String url;

    TroubleshootingIT(GatehouseEnvironment env) {
        this.env = env;
        this.url = env.baseUrl() + "/realms/gatehouse/gatehouse/troubleshooting";
    }

    @Test
    @DisplayName("has one section per reason of the article, each with its stable anchor, in the login theme")
    void sections() {
        TroubleshootingPage page = TroubleshootingPage.open(env, fresh(), null);

        assertThat(page.sections()).containsExactlyElementsOf(ANCHORS);
        assertThat(page.sectionText("billing-terminated")).contains("last week of each month");
        assertThat(page.page().body()).contains("/resources/").contains("login/gatehouse");
        assertThat(page.highlighted()).isEmpty();
    }

    @Test
    @DisplayName("?reason= highlights its section; an unknown or hostile reason highlights nothing and is not echoed")
    void highlight() {
        TroubleshootingPage highlighted = TroubleshootingPage.open(env, fresh(), "billing-terminated");
        TroubleshootingPage hostile = TroubleshootingPage.open(env, fresh(), "%3Cscript%3Ealert(1)%3C/script%3E");

        assertThat(highlighted.highlighted()).contains("billing-terminated");
        assertThat(highlighted.sections().get(0))
                .as("the marked section comes first, in view without scrolling or JavaScript")
                .isEqualTo("billing-terminated");
        assertThat(highlighted.sections()).containsExactlyInAnyOrderElementsOf(ANCHORS);
        assertThat(hostile.highlighted()).isEmpty();
        assertThat(hostile.page().body()).doesNotContain("alert(1)");
    }

    @Test
    @DisplayName("the yes/no feedback works without JavaScript and is a Keycloak event; the page is translated")
    void feedbackAndLocale() {
        BrowserClient browser = fresh();
        Page page = browser.get(url + "?reason=usernames");
        Page thanks = browser.submit(page.form("#gatehouse-feedback").fill("helpful", "no"));
        Page bad = browser.submit(browser.get(url).form("#gatehouse-feedback").fill("helpful", "maybe"));
        Page german = fresh().language("de").get(url);

        assertThat(thanks.status()).as(thanks.body()).isEqualTo(200);
        assertThat(thanks.document().selectFirst("#gatehouse-feedback-thanks")).isNotNull();
        JsonNode events = env.admin().json("gatehouse/events?type=CUSTOM_REQUIRED_ACTION&max=1000");
        assertThat(events.findValues("details")).anySatisfy(details -> {
            assertThat(details.path("custom_required_action").asText()).isEqualTo("gatehouse-troubleshooting-feedback");
            assertThat(details.path("gatehouse_feedback").asText()).isEqualTo("no");
            assertThat(details.path("gatehouse_reason").asText()).isEqualTo("usernames");
        });
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.document().selectFirst("#gatehouse-feedback-thanks")).isNull();
        assertThat(german.text()).contains("Probleme bei der Anmeldung?");
    }

    @Test
    @DisplayName("a feedback post without the page's CSRF token, or with another one, is refused (403) and"
            + " records nothing")
    void feedbackCsrf() {
        int before = feedbackEvents();
        BrowserClient attacker = fresh();
        Page withoutToken = attacker.post(url, Map.of("helpful", "yes", "reason", "usernames"));
        BrowserClient victim = fresh();
        victim.get(url);
        Page foreignToken =
                victim.post(url, Map.of("helpful", "yes", "gatehouse_csrf", "A".repeat(32), "reason", "usernames"));
        Page noCookie = fresh().post(url, Map.of("helpful", "yes", "gatehouse_csrf", "A".repeat(32)));

        for (Page refused : List.of(withoutToken, foreignToken, noCookie)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.document().selectFirst("#gatehouse-feedback-thanks"))
                    .isNull();
            assertThat(refused.document()
                            .selectFirst("#gatehouse-feedback-error")
                            .text())
                    .startsWith("Your feedback could not be recorded.");
        }
        assertThat(feedbackEvents()).isEqualTo(before);
    }

    @Test
    @DisplayName("10 feedback posts per client IP, then 429 recording nothing; another IP still posts")
    void feedbackLimit() {
        BrowserClient browser = fresh();
        for (int i = 1; i <= 10; i++) {
            Page page = browser.get(url);
            assertThat(browser.submit(page.form("#gatehouse-feedback").fill("helpful", "yes"))
                            .status())
                    .isEqualTo(200);
        }
        int before = feedbackEvents();

        Page refused =
                browser.submit(browser.get(url).form("#gatehouse-feedback").fill("helpful", "yes"));
        BrowserClient other = fresh();
        Page fromOther = other.submit(other.get(url).form("#gatehouse-feedback").fill("helpful", "yes"));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.document().selectFirst("#gatehouse-feedback-error").text())
                .startsWith("We have received a lot of feedback from here.");
        assertThat(fromOther.status()).isEqualTo(200);
        assertThat(feedbackEvents()).isEqualTo(before + 1);
    }

    private int feedbackEvents() {
        int count = 0;
        for (JsonNode event : env.admin().json("gatehouse/events?type=CUSTOM_REQUIRED_ACTION&max=5000")) {
            if ("gatehouse-troubleshooting-feedback"
                    .equals(event.at("/details/custom_required_action").asText())) {
                count++;
            }
        }
        return count;
    }

    /** A new browser at a client IP of its own, so that per-IP limits of one test do not reach another. */
    private BrowserClient fresh() {
        return env.browser().from(BrowserClient.randomIp());
    }
}
