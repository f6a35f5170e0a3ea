package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Page;
import org.jsoup.nodes.Element;

/**
 * The page a banned or terminated account gets after its right password (SPEC P6.3, P7.3): 403,
 * its title, and its link to the troubleshooting page's section.
 */
final class BlockedPage {

    enum Kind {
        BANNED("#gatehouse-banned", "This account has been banned", "account-banned"),
        TERMINATED("#gatehouse-terminated", "Account terminated for non-payment", "billing-terminated");

        final String selector;
        final String title;
        final String section;

        Kind(String selector, String title, String section) {
            this.selector = selector;
            this.title = title;
            this.section = section;
        }
    }

    private final Page page;

    private BlockedPage(Page page) {
        this.page = page;
    }

    /** The page, checked to be the blocked page of that kind; fails with the page's body otherwise. */
    static BlockedPage of(Page page, Kind kind) {
        assertThat(page.status()).as(page.body()).isEqualTo(403);
        assertThat(page.document().selectFirst(kind.selector)).as(page.body()).isNotNull();
        assertThat(page.text()).contains(kind.title);
        assertThat(page.redirectParameter("code")).as("no authorization code").isEmpty();
        return new BlockedPage(page);
    }

    /** Whether a page is a blocked page at all (of either kind). */
    static boolean isBlockedPage(Page page) {
        return page.document().selectFirst(Kind.BANNED.selector + ", " + Kind.TERMINATED.selector) != null;
    }

    /** The link to the troubleshooting page. */
    String troubleshootingLink() {
        Element link = page.document().selectFirst("#gatehouse-troubleshooting-link");
        assertThat(link).as(page.body()).isNotNull();
        return link.attr("href");
    }
}
