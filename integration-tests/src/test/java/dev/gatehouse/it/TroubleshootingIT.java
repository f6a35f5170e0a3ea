package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Page;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
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
        Page page = env.browser().get(url);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("section.gatehouse-reason").eachAttr("id"))
                .containsExactlyElementsOf(ANCHORS);
        assertThat(page.document().selectFirst("#billing-terminated").text()).contains("last week of each month");
        assertThat(page.body()).contains("/resources/").contains("login/gatehouse");
        assertThat(page.document().select(".gatehouse-highlighted")).isEmpty();
    }

    @Test
    @DisplayName("?reason= highlights its section; an unknown or hostile reason highlights nothing and is not echoed")
    void highlight() {
        Page highlighted = env.browser().get(url + "?reason=billing-terminated");
        Page hostile = env.browser().get(url + "?reason=%3Cscript%3Ealert(1)%3C/script%3E");

        Element section = highlighted.document().selectFirst(".gatehouse-highlighted");
        assertThat(section).isNotNull();
        assertThat(section.id()).isEqualTo("billing-terminated");
        assertThat(highlighted
                        .document()
                        .selectFirst("section.gatehouse-reason")
                        .id())
                .as("the marked section comes first, in view without scrolling or JavaScript")
                .isEqualTo("billing-terminated");
        assertThat(highlighted.document().select("section.gatehouse-reason").eachAttr("id"))
                .containsExactlyInAnyOrderElementsOf(ANCHORS);
        assertThat(hostile.status()).isEqualTo(200);
        assertThat(hostile.document().select(".gatehouse-highlighted")).isEmpty();
        assertThat(hostile.body()).doesNotContain("alert(1)");
    }

    @Test
    @DisplayName("the yes/no feedback works without JavaScript and is a Keycloak event; the page is translated")
    void feedbackAndLocale() {
        Page thanks = env.browser().post(url, Map.of("helpful", "no", "reason", "usernames"));
        Page bad = env.browser().post(url, Map.of("helpful", "maybe"));
        Page german = env.browser().language("de").get(url);

        assertThat(thanks.status()).isEqualTo(200);
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
}
