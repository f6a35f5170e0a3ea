package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testing.AdminApi;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * What the bench adds to the product realm through Keycloak's Admin API: stock flows built from
 * Keycloak's own authenticators (the username-password form; the identifier-first pair of the
 * username form and the password form; the username-password form with Keycloak's default
 * conditional OTP; direct-grant username and password validation) and pairs of clients that differ only in their flow override, so that each
 * comparison runs the Gatehouse flow and the stock flow against the same store accounts.
 */
final class BenchRealm {

    static final String REALM = "gatehouse";
    static final String GATEHOUSE_APP = "bench-gatehouse-app";
    static final String STOCK_APP = "bench-stock-app";
    static final String STOCK_IDENTIFIER_FIRST_APP = "bench-stock-identifier-first-app";
    static final String STOCK_OTP_APP = "bench-stock-otp-app";
    static final String REDIRECT = "http://localhost:3000/cb";
    static final String GATEHOUSE_API = "bench-gatehouse-api";
    static final String STOCK_API = "bench-stock-api";
    static final String SECRET = "bench-secret";

    private static final String STOCK_BROWSER = "bench-stock-browser";
    private static final String GATE_POLICY = "gatehouse-account-status";
    private static final String STOCK_BROWSER_FORMS = "bench-stock-browser-forms";
    private static final String STOCK_IDENTIFIER_FIRST = "bench-stock-identifier-first";
    private static final String STOCK_IDENTIFIER_FIRST_FORMS = "bench-stock-identifier-first-forms";
    private static final String STOCK_DIRECT_GRANT = "bench-stock-direct-grant";
    private static final String STOCK_OTP = "bench-stock-otp";
    private static final String STOCK_OTP_FORMS = "bench-stock-otp-forms";
    private static final String STOCK_OTP_CONDITIONAL = "bench-stock-otp-conditional";

    private final AdminApi admin;

    BenchRealm(AdminApi admin) {
        this.admin = admin;
    }

    /**
     * Lengthens the master realm's access tokens to an hour: the bench's admin calls span its
     * whole run, and the harness's {@code AdminApi} keeps the token it got first.
     */
    static void lengthenAdminTokens(AdminApi admin) {
        expect(admin.put("master", "{\"accessTokenLifespan\":3600}"), "master token lifespan");
    }

    void install() {
        browserFlow(
                STOCK_BROWSER,
                STOCK_BROWSER_FORMS,
                "Stock Keycloak browser flow (bench)",
                List.of("auth-username-password-form"));
        browserFlow(
                STOCK_IDENTIFIER_FIRST,
                STOCK_IDENTIFIER_FIRST_FORMS,
                "Stock Keycloak identifier-first browser flow (bench)",
                List.of("auth-username-form", "auth-password-form"));

        browserFlow(
                STOCK_OTP,
                STOCK_OTP_FORMS,
                "Stock Keycloak browser flow with its conditional OTP (bench)",
                List.of("auth-username-password-form"));
        conditionalOtp(STOCK_OTP_FORMS, STOCK_OTP_CONDITIONAL);

        createFlow(STOCK_DIRECT_GRANT, "Stock Keycloak direct grant flow (bench)");
        addExecution(STOCK_DIRECT_GRANT, "direct-grant-validate-username");
        addExecution(STOCK_DIRECT_GRANT, "direct-grant-validate-password");
        require(STOCK_DIRECT_GRANT, "REQUIRED");

        createClient(publicApp(GATEHOUSE_APP));
        ObjectNode stockApp = publicApp(STOCK_APP);
        stockApp.putObject("authenticationFlowBindingOverrides").put("browser", flowId(STOCK_BROWSER));
        createClient(stockApp);
        ObjectNode identifierFirstApp = publicApp(STOCK_IDENTIFIER_FIRST_APP);
        identifierFirstApp
                .putObject("authenticationFlowBindingOverrides")
                .put("browser", flowId(STOCK_IDENTIFIER_FIRST));
        createClient(identifierFirstApp);
        ObjectNode otpApp = publicApp(STOCK_OTP_APP);
        otpApp.putObject("authenticationFlowBindingOverrides").put("browser", flowId(STOCK_OTP));
        createClient(otpApp);
        createClient(confidentialApi(GATEHOUSE_API));
        ObjectNode stockApi = confidentialApi(STOCK_API);
        stockApi.putObject("authenticationFlowBindingOverrides").put("direct_grant", flowId(STOCK_DIRECT_GRANT));
        createClient(stockApi);
    }

    /**
     * Turns the realm's {@code gatehouse-account-status} client policy on or off: stock Keycloak's
     * side of a comparison runs without it (a client policy applies realm-wide, and no condition
     * can tell a direct grant's client apart at its response).
     */
    void tokenStatusGate(boolean enabled) {
        JsonNode policies = admin.json(REALM + "/client-policies/policies");
        for (JsonNode policy : policies.path("policies")) {
            if (GATE_POLICY.equals(policy.path("name").asText())) {
                ((ObjectNode) policy).put("enabled", enabled);
            }
        }
        expect(admin.put(REALM + "/client-policies/policies", policies.toString()), "client policy " + GATE_POLICY);
    }

    /**
     * A browser flow as Keycloak's own is built: the SSO cookie or the identity-provider redirector
     * (alternatives), else a subflow of the form authenticators, each required, in order.
     */
    private void browserFlow(String alias, String formsAlias, String description, List<String> forms) {
        createFlow(alias, description);
        addExecution(alias, "auth-cookie");
        addExecution(alias, "identity-provider-redirector");
        expect(
                admin.post(
                        path(alias) + "/executions/flow",
                        "{\"alias\":\"" + formsAlias + "\",\"type\":\"basic-flow\","
                                + "\"provider\":\"registration-page-form\",\"description\":\"forms\"}"),
                "forms subflow of " + alias);
        forms.forEach(form -> addExecution(formsAlias, form));
        require(alias, "ALTERNATIVE");
        require(formsAlias, "REQUIRED");
    }

    /**
     * Keycloak's default browser flow's OTP step: a conditional subflow of the forms, the
     * "user configured" condition, then the OTP form.
     */
    private void conditionalOtp(String formsAlias, String alias) {
        expect(
                admin.post(
                        path(formsAlias) + "/executions/flow",
                        "{\"alias\":\"" + alias + "\",\"type\":\"basic-flow\","
                                + "\"provider\":\"registration-page-form\",\"description\":\"OTP\"}"),
                "OTP subflow of " + formsAlias);
        addExecution(alias, "conditional-user-configured");
        addExecution(alias, "auth-otp-form");
        require(alias, "REQUIRED");
        for (JsonNode execution : admin.json(path(formsAlias) + "/executions")) {
            if (execution.get("level").asInt() == 0
                    && alias.equals(execution.path("displayName").asText())) {
                ObjectNode changed = ((ObjectNode) execution).put("requirement", "CONDITIONAL");
                expect(admin.put(path(formsAlias) + "/executions", changed.toString()), "OTP subflow requirement");
            }
        }
    }

    private void createFlow(String alias, String description) {
        expect(
                admin.post(
                        REALM + "/authentication/flows",
                        "{\"alias\":\"" + alias + "\",\"description\":\"" + description
                                + "\",\"providerId\":\"basic-flow\",\"topLevel\":true,\"builtIn\":false}"),
                "flow " + alias);
    }

    private void addExecution(String flow, String provider) {
        expect(
                admin.post(path(flow) + "/executions/execution", "{\"provider\":\"" + provider + "\"}"),
                provider + " in " + flow);
    }

    /** Sets every execution directly in the flow (not in its subflows) to the requirement. */
    private void require(String flow, String requirement) {
        JsonNode executions = admin.json(path(flow) + "/executions");
        for (JsonNode execution : executions) {
            if (execution.get("level").asInt() != 0) {
                continue;
            }
            ObjectNode changed = ((ObjectNode) execution).put("requirement", requirement);
            expect(admin.put(path(flow) + "/executions", changed.toString()), "requirement in " + flow);
        }
    }

    private String flowId(String alias) {
        for (JsonNode flow : admin.json(REALM + "/authentication/flows")) {
            if (alias.equals(flow.get("alias").asText())) {
                return flow.get("id").asText();
            }
        }
        throw new IllegalStateException("No flow " + alias);
    }

    private static ObjectNode publicApp(String clientId) {
        ObjectNode client = JsonNodeFactory.instance.objectNode();
        client.put("clientId", clientId);
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.put("directAccessGrantsEnabled", false);
        client.putArray("redirectUris").add("http://localhost:3000/*");
        client.putObject("attributes").put("pkce.code.challenge.method", "");
        return client;
    }

    private static ObjectNode confidentialApi(String clientId) {
        ObjectNode client = JsonNodeFactory.instance.objectNode();
        client.put("clientId", clientId);
        client.put("publicClient", false);
        client.put("secret", SECRET);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", true);
        client.put("serviceAccountsEnabled", true);
        return client;
    }

    private void createClient(ObjectNode client) {
        expect(admin.post(REALM + "/clients", client.toString()), "client " + client.get("clientId"));
    }

    private static String path(String flow) {
        return REALM + "/authentication/flows/" + flow;
    }

    private static void expect(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "Admin API (" + what + ") answered " + response.statusCode() + ": " + response.body());
        }
    }
}
