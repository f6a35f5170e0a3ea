package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.MailServer;
import dev.gatehouse.testing.Oidc;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Bans cascade to sub-users, end every session and never come back (SPEC P7)")
class BanIT {

    private static final String PASSWORD = "tree-pass";

    private final GatehouseEnvironment env;
    private final StatusApi status;

    BanIT(GatehouseEnvironment env) {
        this.env = env;
        this.status = new StatusApi(env);
    }

    private UUID account(String username) {
        return env.store().account(username).password(PASSWORD).create();
    }

    private String statusOf(UUID id) {
        return env.store().row(id).orElseThrow().status();
    }

    // The rows a ban writes (keys, IPs, ban list, audit) are the repository tier's
    // (AccountStatusRepositoryDbTest); these tests keep what Keycloak shows: tokens, sessions,
    // events, the notice and the API check.

    @Test
    @DisplayName("banning a parent bans all 5 accounts with the admin as actor; an account outside stays active")
    void cascadeStatuses() {
        AccountTree tree = AccountTree.family(env, "ban", PASSWORD);
        UUID bystander = account(Names.unique("bystander"));

        HttpResponse<String> banned = status.ban(tree.id("parent"), "spam wave");

        assertThat(banned.statusCode()).as(banned.body()).isEqualTo(200);
        assertThat(Oidc.json(banned.body()).get("banned").asInt()).isEqualTo(5);
        for (String name : tree.names()) {
            var row = tree.row(name);
            assertThat(row.status() + "/" + row.statusReason() + "/" + row.statusActor())
                    .as(name)
                    .isEqualTo("banned/spam wave/admin@master");
        }
        assertThat(statusOf(bystander)).isEqualTo("active");
    }

    @Test
    @DisplayName("banning a parent ends every session of the subtree: refresh and offline tokens, direct grant and"
            + " the API key refused; an account outside keeps its session")
    void cascadeEndsAccess() {
        AccountTree tree = AccountTree.family(env, "ban", PASSWORD);
        String bystander = Names.unique("bystander");
        account(bystander);
        Map<String, String> refreshTokens = new LinkedHashMap<>();
        tree.names()
                .forEach(name -> refreshTokens.put(name, status.refreshToken(tree.username(name), PASSWORD, false)));
        String offline = status.refreshToken(tree.username("c"), PASSWORD, true);
        assertThat(Oidc.claims(offline).get("typ").asText()).isEqualTo("Offline");
        String bystanderToken = status.refreshToken(bystander, PASSWORD, false);
        ApiKeys.Created parentKey = status.api().create(tree.id("parent"), "k");
        assertThat(status.sessions(tree.username("parent"))).isNotEmpty();

        assertThat(status.ban(tree.id("parent"), "spam wave").statusCode()).isEqualTo(200);

        refreshTokens.forEach((name, token) -> {
            HttpResponse<String> refreshed = status.refresh(token);
            assertThat(refreshed.statusCode())
                    .as(name + ": " + refreshed.body())
                    .isEqualTo(400);
            assertThat(refreshed.body()).contains("invalid_grant");
            assertThat(status.sessions(tree.username(name))).as(name).isEmpty();
        });
        assertThat(status.refresh(offline).statusCode()).as("offline token").isEqualTo(400);
        assertThat(status.refresh(bystanderToken).statusCode()).as("bystander").isEqualTo(200);
        assertThat(status.grant(tree.username("parent"), PASSWORD, false).statusCode())
                .isEqualTo(400);
        // The legacy API check after a real ban (issue 6): the same 401 as for any wrong key.
        HttpResponse<byte[]> check = status.api().checkForm(tree.username("parent"), parentKey.key());
        assertThat(check.statusCode()).isEqualTo(401);
        assertThat(new String(check.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(ApiKeys.BAD_CREDENTIALS);
    }

    @Test
    @DisplayName("banning a parent is one admin event with count, reason and actor, and one notice to the parent's"
            + " address linking to troubleshooting; sub-users get none")
    void cascadeAuditedAndNotified() {
        AccountTree tree = AccountTree.family(env, "ban", PASSWORD);
        String parentAddress = tree.prefix() + "@it.test";

        HttpResponse<String> banned = status.ban(tree.id("parent"), "spam wave");

        assertThat(banned.statusCode()).as(banned.body()).isEqualTo(200);
        List<JsonNode> events = status.adminEvents("gatehouse/accounts/" + tree.id("parent") + "/ban");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("details").get("gatehouseCount").asText()).isEqualTo("5");
        assertThat(events.get(0).get("details").get("gatehouseReason").asText()).isEqualTo("spam wave");
        assertThat(events.get(0).get("details").get("gatehouseActor").asText()).isEqualTo("admin@master");
        System.out.println("gatehouse.ban cascade: " + banned.body() + ", admin event " + events.get(0));
        MimeMessage notice = Emails.wellFormed(env.mail()
                .awaitMessagesTo(parentAddress, 1, Duration.ofSeconds(10))
                .get(0));
        assertThat(subject(notice)).isEqualTo("Your account has been banned");
        assertThat(MailServer.text(notice))
                .contains("Your account " + tree.username("parent") + " has been banned")
                .contains("the 4 sub-users of this account");
        String troubleshooting = env.baseUrl() + "/realms/gatehouse/gatehouse/troubleshooting#account-banned";
        assertThat(MailServer.links(notice)).contains(troubleshooting);
        assertThat(Jsoup.parse(MailServer.html(notice))
                        .selectFirst("a#gatehouse-troubleshooting-link")
                        .attr("href"))
                .isEqualTo(troubleshooting);
        assertThat(env.mail().messagesTo(tree.prefix() + "-b@it.test"))
                .as("sub-users get none")
                .isEmpty();
        assertThat(env.mail().messagesTo(tree.prefix() + "-c@it.test")).isEmpty();
    }

    @Test
    @DisplayName("banning again writes no row, no admin event and no second notice")
    void banAgainChangesNothing() {
        AccountTree tree = AccountTree.family(env, "ban", PASSWORD);
        assertThat(status.ban(tree.id("parent"), "spam wave").statusCode()).isEqualTo(200);
        env.mail().awaitMessagesTo(tree.prefix() + "@it.test", 1, Duration.ofSeconds(10));
        String fingerprint = fingerprint();

        HttpResponse<String> again = status.ban(tree.id("parent"), "spam wave again");

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(Oidc.json(again.body()).get("banned").asInt()).isZero();
        assertThat(Oidc.json(again.body()).get("subtree").asInt()).isEqualTo(5);
        assertThat(fingerprint()).as("no row changed or added").isEqualTo(fingerprint);
        assertThat(status.adminEvents("gatehouse/accounts/" + tree.id("parent") + "/ban"))
                .hasSize(1);
        AdminEvents.pause(Duration.ofSeconds(2));
        assertThat(env.mail().messagesTo(tree.prefix() + "@it.test"))
                .as("no second notice")
                .hasSize(1);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of the tables a ban writes. */
    private String fingerprint() {
        return env.store().fingerprint("account", "api_key", "dedicated_ip", "email_ban", "status_audit");
    }

    @Test
    @DisplayName("banning a sub-user bans its subtree only")
    void subtreeOnly() {
        AccountTree tree = AccountTree.family(env, "subban", PASSWORD);
        String prefix = tree.prefix();

        HttpResponse<String> banned = status.ban(tree.id("a"), "sub-user abuse");

        assertThat(banned.statusCode()).as(banned.body()).isEqualTo(200);
        assertThat(Oidc.json(banned.body()).get("banned").asInt()).isEqualTo(3);
        for (String name : List.of("a", "b", "c")) {
            assertThat(statusOf(tree.id(name))).as(name).isEqualTo("banned");
            assertThat(status.grant(prefix + "-" + name, PASSWORD, false).statusCode())
                    .as(name)
                    .isEqualTo(400);
        }
        for (String name : List.of("parent", "sibling")) {
            assertThat(statusOf(tree.id(name))).as(name).isEqualTo("active");
            assertThat(status.grant(prefix + "-" + name, PASSWORD, false).statusCode())
                    .as(name)
                    .isEqualTo(200);
        }
        assertThat(status.adminEvents("gatehouse/accounts/" + tree.id("a") + "/ban"))
                .singleElement()
                .extracting(event -> event.at("/details/gatehouseCount").asText())
                .isEqualTo("3");
    }

    @Test
    @DisplayName("no way back: reinstate and terminate answer 409, enabled=true from the admin console is refused")
    void noWayBack() {
        AccountTree tree = AccountTree.family(env, "noback", PASSWORD);
        String prefix = tree.prefix();
        assertThat(status.ban(tree.id("parent"), "fraud").statusCode()).isEqualTo(200);

        HttpResponse<String> reinstate = status.reinstate(tree.id("parent"));
        HttpResponse<String> reinstateSub = status.reinstate(tree.id("c"));
        HttpResponse<String> terminate = status.terminate(tree.id("parent"), "billing");

        for (HttpResponse<String> response : List.of(reinstate, reinstateSub, terminate)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
            assertThat(Oidc.json(response.body()).get("errorMessage").asText())
                    .startsWith("Banned accounts cannot be reactivated");
        }
        String userId = status.userId(prefix + "-parent");
        JsonNode user = env.admin().json(ApiKeys.REALM + "/users/" + userId);
        assertThat(user.get("enabled").asBoolean()).isFalse();
        ((com.fasterxml.jackson.databind.node.ObjectNode) user).put("enabled", true);
        HttpResponse<String> enabled = env.admin().put(ApiKeys.REALM + "/users/" + userId, user.toString());

        assertThat(enabled.statusCode()).as(enabled.body()).isBetween(400, 499);
        assertThat(env.admin()
                        .json(ApiKeys.REALM + "/users/" + userId)
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(status.grant(prefix + "-parent", PASSWORD, false).statusCode())
                .isEqualTo(400);
        assertThat(statusOf(tree.id("parent"))).isEqualTo("banned");
        System.out.println("gatehouse.ban no-way-back: reinstate " + reinstate.statusCode() + " " + reinstate.body()
                + "; enabled=true " + enabled.statusCode() + " " + enabled.body());
    }

    @Test
    @DisplayName("Admin API: no token 401, without gatehouse-trust-safety 403, unknown id 404, bad body 400")
    void adminApiErrors() {
        UUID target = account(Names.unique("target"));
        String support = Names.unique("support");
        account(support);
        status.api().grantRealmRole(support, "gatehouse-support");
        String trustSafety = Names.unique("ts");
        account(trustSafety);
        status.api().grantRealmRole(trustSafety, "gatehouse-trust-safety");
        String body = "{\"reason\":\"x\"}";

        assertThat(status.post(target, "ban", body, null).statusCode()).isEqualTo(401);
        HttpResponse<String> forbidden =
                status.post(target, "ban", body, status.api().userToken(support, PASSWORD));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("gatehouse-trust-safety");
        String admin = status.api().admin();
        assertThat(status.post(UUID.randomUUID(), "ban", body, admin).statusCode())
                .isEqualTo(404);
        for (String bad :
                new String[] {"{\"reason\":", "not json", "[]", "{}", "{\"reason\":\"\"}", "{\"reason\":1}"}) {
            HttpResponse<String> response = status.post(target, "ban", bad, admin);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(Oidc.json(response.body()).get("errorMessage").asText())
                    .as(bad)
                    .isNotBlank();
        }
        assertThat(statusOf(target)).isEqualTo("active");

        HttpResponse<String> byTrustSafety =
                status.post(target, "ban", body, status.api().userToken(trustSafety, PASSWORD));
        assertThat(byTrustSafety.statusCode()).as(byTrustSafety.body()).isEqualTo(200);
        assertThat(env.store().row(target).orElseThrow().statusActor()).isEqualTo(trustSafety + "@gatehouse");
    }

    @Test
    @DisplayName("Admin API: a forged token 401 on every status endpoint; lookup without either role 403, an"
            + " unknown username an empty list")
    void adminApiTokensAndLookup() {
        UUID target = account(Names.unique("forged"));
        String plain = Names.unique("plain");
        account(plain);
        String plainToken = status.api().userToken(plain, PASSWORD);
        String forged = plainToken.substring(0, plainToken.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        String lookup = status.api().adminUrl("accounts?username=" + ApiKeys.encode(plain));

        for (String action : List.of("ban", "terminate", "reinstate")) {
            HttpResponse<String> response = status.post(target, action, "{\"reason\":\"x\"}", forged);
            assertThat(response.statusCode()).as(action).isEqualTo(401);
        }
        assertThat(status.api().request("GET", lookup, forged, null).statusCode())
                .isEqualTo(401);
        HttpResponse<String> noRole = status.api().request("GET", lookup, plainToken, null);
        assertThat(noRole.statusCode()).as(noRole.body()).isEqualTo(403);
        assertThat(Oidc.json(noRole.body()).get("errorMessage").asText()).isNotBlank();
        HttpResponse<String> unknown = status.api()
                .request(
                        "GET",
                        status.api().adminUrl("accounts?username=" + ApiKeys.encode(Names.unique("nobody"))),
                        status.api().admin(),
                        null);
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(Oidc.json(unknown.body())).isEmpty();
        assertThat(statusOf(target)).isEqualTo("active");
    }

    @Test
    @DisplayName("a failure halfway through the ban (the e-mail ban list refuses a row) leaves nothing changed")
    void failureHalfway() {
        AccountTree tree = AccountTree.family(env, "half", PASSWORD);
        String prefix = tree.prefix();
        status.api().create(tree.id("a"), "k");
        String before = fingerprint();
        // SQL is the point here: a trigger makes the ban's e-mail-ban write fail halfway.
        env.store()
                .execute("CREATE FUNCTION it_refuse_email() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF NEW.email_key = '" + prefix + "-c@it.test' THEN RAISE EXCEPTION 'refused by test';"
                        + " END IF; RETURN NEW; END $$");
        env.store()
                .execute("CREATE TRIGGER it_refuse_email BEFORE INSERT ON email_ban"
                        + " FOR EACH ROW EXECUTE FUNCTION it_refuse_email()");
        HttpResponse<String> failed;
        try {
            failed = status.ban(tree.id("parent"), "halfway");
        } finally {
            env.store().execute("DROP TRIGGER it_refuse_email ON email_ban");
            env.store().execute("DROP FUNCTION it_refuse_email()");
        }

        System.out.println("gatehouse.ban failure halfway: " + failed.statusCode() + " " + failed.body());
        assertThat(failed.statusCode()).as(failed.body()).isGreaterThanOrEqualTo(500);
        assertThat(failed.body()).doesNotContain("Exception");
        assertThat(fingerprint()).as("no row changed").isEqualTo(before);
        assertThat(status.grant(prefix + "-c", PASSWORD, false).statusCode()).isEqualTo(200);
        assertThat(status.adminEvents("gatehouse/accounts/" + tree.id("parent") + "/ban"))
                .isEmpty();
    }

    @Test
    @DisplayName("store down: ban, terminate, reinstate and lookup answer 503 and change nothing")
    void storeOutage() {
        String username = Names.unique("outage");
        UUID target = account(username);
        String admin = status.api().admin();

        env.store().server().stop();
        List<HttpResponse<String>> responses;
        try {
            responses = List.of(
                    status.post(target, "ban", "{\"reason\":\"x\"}", admin),
                    status.post(target, "terminate", "{\"reason\":\"x\"}", admin),
                    status.post(target, "reinstate", null, admin),
                    status.api().request("GET", status.api().adminUrl("accounts?username=" + username), admin, null));
        } finally {
            env.store().server().start();
        }

        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.body()).contains("temporarily unavailable");
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> assertThat(status.grant(username, PASSWORD, false).statusCode())
                                .isEqualTo(200));
        assertThat(statusOf(target)).isEqualTo("active");
    }

    @Test
    @DisplayName("account lookup by username or e-mail shows own and effective status and the parent")
    void lookup() {
        AccountTree tree = AccountTree.family(env, "look", PASSWORD);
        String prefix = tree.prefix();
        status.ban(tree.id("b"), "lookup");
        String admin = status.api().admin();

        HttpResponse<String> byUsername = status.api()
                .request(
                        "GET",
                        status.api().adminUrl("accounts?username=" + ApiKeys.encode(prefix + "-C")),
                        admin,
                        null);
        HttpResponse<String> byEmail = status.api()
                .request(
                        "GET",
                        status.api().adminUrl("accounts?email=" + ApiKeys.encode(prefix + "@it.test")),
                        admin,
                        null);
        HttpResponse<String> neither = status.api().request("GET", status.api().adminUrl("accounts"), admin, null);

        assertThat(byUsername.statusCode()).as(byUsername.body()).isEqualTo(200);
        JsonNode c = Oidc.json(byUsername.body()).get(0);
        assertThat(c.get("id").asText()).isEqualTo(tree.id("c").toString());
        assertThat(c.get("username").asText()).isEqualTo(prefix + "-c");
        assertThat(c.get("status").asText()).isEqualTo("banned");
        assertThat(c.get("effectiveStatus").asText()).isEqualTo("banned");
        assertThat(c.get("parentId").asText()).isEqualTo(tree.id("b").toString());
        JsonNode shared = Oidc.json(byEmail.body());
        assertThat(shared).hasSize(2);
        assertThat(shared.findValuesAsText("status")).containsOnly("active");
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(status.api()
                        .request("GET", status.api().adminUrl("accounts?username=x"), null, null)
                        .statusCode())
                .isEqualTo(401);
    }
}
