package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.AccountStore;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Page;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Every path that links a central identity applies the ban list and the verified-e-mail rules (SPEC S5)")
class CentralLinkPathsIT {

    private static final String PASSWORD = "link-pass";
    private static final String CENTRAL_PASSWORD = "central-pass";
    private static final String REALM = "gatehouse";
    private static final String ALIAS = "console";

    private final GatehouseEnvironment env;
    private final CentralUsers central;
    private final LoginPages pages;
    private final StatusApi status;

    CentralLinkPathsIT(GatehouseEnvironment env) {
        this.env = env;
        this.central = new CentralUsers(env);
        this.pages = new LoginPages(env);
        this.status = new StatusApi(env);
    }

    @Nested
    @DisplayName("Admin API: POST users/{id}/federated-identity/console")
    class AdminApi {

        @Test
        @DisplayName("an account whose address is on the ban list is not linked")
        void bannedAddress() {
            String name = Names.unique("link-admin-banned");
            UUID account = account(name, true);
            ban(name + "@it.test");

            HttpResponse<String> linked = adminLink(name, "sub-" + name);

            assertThat(linked.statusCode()).as(linked.body()).isLessThan(300);
            assertNotLinked(name, account);
            assertRefusalEvent(name, "REFUSE_BANNED");
        }

        @Test
        @DisplayName("an account whose address is unconfirmed is not linked")
        void unconfirmedAddress() {
            String name = Names.unique("link-admin-unconfirmed");
            UUID account = account(name, false);

            adminLink(name, "sub-" + name);

            assertNotLinked(name, account);
            assertRefusalEvent(name, "REFUSE_UNVERIFIED");
        }

        @Test
        @DisplayName("a confirmed, unbanned account is linked as asked")
        void allowed() {
            String name = Names.unique("link-admin-ok");
            account(name, true);

            adminLink(name, "sub-" + name);

            assertThat(links(name)).hasSize(1);
            assertThat(links(name).get(0).get("userId").asText()).isEqualTo("sub-" + name);
        }
    }

    @Nested
    @DisplayName("account console: the idp_link application-initiated action")
    class AccountConsole {

        @Test
        @DisplayName("a central identity whose address is on the ban list is not linked")
        void bannedCentralAddress() {
            String name = Names.unique("link-aia-banned");
            UUID account = account(name, true);
            String centralEmail = name + "-central@it.test";
            central.create(name + "-c", centralEmail, true, CENTRAL_PASSWORD);
            ban(centralEmail);

            Page done = linkThroughAccountAction(name, name + "-c");

            assertThat(done.leftServerTo()).as(done.text()).isPresent();
            assertNotLinked(name, account);
            assertRefusalEvent(name, "REFUSE_BANNED");
        }

        @Test
        @DisplayName("a central identity whose address the central provider did not verify is not linked")
        void unverifiedCentralAddress() {
            String name = Names.unique("link-aia-unverified");
            UUID account = account(name, true);
            central.create(name + "-c", name + "-central@it.test", false, CENTRAL_PASSWORD);

            Page done = linkThroughAccountAction(name, name + "-c");

            assertThat(done.leftServerTo()).as(done.text()).isPresent();
            assertNotLinked(name, account);
            assertRefusalEvent(name, "REFUSE_UNVERIFIED");
        }

        @Test
        @DisplayName("a verified, unbanned central identity is linked")
        void allowed() {
            String name = Names.unique("link-aia-ok");
            account(name, true);
            String subject = central.create(name + "-c", name + "-central@it.test", true, CENTRAL_PASSWORD);

            Page done = linkThroughAccountAction(name, name + "-c");

            assertThat(done.leftServerTo()).as(done.text()).isPresent();
            assertThat(links(name)).as(done.text()).hasSize(1);
            assertThat(links(name).get(0).get("userId").asText()).isEqualTo(subject);
        }

        /** Logs in with the legacy password, then asks for {@code kc_action=idp_link:console}. */
        private Page linkThroughAccountAction(String username, String centralUsername) {
            BrowserClient browser = env.browser();
            Page loggedIn = pages.login(browser, username, PASSWORD);
            assertThat(loggedIn.redirectParameter("code")).as(loggedIn.text()).isPresent();
            Page confirm = browser.get(env.oidc(REALM).authorizationUrl(LoginPages.CLIENT, LoginPages.REDIRECT)
                    + "&kc_action=idp_link:" + ALIAS);
            // Keycloak asks "Do you want to link your account with Console?" first.
            Page centralPage =
                    browser.submit(confirm.form("form:has(#kc-continue)").fill("continue", ""));
            assertThat(centralPage.uri().getPath()).as(centralPage.text()).startsWith("/realms/console/");
            return browser.submit(centralPage
                    .form(LoginPages.FORM)
                    .fill("username", centralUsername)
                    .fill("password", CENTRAL_PASSWORD));
        }
    }

    @Nested
    @DisplayName("import, and any link made around the events: the post-broker-login check")
    class Import {

        @Test
        @DisplayName("a user imported with a central link and a banned address is refused at login, and unlinked")
        void importedLinkBanned() {
            String name = Names.unique("link-import");
            String email = name + "@it.test";
            String subject = central.create(name + "-c", name + "-central@it.test", true, CENTRAL_PASSWORD);
            ban(email);
            String json = """
                    {"ifResourceExists": "SKIP", "users": [{"username": "%s", "email": "%s", "emailVerified": true,
                      "enabled": true, "firstName": "Imported", "lastName": "User",
                      "federatedIdentities": [{"identityProvider": "%s", "userId": "%s", "userName": "%s"}]}]}
                    """.formatted(name, email, ALIAS, subject, name + "-c");
            HttpResponse<String> imported = env.admin().post(REALM + "/partialImport", json);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(links(name)).as("the import made the link").hasSize(1);

            BrowserClient browser = env.browser();
            Page identifier = pages.open(browser);
            Page centralPage = browser.get(
                    identifier.document().selectFirst("#social-console").absUrl("href"));
            Page refused = browser.submit(centralPage
                    .form(LoginPages.FORM)
                    .fill("username", name + "-c")
                    .fill("password", CENTRAL_PASSWORD));

            assertThat(refused.status()).as(refused.text()).isEqualTo(403);
            assertThat(refused.text()).contains("This sign-in cannot be completed");
            assertThat(refused.redirectParameter("code")).isEmpty();
            assertThat(links(name)).as("the link is removed").isEmpty();

            // The import made a local Keycloak user: remove it, so that user counts elsewhere
            // (AdminSearchIT: users/count equals the store's accounts) stay the store's.
            String id = env.admin()
                    .json(REALM + "/users?exact=true&username=" + name)
                    .get(0)
                    .get("id")
                    .asText();
            assertThat(env.admin().delete(REALM + "/users/" + id).statusCode()).isEqualTo(204);
        }
    }

    private UUID account(String username, boolean confirmed) {
        AccountStore.NewAccount account =
                env.store().account(username).email(username + "@it.test").password(PASSWORD);
        return (confirmed ? account : account.emailUnconfirmed()).create();
    }

    private void ban(String email) {
        env.store().banEmail(email, "it");
    }

    private HttpResponse<String> adminLink(String username, String subject) {
        String json = "{\"identityProvider\":\"" + ALIAS + "\",\"userId\":\"" + subject + "\",\"userName\":\"" + subject
                + "\"}";
        return env.admin().post(REALM + "/users/" + status.userId(username) + "/federated-identity/" + ALIAS, json);
    }

    private java.util.List<JsonNode> links(String username) {
        java.util.List<JsonNode> links = new java.util.ArrayList<>();
        env.admin()
                .json(REALM + "/users/" + status.userId(username) + "/federated-identity")
                .forEach(links::add);
        return links;
    }

    private void assertNotLinked(String username, UUID account) {
        assertThat(links(username)).as("Keycloak's links of " + username).isEmpty();
        assertThat(env.store().row(account).orElseThrow().centralSubject())
                .as("the store records no central subject")
                .isNull();
    }

    private void assertRefusalEvent(String username, String reason) {
        JsonNode events =
                env.admin().json(REALM + "/events?type=FEDERATED_IDENTITY_LINK_ERROR&user=" + status.userId(username));
        assertThat(events).as(events.toString()).isNotEmpty();
        assertThat(events.get(0).path("error").asText()).isEqualTo("gatehouse_central_link_refused");
        assertThat(events.get(0).path("details").path("gatehouse_reason").asText())
                .isEqualTo(reason);
    }
}
