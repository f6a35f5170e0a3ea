package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.Page;
import org.jsoup.nodes.Element;

/**
 * "You haven't confirmed your email address" after the right password (SPEC P2.3): 403, the
 * address, the resend form, and the link to the troubleshooting section.
 */
final class UnconfirmedPage {

    static final String TITLE = Signups.UNCONFIRMED;
    private static final String RESEND_FORM = "#gatehouse-resend-form";

    private final Page page;

    private UnconfirmedPage(Page page) {
        this.page = page;
    }

    static UnconfirmedPage of(Page page) {
        assertThat(page.text()).as(page.body()).contains(TITLE);
        assertThat(page.document().selectFirst(RESEND_FORM)).as(page.body()).isNotNull();
        assertThat(page.redirectParameter("code")).as("no authorization code").isEmpty();
        return new UnconfirmedPage(page);
    }

    Page page() {
        return page;
    }

    String troubleshootingLink() {
        Element link = page.document().selectFirst("#gatehouse-troubleshooting-link");
        assertThat(link).as(page.body()).isNotNull();
        return link.attr("href");
    }

    /** Presses "resend": the page that answers (this page again with a notice, or the refusal). */
    Page resend(BrowserClient browser) {
        return browser.submit(page.form(RESEND_FORM));
    }

    /** The notice after a resend that was sent, or null. */
    static String sentNotice(Page page) {
        Element sent = page.document().selectFirst("#gatehouse-resend-sent");
        return sent == null ? null : sent.text();
    }

    /** The notice after a resend that was refused, or null. */
    static String refusedNotice(Page page) {
        Element refused = page.document().selectFirst("#gatehouse-resend-refused");
        return refused == null ? null : refused.text();
    }
}
