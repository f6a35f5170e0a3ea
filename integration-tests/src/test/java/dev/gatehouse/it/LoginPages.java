package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.Page;
import org.jsoup.nodes.Element;

/** Page objects of the gatehouse realm's identifier-first login. */
final class LoginPages {

    static final String CLIENT = "demo-app";
    static final String REDIRECT = "http://localhost:3000/cb";
    static final String FORM = "#kc-form-login";

    private final GatehouseEnvironment env;

    LoginPages(GatehouseEnvironment env) {
        this.env = env;
    }

    /** The first page: the identifier alone. */
    Page open(BrowserClient browser) {
        Page page = browser.get(env.oidc("gatehouse").authorizationUrl(CLIENT, REDIRECT));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.document().selectFirst(FORM + " input[name=username]"))
                .as(page.body())
                .isNotNull();
        return page;
    }

    /** Submits the identifier: the password page, or wherever the flow goes instead. */
    Page identify(BrowserClient browser, String identifier) {
        Page page = open(browser);
        return browser.submit(page.form(FORM).fill("username", identifier));
    }

    Page login(BrowserClient browser, String identifier, String password) {
        Page passwordPage = identify(browser, identifier);
        assertThat(isPasswordPage(passwordPage)).as(passwordPage.body()).isTrue();
        return browser.submit(passwordPage.form(FORM).fill("password", password));
    }

    static boolean isPasswordPage(Page page) {
        return page.status() == 200 && page.document().selectFirst(FORM + " input[name=password]") != null;
    }

    /** The error shown for the login form's fields, as the user reads it. */
    static String inputError(Page page) {
        Element error = page.document().selectFirst("#input-error-password, #input-error-username");
        return error == null ? "" : error.text();
    }

    /** The identifier the password page echoes. */
    static String attemptedUsername(Page page) {
        Element echoed = page.document().selectFirst("#kc-attempted-username");
        return echoed == null ? null : echoed.val();
    }
}
