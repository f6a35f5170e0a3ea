package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The two options of unified login, switched as an admin does in the console (the realm export
 * ships the defaults) and put back afterwards: unknown identifiers sent to the central IdP (SPEC
 * P1.4) and the legacy password hash kept on link (SPEC P1.5).
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("Unified login options: unknownIdentifiers=central, removeLegacyPasswordOnLink=false")
class UnifiedLoginOptionsIT {

    private static final String BROWSER_FORMS = "gatehouse browser";
    private static final String FIRST_BROKER_LOGIN = "gatehouse first broker login";

    private final GatehouseEnvironment env;
    private final LoginPages pages;
    private final CentralUsers central;
    private final AuthenticatorConfigs configs;

    UnifiedLoginOptionsIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
        this.central = new CentralUsers(env);
        this.configs = new AuthenticatorConfigs(env);
    }

    @Test
    @DisplayName("unknownIdentifiers=central: an unknown identifier goes to the central login (a typed address as"
            + " its hint); a known unlinked one still gets the password step; back to 'password', the unknown one"
            + " gets the password step again")
    void unknownIdentifiersCentral() {
        String known = Names.unique("opt-known");
        env.store()
                .account(known)
                .email(known + "@it.test")
                .password("known-pass")
                .create();
        String unknownAddress = Names.unique("opt-unknown") + "@it.test";
        String previous = configs.set(BROWSER_FORMS, "gatehouse-identifier", "unknownIdentifiers", "central");
        try {
            Page unknown = pages.identify(env.browser(), unknownAddress);
            assertThat(unknown.uri().getPath()).as(unknown.body()).startsWith("/realms/console/");
            assertThat(unknown.form(LoginPages.FORM).value("username")).isEqualTo(unknownAddress);
            Page unknownName = pages.identify(env.browser(), Names.unique("opt-nobody"));
            assertThat(unknownName.uri().getPath()).startsWith("/realms/console/");
            assertThat(unknownName.form(LoginPages.FORM).value("username")).isNullOrEmpty();

            assertThat(LoginPages.isPasswordPage(pages.identify(env.browser(), known)))
                    .as("a known unlinked account keeps its password step")
                    .isTrue();
        } finally {
            configs.set(BROWSER_FORMS, "gatehouse-identifier", "unknownIdentifiers", previous);
        }
        Page unknown = pages.identify(env.browser(), unknownAddress);
        assertThat(LoginPages.isPasswordPage(unknown))
                .as("the default again: the password step for an unknown identifier")
                .isTrue();
    }

    @Test
    @DisplayName("removeLegacyPasswordOnLink=false: the link keeps the hash in the store, and the legacy password"
            + " still works nowhere (browser goes to the central login, direct grant names the central account)")
    void legacyPasswordKeptOnLink() {
        String username = Names.unique("opt-keep");
        String email = username + "@both.test";
        env.store().account(username).email(email).password("legacy-pass").create();
        String subject = central.create(username + "-c", email, true, "central-pass");
        String previous =
                configs.set(FIRST_BROKER_LOGIN, "gatehouse-complete-link", "removeLegacyPasswordOnLink", "false");
        try {
            BrowserClient browser = env.browser();
            Page identifier = pages.open(browser);
            Page centralPage = browser.get(
                    identifier.document().selectFirst("#social-console").absUrl("href"));
            Page confirm = browser.submit(centralPage
                    .form(LoginPages.FORM)
                    .fill("username", username + "-c")
                    .fill("password", "central-pass"));
            assertThat(LoginPages.isPasswordPage(confirm)).as(confirm.text()).isTrue();
            Page linked = browser.submit(confirm.form(LoginPages.FORM).fill("password", "legacy-pass"));
            assertThat(linked.redirectParameter("code")).as(linked.text()).isPresent();
        } finally {
            configs.set(FIRST_BROKER_LOGIN, "gatehouse-complete-link", "removeLegacyPasswordOnLink", previous);
        }

        var row = env.store().row(username).orElseThrow();
        assertThat(row.centralSubject()).isEqualTo(subject);
        assertThat(row.hasPassword()).as("the legacy hash, kept").isTrue();
        Page next = pages.identify(env.browser(), username);
        assertThat(next.uri().getPath())
                .as("the browser never asks for the legacy password")
                .startsWith("/realms/console/");
        HttpResponse<String> grant =
                env.oidc("gatehouse").passwordGrant("demo-api", "demo-api-secret", username, "legacy-pass");
        assertThat(grant.statusCode()).isEqualTo(400);
        JsonNode error = Oidc.json(grant.body());
        assertThat(error.get("error").asText()).isEqualTo("invalid_grant");
        assertThat(error.get("error_description").asText()).contains("central account");
    }
}
