package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testing.AccountStore;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.MailServer;
import dev.gatehouse.testing.Page;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The update-password page offers to revoke the account's API keys (issue 16): keys made with a
 * stolen password would otherwise outlive the reset.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("Password reset: revoke the account's API keys")
class PasswordResetApiKeysIT {

    private static final String CHECKBOX = "#gatehouse-revoke-api-keys";
    private static final String FORM = "#kc-passwd-update-form";

    private final GatehouseEnvironment env;
    private final LoginPages pages;
    private final ApiKeys keys;

    PasswordResetApiKeysIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
        this.keys = new ApiKeys(env);
    }

    @Test
    @DisplayName("after \"Forgot password?\" the box is checked by default, labelled, and revokes every key;"
            + " the activity says so")
    void forgotPasswordRevokesByDefault() {
        String username = Names.unique("rk-forgot");
        String email = username + "@it.test";
        UUID id =
                env.store().account(username).email(email).password("old-pass").create();
        ApiKeys.Created relay = keys.create(id, "relay");
        ApiKeys.Created backup = keys.create(id, "backup");
        assertThat(keys.checkForm(username, relay.key()).statusCode()).isEqualTo(200);
        BrowserClient browser = env.browser();

        Page passwordPage = pages.identify(browser, Names.unique("start"));
        Element forgot = passwordPage.document().selectFirst("a[href*=reset-credentials]");
        assertThat(forgot).as(passwordPage.body()).isNotNull();
        Page choose = browser.get(forgot.absUrl("href"));
        browser.submit(choose.form("#kc-reset-password-form").fill("username", username));
        String link = MailServer.links(env.mail()
                        .awaitMessagesTo(email, 1, Duration.ofSeconds(20))
                        .get(0))
                .stream()
                .filter(candidate -> candidate.contains("/login-actions/"))
                .findFirst()
                .orElseThrow();
        Page update = browser.get(link);

        Element box = update.document().selectFirst(CHECKBOX);
        assertThat(box).as(update.body()).isNotNull();
        assertThat(box.hasAttr("checked"))
                .as("checked by default after Forgot password?")
                .isTrue();
        assertThat(update.document()
                        .selectFirst("label[for=gatehouse-revoke-api-keys]")
                        .text())
                .isEqualTo("Also revoke all API keys of this account");
        browser.submit(update.form(FORM).fill("password-new", "new-pass-1").fill("password-confirm", "new-pass-1"));

        assertThat(revokedCount(id)).as("both keys show revoked").isEqualTo(2);
        assertThat(keys.checkForm(username, relay.key()).statusCode()).isEqualTo(401);
        assertThat(keys.checkForm(username, backup.key()).statusCode()).isEqualTo(401);
        assertThat(env.store().activity(id, "api_keys_revoked")).containsExactly(username + ":2");
    }

    @Test
    @DisplayName("a required password update: unchecking the box keeps the keys; checked (the default) revokes them")
    void requiredUpdate() {
        String username = Names.unique("rk-required");
        UUID id = env.store().account(username).password("pass-1").create();
        ApiKeys.Created kept = keys.create(id, "kept");

        requirePasswordUpdate(username);
        BrowserClient first = env.browser();
        Page update = pages.login(first, username, "pass-1");
        Document unchecked = update.document();
        Element box = unchecked.selectFirst(CHECKBOX);
        assertThat(box).as(update.body()).isNotNull();
        box.removeAttr("checked");
        Page done = first.submit(new Page(update.status(), update.uri(), unchecked.outerHtml(), update.leftServerTo())
                .form(FORM)
                .fill("password-new", "pass-2")
                .fill("password-confirm", "pass-2"));
        assertThat(done.redirectParameter("code")).as(done.body()).isPresent();
        assertThat(revokedCount(id)).as("unchecked: nothing revoked").isZero();
        assertThat(keys.checkForm(username, kept.key()).statusCode()).isEqualTo(200);

        requirePasswordUpdate(username);
        BrowserClient browser = env.browser();
        Page again = pages.login(browser, username, "pass-2");
        browser.submit(again.form(FORM).fill("password-new", "pass-3").fill("password-confirm", "pass-3"));
        assertThat(revokedCount(id)).isEqualTo(1);
        assertThat(keys.checkForm(username, kept.key()).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("a change the user starts from an app (kc_action=UPDATE_PASSWORD) shows the box unchecked")
    void appInitiatedChange() {
        String username = Names.unique("rk-aia");
        env.store().account(username).password("pass-1").create();
        BrowserClient browser = env.browser();

        Page identifier = browser.get(env.oidc(ApiKeys.REALM).authorizationUrl(LoginPages.CLIENT, LoginPages.REDIRECT)
                + "&kc_action=UPDATE_PASSWORD");
        Page password = browser.submit(identifier.form(LoginPages.FORM).fill("username", username));
        Page update = browser.submit(password.form(LoginPages.FORM).fill("password", "pass-1"));

        Element box = update.document().selectFirst(CHECKBOX);
        assertThat(box).as(update.body()).isNotNull();
        assertThat(box.hasAttr("checked"))
                .as("unchecked for a change the user chose")
                .isFalse();
    }

    private long revokedCount(UUID id) {
        return env.store().apiKeys(id).stream()
                .filter(AccountStore.ApiKeyRow::revoked)
                .count();
    }

    private void requirePasswordUpdate(String username) {
        String userPath = ApiKeys.REALM + "/users/" + new StatusApi(env).userId(username);
        ObjectNode user = (ObjectNode) env.admin().json(userPath);
        user.putArray("requiredActions").add("UPDATE_PASSWORD");
        HttpResponse<String> updated = env.admin().put(userPath, user.toString());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
    }
}
