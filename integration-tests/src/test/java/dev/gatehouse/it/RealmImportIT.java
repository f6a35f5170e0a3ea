package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.AdminApi;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.Oidc;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The realm export as an admin installs it: {@code kc.sh import --dir realm-export} into a fresh
 * server's empty database, then a plain start. What the server reads back must be what the files
 * say, flow by flow. This class starts its own server rather than the shared one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("kc.sh import of the realm export into a fresh server")
class RealmImportIT {

    private GatehouseEnvironment env;
    private AdminApi admin;
    private JsonNode export;

    @BeforeAll
    void importIntoFreshServer() throws IOException {
        GatehouseEnvironment.Options shared = GatehouseEnvironment.Options.fromSystemProperties();
        assumeThat(shared.runtime())
                .as("kc.sh import runs against the unpacked distribution only")
                .isEqualTo("distribution");
        env = GatehouseEnvironment.start(
                shared.importingWithKcSh(shared.workDirectory().resolve("kc-sh-import")));
        admin = env.admin();
        try (InputStream in = getClass().getResourceAsStream("/gatehouse/realms/gatehouse-realm.json")) {
            export = new ObjectMapper().readTree(in);
        }
    }

    @AfterAll
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    @DisplayName("binds the flows, themes and security settings SPEC asks for: Gatehouse flows, gatehouse themes,"
            + " brute-force detection on, login and admin events on, registration open, bcrypt passwords")
    void realmSettings() {
        JsonNode realm = admin.json("gatehouse");
        // The values SPEC ("Realm export and deployment", P3.2, Themes) requires, not the file's.
        assertThat(realm.path("browserFlow").asText()).isEqualTo("gatehouse browser");
        assertThat(realm.path("directGrantFlow").asText()).isEqualTo("gatehouse direct grant");
        assertThat(realm.path("registrationFlow").asText()).isEqualTo("gatehouse registration");
        assertThat(realm.path("resetCredentialsFlow").asText()).isEqualTo("gatehouse reset credentials");
        assertThat(realm.path("loginTheme").asText()).isEqualTo("gatehouse");
        assertThat(realm.path("emailTheme").asText()).isEqualTo("gatehouse");
        assertThat(realm.path("bruteForceProtected").asBoolean())
                .as("brute-force detection (P3.2)")
                .isTrue();
        assertThat(realm.path("failureFactor").asInt())
                .as("failures before a lockout")
                .isPositive();
        assertThat(realm.path("eventsEnabled").asBoolean()).as("login events").isTrue();
        assertThat(realm.path("adminEventsEnabled").asBoolean())
                .as("admin events (P7.4)")
                .isTrue();
        assertThat(realm.path("registrationAllowed").asBoolean())
                .as("signup (P2)")
                .isTrue();
        assertThat(realm.path("passwordPolicy").asText()).contains("hashAlgorithm(gatehouse-bcrypt)");
    }

    @Test
    @DisplayName("the client policy that re-reads the account status applies the gatehouse-account-status executor")
    void clientPolicy() {
        JsonNode policies = admin.json("gatehouse/client-policies/policies").path("policies");
        assertThat(policies.findValuesAsText("name")).contains("gatehouse-account-status");
        for (JsonNode policy : policies) {
            if (policy.path("name").asText().equals("gatehouse-account-status")) {
                assertThat(policy.path("enabled").asBoolean()).isTrue();
                assertThat(policy.path("profiles").toString()).contains("\"gatehouse\"");
            }
        }
        JsonNode profiles = admin.json("gatehouse/client-policies/profiles").path("profiles");
        assertThat(profiles.toString()).contains("\"executor\":\"gatehouse-account-status\"");
    }

    @Test
    @DisplayName("every exported flow has the same executions, in order, with the same requirements")
    void flowsAsExported() {
        List<String> aliases = new ArrayList<>();
        for (JsonNode flow : export.get("authenticationFlows")) {
            String alias = flow.get("alias").asText();
            aliases.add(alias);
            JsonNode executions = admin.json("gatehouse/authentication/flows/" + encode(alias) + "/executions");
            assertThat(topLevel(executions)).as("executions of '%s'", alias).isEqualTo(exported(flow));
        }
        assertThat(aliases).contains("gatehouse browser", "gatehouse direct grant", "gatehouse first broker login");
    }

    @Test
    @DisplayName("the central IdP 'console' uses the Gatehouse first-login flow and trusts its e-mails (P1.7)")
    void centralIdentityProvider() {
        JsonNode imported = admin.json("gatehouse/identity-provider/instances/console");
        assertThat(imported.path("enabled").asBoolean()).isTrue();
        assertThat(imported.path("firstBrokerLoginFlowAlias").asText()).isEqualTo("gatehouse first broker login");
        assertThat(imported.path("trustEmail").asBoolean())
                .as("an e-mail the central IdP verified counts as confirmed")
                .isTrue();
    }

    @Test
    @DisplayName("the Gatehouse roles and the account-store federation exist, and a store account logs in")
    void rolesStorageAndLogin() {
        for (String role : List.of("gatehouse-support", "gatehouse-trust-safety")) {
            assertThat(admin.get("gatehouse/roles/" + role).statusCode())
                    .as(role)
                    .isEqualTo(200);
        }
        JsonNode components = admin.json("gatehouse/components?type=org.keycloak.storage.UserStorageProvider");
        assertThat(StreamSupport.stream(components.spliterator(), false)
                        .map(component -> component.path("providerId").asText()))
                .contains("gatehouse-accounts");

        String username = Names.unique("imported");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("imported-pass")
                .create();
        HttpResponse<String> tokens =
                env.oidc("gatehouse").passwordGrant("demo-api", "demo-api-secret", username, "imported-pass");
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(Oidc.claims(Oidc.json(tokens.body()).get("access_token").asText())
                        .path("preferred_username")
                        .asText())
                .isEqualTo(username);
    }

    @Test
    @DisplayName("the gatehouse-api-keys client scope exists, is no realm default, and is optional for demo-app"
            + " only; the built-in clients keep Keycloak's default scopes (an account-console token has roles)")
    void clientScopes() {
        JsonNode scopes = admin.json("gatehouse/client-scopes");
        assertThat(scopes.findValuesAsText("name")).contains("gatehouse-api-keys", "basic", "profile", "roles");
        assertThat(admin.json("gatehouse/default-default-client-scopes").findValuesAsText("name"))
                .contains("basic", "roles")
                .doesNotContain("gatehouse-api-keys");
        assertThat(admin.json("gatehouse/default-optional-client-scopes").findValuesAsText("name"))
                .doesNotContain("gatehouse-api-keys");
        for (JsonNode client : admin.json("gatehouse/clients")) {
            String clientId = client.path("clientId").asText();
            String id = client.path("id").asText();
            List<String> optional = admin.json("gatehouse/clients/" + id + "/optional-client-scopes")
                    .findValuesAsText("name");
            List<String> defaults = admin.json("gatehouse/clients/" + id + "/default-client-scopes")
                    .findValuesAsText("name");
            assertThat(defaults).as("default scopes of %s", clientId).doesNotContain("gatehouse-api-keys");
            if (clientId.equals("demo-app")) {
                assertThat(optional).contains("gatehouse-api-keys");
            } else {
                assertThat(optional).as("optional scopes of %s", clientId).doesNotContain("gatehouse-api-keys");
            }
            if (List.of("account-console", "admin-cli", "demo-app", "demo-api").contains(clientId)) {
                assertThat(defaults).as("default scopes of %s", clientId).contains("basic", "roles", "profile");
            }
        }
    }

    /** "authenticator-or-subflow requirement" of each exported execution, in priority order. */
    private static List<String> exported(JsonNode flow) {
        List<JsonNode> executions = new ArrayList<>();
        flow.get("authenticationExecutions").forEach(executions::add);
        executions.sort((a, b) ->
                Integer.compare(a.path("priority").asInt(), b.path("priority").asInt()));
        return executions.stream()
                .map(execution -> (execution.path("authenticatorFlow").asBoolean()
                                ? execution.get("flowAlias").asText()
                                : execution.get("authenticator").asText())
                        + " " + execution.get("requirement").asText())
                .toList();
    }

    /** The same of the admin API's flattened list: level 0 only, subflows by their alias. */
    private static List<String> topLevel(JsonNode executions) {
        return StreamSupport.stream(executions.spliterator(), false)
                .filter(execution -> execution.path("level").asInt() == 0)
                .map(execution -> (execution.path("authenticationFlow").asBoolean()
                                ? execution.get("displayName").asText()
                                : execution.get("providerId").asText())
                        + " " + execution.get("requirement").asText())
                .toList();
    }

    private static String encode(String alias) {
        return URLEncoder.encode(alias, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
