package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.AdminApi;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The trial of issue 18, as docs/install-existing-realm.md tells an admin to do it: a realm of its
 * own with a client, a local user, a custom user-profile attribute and SMTP; Gatehouse applied by
 * the setup endpoint alone; a store account and the local user log in; a second run has nothing to
 * do; uninstall leaves the realm as it was.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("Adopting Gatehouse into an existing realm through the setup endpoint, and taking it out")
class AdoptionIT {

    private static final String CLIENT = "acme-app";
    private static final String REDIRECT = "http://localhost:3000/cb";
    private static final String FORM = "#kc-form-login";

    private final GatehouseEnvironment env;
    private final AdminApi admin;

    AdoptionIT(GatehouseEnvironment env) {
        this.env = env;
        this.admin = env.admin();
    }

    /** Other tests' billing jobs and searches run over every realm with the store: leave none behind. */
    @AfterEach
    void removeRealms() {
        admin.delete("/realms/acme");
        admin.delete("/realms/acme-refusals");
        admin.delete("/realms/acme-doc");
        admin.delete("/realms/acme-timing");
    }

    @Test
    @DisplayName("with matchLocalUserTiming, an unknown identifier, a store account and a local user each pay one"
            + " store hash and one Keycloak hash per attempt")
    void matchLocalUserTiming() {
        String realm = "acme-timing";
        createRealm(realm);
        localUser(realm, "carol", "carol-pass");
        setup(realm, "", "{}");
        JsonNode component = admin.json(realm + "/components?type=org.keycloak.storage.UserStorageProvider")
                .get(0);
        assertThat(component.at("/config/matchLocalUserTiming/0").asText())
                .as("setup turns it on in a realm with local users")
                .isEqualTo("true");
        String storeUser = Names.unique("acme-timed");
        env.store().account(storeUser).password("store-pass").create();

        for (String[] attempt : new String[][] {
            {Names.unique("acme-ghost"), "any-pass"},
            {storeUser, "wrong-pass"},
            {"carol", "wrong-pass"},
            {storeUser, "store-pass"},
            {"carol", "carol-pass"}
        }) {
            BrowserClient browser = env.browser();
            Page passwordPage = browser.submit(open(browser, realm).form(FORM).fill("username", attempt[0]));
            assertThat(LoginPages.isPasswordPage(passwordPage))
                    .as(passwordPage.body())
                    .isTrue();
            double[] before = hashes();
            browser.submit(passwordPage.form(FORM).fill("password", attempt[1]));
            double[] after = hashes();
            assertThat(after[0] - before[0])
                    .as("store hashes of " + String.join(" / ", attempt))
                    .isEqualTo(1.0);
            assertThat(after[1] - before[1])
                    .as("Keycloak hashes of " + String.join(" / ", attempt))
                    .isEqualTo(1.0);
        }
    }

    /** Gatehouse's bcrypt computations and the Keycloak hashes it asked for, from /metrics. */
    private double[] hashes() {
        double store = 0;
        double keycloak = 0;
        for (String line : env.metrics().split("\n")) {
            String sample = line.strip();
            if (sample.startsWith("gatehouse_password_hashes_total{")) {
                store += Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
            } else if (sample.startsWith("gatehouse_keycloak_password_hashes_total{")) {
                keycloak += Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
            }
        }
        return new double[] {store, keycloak};
    }

    @Test
    @DisplayName("dry run, setup, logins, second run, uninstall: the realm's own things stay as they were")
    void trial() throws SQLException {
        String realm = "acme";
        createRealm(realm);
        JsonNode clientBefore = client(realm);
        JsonNode smtpBefore = admin.json(realm).get("smtpServer");
        String localId = localUser(realm, "alice", "alice-pass");
        String[] credentialBefore = credential(localId);

        // Dry run: the changes are listed, none is made.
        JsonNode dryRun = setup(realm, "?dryRun=true", "{}");
        assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
        assertThat(kinds(dryRun)).contains("federation component", "flow", "binding", "client scope", "role");
        assertThat(admin.json(realm).get("browserFlow").asText()).isEqualTo("browser");
        assertThat(admin.json(realm + "/components?type=org.keycloak.storage.UserStorageProvider"))
                .isEmpty();
        assertThat(admin.json(realm).path("attributes").has("gatehouseSetup")).isFalse();

        // Setup: what it did, with the stable component id.
        JsonNode applied = setup(realm, "", "{}");
        assertThat(applied.get("dryRun").asBoolean()).isFalse();
        assertThat(changes(applied)).isEqualTo(changes(dryRun));
        JsonNode components = admin.json(realm + "/components?type=org.keycloak.storage.UserStorageProvider");
        assertThat(components).hasSize(1);
        assertThat(components.get(0).get("id").asText())
                .isEqualTo(UUID.nameUUIDFromBytes(("gatehouse-accounts:" + realm).getBytes())
                        .toString());
        assertThat(admin.json(realm).get("browserFlow").asText()).isEqualTo("gatehouse browser v1");

        // A store account logs in through the realm's own client, identifier first.
        String storeUser = Names.unique("acme-store");
        env.store()
                .account(storeUser)
                .email(storeUser + "@it.test")
                .password("store-pass")
                .create();
        BrowserClient browser = env.browser();
        Page identifier = open(browser, realm);
        assertThat(identifier.document().selectFirst(FORM + " input[name=password]"))
                .as("identifier first: no password field on the first page")
                .isNull();
        assertThat(preferredUsername(realm, identifierFirstLogin(browser, identifier, storeUser, "store-pass")))
                .isEqualTo(storeUser);

        // The local user logs in through the same flow, and its stored hash is untouched.
        BrowserClient localBrowser = env.browser();
        assertThat(preferredUsername(
                        realm, identifierFirstLogin(localBrowser, open(localBrowser, realm), "alice", "alice-pass")))
                .isEqualTo("alice");
        assertThat(credential(localId)).containsExactly(credentialBefore);

        // The realm's client, its own user-profile attribute and SMTP are unchanged; Gatehouse's attributes are merged.
        assertThat(client(realm)).isEqualTo(clientBefore);
        assertThat(admin.json(realm).get("smtpServer")).isEqualTo(smtpBefore);
        assertThat(profileAttributes(realm)).contains("department", "firstName", "gatehouseStatus");

        // A second run has nothing to do.
        assertThat(setup(realm, "", "{}").get("changes")).isEmpty();

        // Uninstall: the previous bindings, nothing of Gatehouse left, the local user logs in as before.
        JsonNode removed = delete(realm, "");
        assertThat(kinds(removed)).contains("binding", "flow", "federation component");
        assertThat(admin.json(realm).get("browserFlow").asText()).isEqualTo("browser");
        assertThat(admin.json(realm + "/components?type=org.keycloak.storage.UserStorageProvider"))
                .isEmpty();
        assertThat(flowAliases(realm)).noneMatch(alias -> alias.startsWith("gatehouse"));
        assertThat(profileAttributes(realm)).contains("department").doesNotContain("gatehouseStatus");
        assertThat(client(realm)).isEqualTo(clientBefore);
        assertThat(admin.json(realm).get("smtpServer")).isEqualTo(smtpBefore);
        assertThat(delete(realm, "").get("changes")).isEmpty();

        BrowserClient after = env.browser();
        Page login = open(after, realm);
        assertThat(login.document().selectFirst(FORM + " input[name=password]"))
                .as("Keycloak's own username-and-password form again")
                .isNotNull();
        Page done = after.submit(login.form(FORM).fill("username", "alice").fill("password", "alice-pass"));
        assertThat(preferredUsername(realm, done)).isEqualTo("alice");
        assertThat(credential(localId)).containsExactly(credentialBefore);
    }

    @Test
    @DisplayName("docs/install-existing-realm.md: its commands, run as written, set up a realm and take it out")
    void documentedCommands() throws IOException, InterruptedException {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/jq")) && Files.isExecutable(Path.of("/usr/bin/curl")),
                "the install guide's commands need curl and jq (apt-get install -y curl jq)");
        String storeUser = Names.unique("doc-store");
        env.store()
                .account(storeUser)
                .email(storeUser + "@it.test")
                .password("doc-pass")
                .create();
        Path script = Files.createTempFile("install-existing-realm", ".sh");
        Files.writeString(script, DocExamples.shellBlocks(Path.of("..", "docs", "install-existing-realm.md")));
        ProcessBuilder bash =
                new ProcessBuilder("bash", "-euo", "pipefail", script.toString()).redirectErrorStream(true);
        bash.environment()
                .putAll(Map.of(
                        "KC", env.baseUrl(), "REALM", "acme-doc", "STORE_USER", storeUser, "STORE_PASS", "doc-pass"));
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("create federation component", "remove federation component");
        assertThat(admin.get("/realms/acme-doc").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("bad input is refused with 400 and changes nothing; a user who is no realm admin gets 403")
    void refusals() {
        String realm = "acme-refusals";
        createRealm(realm);
        localUser(realm, "bob", "bob-pass");
        for (String body : List.of(
                "{\"publicSignup\":\"yes\"}",
                "{\"centralAlias\":\"no-such-idp\"}",
                "{\"unknown\":true}",
                "{\"smtp\":{\"port\":\"25\"}}",
                "{\"centralResetUrl\":\"https://central.example/reset\"}",
                "[1,2]",
                "not json")) {
            HttpResponse<String> response = admin.post(realm + "/gatehouse/setup", body);
            assertThat(response.statusCode()).as(body + " → " + response.body()).isEqualTo(400);
        }
        assertThat(admin.json(realm).get("browserFlow").asText()).isEqualTo("browser");
        assertThat(admin.json(realm + "/components?type=org.keycloak.storage.UserStorageProvider"))
                .isEmpty();

        HttpResponse<String> token = env.oidc(realm)
                .token(Map.of(
                        "grant_type", "password", "client_id", "admin-cli", "username", "bob", "password", "bob-pass"));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String bearer = Oidc.json(token.body()).get("access_token").asText();
        HttpResponse<String> refused =
                AdminCall.post(env.baseUrl() + "/admin/realms/" + realm + "/gatehouse/setup?dryRun=true", bearer, "{}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    }

    private void createRealm(String realm) {
        admin.delete("/realms/" + realm);
        HttpResponse<String> created = admin.post("/realms", """
                {"realm": "%s", "enabled": true,
                 "smtpServer": {"host": "smtp.acme.test", "port": "587", "from": "it@acme.test", "starttls": "true",
                                "auth": "false"}}
                """.formatted(realm));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> client = admin.post(realm + "/clients", """
                {"clientId": "%s", "publicClient": true, "standardFlowEnabled": true,
                 "directAccessGrantsEnabled": false, "redirectUris": ["http://localhost:3000/*"]}
                """.formatted(CLIENT));
        assertThat(client.statusCode()).as(client.body()).isEqualTo(201);
        JsonNode profile = admin.json(realm + "/users/profile");
        ((com.fasterxml.jackson.databind.node.ArrayNode) profile.get("attributes"))
                .addObject()
                .put("name", "department")
                .put("displayName", "Department")
                .putObject("permissions")
                .putArray("view")
                .add("admin");
        HttpResponse<String> updated = admin.put(realm + "/users/profile", profile.toString());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    }

    private String localUser(String realm, String username, String password) {
        HttpResponse<String> created = admin.post(realm + "/users", """
                {"username": "%s", "enabled": true, "email": "%s@acme.test", "emailVerified": true,
                 "firstName": "Local", "lastName": "User",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}
                """.formatted(username, username, password));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return admin.json(realm + "/users?exact=true&username=" + username)
                .get(0)
                .get("id")
                .asText();
    }

    private JsonNode setup(String realm, String query, String body) {
        HttpResponse<String> response = admin.post(realm + "/gatehouse/setup" + query, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Oidc.json(response.body());
    }

    private JsonNode delete(String realm, String query) {
        HttpResponse<String> response = admin.delete(realm + "/gatehouse/setup" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Oidc.json(response.body());
    }

    private JsonNode client(String realm) {
        return admin.json(realm + "/clients?clientId=" + CLIENT).get(0);
    }

    private List<String> profileAttributes(String realm) {
        List<String> names = new ArrayList<>();
        admin.json(realm + "/users/profile")
                .get("attributes")
                .forEach(a -> names.add(a.get("name").asText()));
        return names;
    }

    private List<String> flowAliases(String realm) {
        List<String> names = new ArrayList<>();
        admin.json(realm + "/authentication/flows")
                .forEach(f -> names.add(f.get("alias").asText()));
        return names;
    }

    private static List<String> kinds(JsonNode answer) {
        List<String> kinds = new ArrayList<>();
        answer.get("changes").forEach(change -> kinds.add(change.get("kind").asText()));
        return kinds;
    }

    private static List<String> changes(JsonNode answer) {
        List<String> changes = new ArrayList<>();
        answer.get("changes")
                .forEach(change -> changes.add(change.get("action").asText() + " "
                        + change.get("kind").asText() + " " + change.get("name").asText()));
        return changes;
    }

    private Page open(BrowserClient browser, String realm) {
        Page page = browser.get(env.oidc(realm).authorizationUrl(CLIENT, REDIRECT));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.document().selectFirst(FORM + " input[name=username]"))
                .as(page.body())
                .isNotNull();
        return page;
    }

    private static Page identifierFirstLogin(BrowserClient browser, Page identifier, String username, String password) {
        Page passwordPage = browser.submit(identifier.form(FORM).fill("username", username));
        assertThat(LoginPages.isPasswordPage(passwordPage))
                .as(passwordPage.body())
                .isTrue();
        return browser.submit(passwordPage.form(FORM).fill("password", password));
    }

    private String preferredUsername(String realm, Page result) {
        String code = result.redirectParameter("code").orElseThrow(() -> new AssertionError(result.body()));
        HttpResponse<String> tokens = env.oidc(realm).exchangeCode(CLIENT, REDIRECT, code);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return Oidc.claims(Oidc.json(tokens.body()).get("id_token").asText())
                .get("preferred_username")
                .asText();
    }

    /** The local user's stored password: its credential data (algorithm, iterations) and hash. */
    private String[] credential(String userId) throws SQLException {
        try (Connection connection = env.keycloakDatabase().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT credential_data, secret_data FROM credential WHERE user_id = ? AND type = 'password'")) {
            statement.setString(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return new String[] {rows.getString(1), rows.getString(2)};
            }
        }
    }
}
