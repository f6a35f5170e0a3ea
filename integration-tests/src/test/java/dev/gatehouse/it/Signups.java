package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.MailServer;
import dev.gatehouse.testing.Page;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;

/** Page objects and store checks of signup and e-mail confirmation. */
final class Signups {

    static final String FORM = "#gatehouse-signup-form";
    static final String CONFIRM_FORM = "#gatehouse-confirm-form";
    static final String SENT = "We've sent a message to";
    static final String UNCONFIRMED = "You haven't confirmed your email address";

    private final GatehouseEnvironment env;
    private final LoginPages pages;

    Signups(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
    }

    /** The signup form, reached from the login page's "Register" link. */
    Page open(BrowserClient browser) {
        Page login = pages.open(browser);
        Page form =
                browser.get(login.document().selectFirst("#kc-registration a").absUrl("href"));
        assertThat(form.document().selectFirst(FORM)).as(form.body()).isNotNull();
        return form;
    }

    /** A signup from a client IP of its own, as from anywhere: the per-IP limit of signups does not add up. */
    Page signUp(String username, String email, String password) {
        BrowserClient browser = env.browser().from(BrowserClient.randomIp());
        Page form = open(browser);
        return browser.submit(form.form(FORM)
                .fill("username", username)
                .fill("email", email)
                .fill("password", password)
                .fill("password-confirm", password));
    }

    /** The one confirmation e-mail number {@code nth} (1-based) to an address, once it arrived. */
    static MimeMessage confirmationMail(GatehouseEnvironment env, String email, int nth) {
        List<MimeMessage> messages = env.mail().awaitMessagesTo(email, nth, Duration.ofSeconds(20));
        return messages.get(nth - 1);
    }

    static String link(MimeMessage message) {
        return MailServer.links(message).stream()
                .filter(link -> link.contains("/gatehouse/confirm-email?key="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no confirmation link in " + MailServer.text(message)));
    }

    /**
     * Follows a confirmation link and presses its one button (SPEC P2.2): the GET shows the
     * button, the POST confirms.
     */
    static Page confirm(BrowserClient browser, String link) {
        Page button = browser.get(link);
        assertThat(button.document().selectFirst(CONFIRM_FORM))
                .as(button.body())
                .isNotNull();
        return browser.submit(button.form(CONFIRM_FORM));
    }

    static Page confirm(GatehouseEnvironment env, String link) {
        return confirm(env.browser(), link);
    }

    /** The field error shown under one input of the signup form. */
    static String fieldError(Page page, String field) {
        var error = page.document().selectFirst("#input-error-" + field);
        return error == null ? "" : error.text();
    }

    long pendingRows(String username) {
        return env.store().pendingSignups(username);
    }

    long pendingRowsForEmail(String email) {
        return env.store().pendingSignupsForEmail(email);
    }

    long accountRows(String username) {
        return env.store().row(username).isPresent() ? 1 : 0;
    }

    /** The account's status and e-mail flag, as {@code active/true}. */
    String accountState(String username) {
        return env.store()
                .row(username)
                .map(row -> row.status() + "/" + row.emailConfirmed())
                .orElse("none");
    }

    /** Keycloak users the admin API finds for an exact username. */
    int keycloakUsers(String username) {
        return env.admin()
                .json("gatehouse/users?exact=true&username="
                        + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8))
                .size();
    }

    /** Sets a realm attribute of the gatehouse realm, keeping the others. */
    void realmAttribute(String name, String value) {
        ObjectNode attributes = (ObjectNode) env.admin().json("gatehouse").get("attributes");
        attributes.put(name, value);
        ObjectNode update = attributes.objectNode();
        update.set("attributes", attributes);
        assertThat(env.admin().put("gatehouse", update.toString()).statusCode()).isEqualTo(204);
    }
}
