package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays of the published Keycloak CVEs that touch Gatehouse's paths (issue 16, KEYCLOAK-NOTES), on
 * the Keycloak release the tests run (26.7.5) with the realm export as shipped. Where the realm
 * does not enable a flow (JWT authorization grant, CIBA), the replay shows that the path is refused
 * for every account, the blocked one included, and prints Keycloak's answer; it never skips.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("Keycloak CVE replays on Gatehouse's paths")
class KeycloakCveReplayIT {

    private static final String PASSWORD = "cve-pass";
    private static final String CLIENT = "demo-api";
    private static final String SECRET = "demo-api-secret";
    private static final String UPDATE_FORM = "#kc-passwd-update-form";

    private final GatehouseEnvironment env;
    private final LoginPages pages;
    private final StatusApi status;
    private final Oidc oidc;

    KeycloakCveReplayIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
        this.status = new StatusApi(env);
        this.oidc = env.oidc(ApiKeys.REALM);
    }

    private UUID account(String username) {
        return env.store()
                .account(username)
                .email(username + "@it.test")
                .password(PASSWORD)
                .create();
    }

    @Test
    @DisplayName("CVE-2026-18963: a reset-credentials flow driven past the e-mail step (every execution of the"
            + " realm's reset flow, the update-password action) never reaches the password update")
    void resetWithoutTheEmailStep() {
        String username = Names.unique("cve-reset");
        UUID id = account(username);
        String hashBefore = passwordHash(id);
        BrowserClient browser = env.browser();

        Page passwordPage = pages.identify(browser, Names.unique("start"));
        Element forgot = passwordPage.document().selectFirst("a[href*=reset-credentials]");
        assertThat(forgot).as(passwordPage.body()).isNotNull();
        Page choose = browser.get(forgot.absUrl("href"));
        String action = choose.form("#kc-reset-password-form").action();
        Page sent = browser.submit(choose.form("#kc-reset-password-form").fill("username", username));
        assertThat(sent.document().selectFirst(UPDATE_FORM)).isNull();
        Map<String, String> query = query(action);
        String base = env.baseUrl() + "/realms/" + ApiKeys.REALM + "/login-actions/";
        String session = "client_id=" + query.get("client_id") + "&tab_id=" + query.get("tab_id");

        List<String> attempts = new ArrayList<>();
        attempts.add(base + "reset-credentials?" + session);
        attempts.add(base + "required-action?execution=UPDATE_PASSWORD&" + session);
        attempts.add(base + "authenticate?" + session);
        for (String execution : resetFlowExecutions()) {
            attempts.add(base + "reset-credentials?execution=" + execution + "&" + session);
        }
        List<String> observed = new ArrayList<>();
        for (String attempt : attempts) {
            Page page = browser.get(attempt);
            observed.add(page.status() + " " + URI.create(attempt).getPath() + " → " + abbreviate(page.text()));
            assertThat(page.document().selectFirst(UPDATE_FORM))
                    .as("%s reached the password update:%n%s", attempt, page.body())
                    .isNull();
            assertThat(page.status()).as(attempt).isLessThan(500);
        }
        Page posted = browser.post(
                base + "required-action?execution=UPDATE_PASSWORD&" + session,
                Map.of("password-new", "taken-over-1", "password-confirm", "taken-over-1"));
        observed.add(posted.status() + " POST required-action → " + abbreviate(posted.text()));
        System.out.println("gatehouse.cve CVE-2026-18963 " + observed);

        assertThat(passwordHash(id)).as("the store's hash").isEqualTo(hashBefore);
        assertThat(status.grant(username, "taken-over-1", false).statusCode()).isNotEqualTo(200);
        assertThat(status.grant(username, PASSWORD, false).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("CVE-2025-14559: token exchange (enabled for demo-api) trades an active account's token, and"
            + " refuses the token of the same kind once the account is banned or terminated")
    void tokenExchange() {
        String active = Names.unique("cve-tx-active");
        account(active);
        String banned = Names.unique("cve-tx-banned");
        UUID bannedId = account(banned);
        String terminated = Names.unique("cve-tx-terminated");
        UUID terminatedId = account(terminated);
        String activeToken = accessToken(active);
        String bannedToken = accessToken(banned);
        String terminatedToken = accessToken(terminated);

        HttpResponse<String> baseline = oidc.exchange(CLIENT, SECRET, activeToken);
        assertThat(baseline.statusCode())
                .as("the path is enabled: %s", baseline.body())
                .isEqualTo(200);
        assertThat(Oidc.json(baseline.body()).hasNonNull("access_token")).isTrue();

        assertThat(status.ban(bannedId, "cve replay").statusCode()).isEqualTo(200);
        assertThat(status.terminate(terminatedId, "cve replay").statusCode()).isEqualTo(200);
        for (String token : List.of(bannedToken, terminatedToken)) {
            HttpResponse<String> exchanged = oidc.exchange(CLIENT, SECRET, token);
            System.out.println("gatehouse.cve CVE-2025-14559 " + exchanged.statusCode() + " " + exchanged.body());
            assertRefused(exchanged);
        }
    }

    @Test
    @DisplayName("CVE-2026-1609: no client of the realm export may use the JWT authorization grant, so Keycloak"
            + " refuses it with an account's own token, active or banned")
    void jwtAuthorizationGrant() {
        String active = Names.unique("cve-jwt-active");
        account(active);
        String banned = Names.unique("cve-jwt-banned");
        UUID bannedId = account(banned);
        String activeToken = accessToken(active);
        String bannedToken = accessToken(banned);
        assertThat(status.ban(bannedId, "cve replay").statusCode()).isEqualTo(200);

        for (String assertion : List.of(activeToken, bannedToken)) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            form.put("client_id", CLIENT);
            form.put("client_secret", SECRET);
            form.put("assertion", assertion);
            HttpResponse<String> grant = oidc.token(form);
            System.out.println("gatehouse.cve CVE-2026-1609 " + grant.statusCode() + " " + grant.body());
            assertRefused(grant);
            assertThat(Oidc.json(grant.body()).path("error").asText())
                    .isIn("unsupported_grant_type", "unauthorized_client", "invalid_grant", "invalid_request");
        }
    }

    @Test
    @DisplayName("keycloak#48487: implicit and hybrid requests of an account with a pending required action get"
            + " the action's page and no token, at login and over an existing SSO session")
    void implicitDuringRequiredAction() {
        String clientId = implicitClient();
        String username = Names.unique("cve-implicit");
        account(username);
        BrowserClient sso = env.browser();
        Page loggedIn = login(sso, implicitUrl(clientId, "id_token token"), username);
        assertThat(fragment(loggedIn))
                .as("the client does get tokens without a pending action")
                .containsKey("access_token");

        requirePasswordUpdate(username);
        for (String responseType : List.of("id_token token", "code id_token", "code id_token token")) {
            Page fresh = login(env.browser(), implicitUrl(clientId, responseType), username);
            assertNoToken(fresh, responseType + " at login");
            Page overSso = sso.get(implicitUrl(clientId, responseType));
            assertNoToken(overSso, responseType + " over SSO");
        }
    }

    @Test
    @DisplayName("CVE-2026-16103: CIBA is enabled for no client of the realm export, so a backchannel"
            + " authentication request for a locked account (and for an active one) is refused")
    void cibaForALockedAccount() {
        String locked = Names.unique("cve-ciba-locked");
        account(locked);
        String active = Names.unique("cve-ciba-active");
        account(active);
        for (int i = 0; i < 3; i++) {
            status.grant(locked, "wrong-" + i, false);
        }
        assertThat(status.grant(locked, PASSWORD, false).statusCode())
                .as("brute-force detection has locked the account")
                .isNotEqualTo(200);

        for (String user : List.of(locked, active)) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("client_id", CLIENT);
            form.put("client_secret", SECRET);
            form.put("scope", "openid");
            form.put("login_hint", user);
            HttpResponse<String> auth = post("/protocol/openid-connect/ext/ciba/auth", form);
            System.out.println("gatehouse.cve CVE-2026-16103 auth " + auth.statusCode() + " " + auth.body());
            assertThat(auth.statusCode()).as(auth.body()).isBetween(400, 499);
            assertThat(auth.body()).doesNotContain("auth_req_id");
        }
        Map<String, String> redeem = new LinkedHashMap<>();
        redeem.put("grant_type", "urn:openid:params:grant-type:ciba");
        redeem.put("client_id", CLIENT);
        redeem.put("client_secret", SECRET);
        redeem.put("auth_req_id", UUID.randomUUID().toString());
        HttpResponse<String> token = oidc.token(redeem);
        System.out.println("gatehouse.cve CVE-2026-16103 token " + token.statusCode() + " " + token.body());
        assertRefused(token);
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.body()).doesNotContain("access_token");
    }

    private void assertNoToken(Page page, String what) {
        assertThat(fragment(page))
                .as("%s: %s", what, page.leftServerTo())
                .doesNotContainKeys("access_token", "id_token", "code");
        assertThat(page.redirectParameter("code")).as(what).isEmpty();
        assertThat(page.document().selectFirst(UPDATE_FORM))
                .as("%s shows the pending action:%n%s", what, page.body())
                .isNotNull();
    }

    private Page login(BrowserClient browser, String url, String username) {
        Page identifier = browser.get(url);
        Page passwordPage = browser.submit(identifier.form(LoginPages.FORM).fill("username", username));
        return browser.submit(passwordPage.form(LoginPages.FORM).fill("password", PASSWORD));
    }

    private String implicitUrl(String clientId, String responseType) {
        return env.baseUrl() + "/realms/" + ApiKeys.REALM + "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=" + encode(responseType) + "&response_mode=fragment&scope=openid&nonce="
                + UUID.randomUUID() + "&redirect_uri=" + encode(LoginPages.REDIRECT) + "&state=cve";
    }

    /** A client of the product realm with the implicit flow on, created for this replay. */
    private String implicitClient() {
        String clientId = Names.unique("cve-implicit-client");
        ObjectNode client = JsonNodeFactory.instance.objectNode();
        client.put("clientId", clientId)
                .put("publicClient", true)
                .put("standardFlowEnabled", true)
                .put("implicitFlowEnabled", true)
                .put("directAccessGrantsEnabled", false);
        client.putArray("redirectUris").add("http://localhost:3000/*");
        HttpResponse<String> created = env.admin().post(ApiKeys.REALM + "/clients", client.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return clientId;
    }

    private void requirePasswordUpdate(String username) {
        String userPath = ApiKeys.REALM + "/users/" + status.userId(username);
        ObjectNode user = (ObjectNode) env.admin().json(userPath);
        user.putArray("requiredActions").add("UPDATE_PASSWORD");
        HttpResponse<String> updated = env.admin().put(userPath, user.toString());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
    }

    private String accessToken(String username) {
        HttpResponse<String> grant = status.grant(username, PASSWORD, false);
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        return Oidc.json(grant.body()).get("access_token").asText();
    }

    /** The execution ids of the realm's reset-credentials flow, sub-flows included. */
    private List<String> resetFlowExecutions() {
        String alias =
                env.admin().json(ApiKeys.REALM).path("resetCredentialsFlow").asText();
        JsonNode executions = env.admin()
                .json(ApiKeys.REALM + "/authentication/flows/" + encode(alias).replace("+", "%20") + "/executions");
        List<String> ids = new ArrayList<>();
        executions.forEach(execution -> ids.add(execution.path("id").asText()));
        assertThat(ids).as("executions of '%s'", alias).isNotEmpty();
        return ids;
    }

    private String passwordHash(UUID id) {
        return env.store().passwordHash(id).orElse("");
    }

    private HttpResponse<String> post(String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(encode(name))
                .append('=')
                .append(encode(value)));
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            URI.create(env.baseUrl() + "/realms/" + ApiKeys.REALM + path))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> fragment(Page page) {
        Map<String, String> values = new LinkedHashMap<>();
        page.leftServerTo().map(URI::getRawFragment).ifPresent(fragment -> values.putAll(pairs(fragment)));
        return values;
    }

    private static Map<String, String> query(String url) {
        String raw = URI.create(url).getRawQuery();
        return raw == null ? Map.of() : pairs(raw);
    }

    private static Map<String, String> pairs(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
