package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.Page;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Element;

/** {@code GET /realms/gatehouse/gatehouse/troubleshooting[?reason=…]} and what a reader sees on it. */
final class TroubleshootingPage {

    private final Page page;

    private TroubleshootingPage(Page page) {
        this.page = page;
    }

    static String url(GatehouseEnvironment env) {
        return env.baseUrl() + "/realms/gatehouse/gatehouse/troubleshooting";
    }

    /** Opens the page, {@code ?reason=} appended as given (already encoded) when not null. */
    static TroubleshootingPage open(GatehouseEnvironment env, BrowserClient browser, String encodedReason) {
        Page page = browser.get(url(env) + (encodedReason == null ? "" : "?reason=" + encodedReason));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return new TroubleshootingPage(page);
    }

    Page page() {
        return page;
    }

    /** The anchors of the sections, in page order. */
    List<String> sections() {
        return page.document().select("section.gatehouse-reason").eachAttr("id");
    }

    /** The highlighted section's anchor, if one is. */
    Optional<String> highlighted() {
        Element section = page.document().selectFirst(".gatehouse-highlighted");
        return Optional.ofNullable(section).map(Element::id);
    }

    String sectionText(String anchor) {
        Element section = page.document().getElementById(anchor);
        assertThat(section).as(anchor).isNotNull();
        return section.text();
    }
}
