package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.Page;

/** Page object of the gatehouse realm's login form. */
final class LoginPages {

    static final String CLIENT = "demo-app";
    static final String REDIRECT = "http://localhost:3000/cb";

    private final GatehouseEnvironment env;

    LoginPages(GatehouseEnvironment env) {
        this.env = env;
    }

    Page open(BrowserClient browser) {
        Page page = browser.get(env.oidc("gatehouse").authorizationUrl(CLIENT, REDIRECT));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.document().selectFirst("#kc-form-login"))
                .as(page.body())
                .isNotNull();
        return page;
    }

    Page login(BrowserClient browser, String username, String password) {
        Page page = open(browser);
        return browser.submit(
                page.form("#kc-form-login").fill("username", username).fill("password", password));
    }

    /** The error shown for the login form's fields, as the user reads it. */
    static String inputError(Page page) {
        var error = page.document().selectFirst("#input-error-username");
        return error == null ? "" : error.text();
    }
}
