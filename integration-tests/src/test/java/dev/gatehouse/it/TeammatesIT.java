package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.MailServer;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Teammates (SPEC P8.1): invitations by e-mail, levels in tokens, who may manage the team, the
 * account's activity; and every user's own login history (SPEC P8.2).
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("Teammates, account activity and login history")
class TeammatesIT {

    private static final String PASSWORD = "team-pass";
    private static final Duration SLOW_SMTP = Duration.ofSeconds(8);

    private final GatehouseEnvironment env;
    private final Teammates teammates;
    private final ApiKeys api;
    private final StatusApi status;
    private final LoginPages pages;

    TeammatesIT(GatehouseEnvironment env) {
        this.env = env;
        this.teammates = new Teammates(env);
        this.api = teammates.api();
        this.status = new StatusApi(env);
        this.pages = new LoginPages(env);
    }

    @Test
    @DisplayName("invite → e-mail link → log in and accept → token names the account and level; level change and"
            + " removal show on the next refresh; the link works once")
    void inviteAcceptChangeRemove() {
        String owner = Names.unique("team-owner");
        UUID ownerId = account(owner);
        String invitee = Names.unique("team-invitee");
        String inviteeEmail = invitee + "@team.test";
        UUID inviteeId = env.store()
                .account(invitee)
                .email(inviteeEmail)
                .password(PASSWORD)
                .create();
        String ownerToken = api.userToken(owner, PASSWORD);

        HttpResponse<String> invited = teammates.invite(ownerToken, inviteeEmail, "developer");
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        JsonNode invitation = Oidc.json(invited.body());
        assertThat(invitation.get("status").asText()).isEqualTo("invited");
        assertThat(teammates.invite(ownerToken, inviteeEmail, "admin").statusCode())
                .as("a second pending invitation of the same address")
                .isEqualTo(409);

        MimeMessage mail = env.mail()
                .awaitMessagesTo(inviteeEmail, 1, Duration.ofSeconds(20))
                .get(0);
        assertThat(MailServer.text(mail)).contains(owner).contains("developer");
        String link = MailServer.links(mail).stream()
                .filter(l -> l.contains("/gatehouse/teammates/accept?key="))
                .findFirst()
                .orElseThrow(() -> new AssertionError(MailServer.text(mail)));

        BrowserClient browser = env.browser();
        Page offer = browser.get(link);
        assertThat(offer.document().selectFirst("#gatehouse-teammate-invite-login"))
                .as(offer.body())
                .isNotNull();
        assertThat(offer.text()).contains(owner).contains("developer");
        Page identifier = browser.get(
                offer.document().selectFirst("#gatehouse-invite-login").absUrl("href"));
        Page passwordPage = browser.submit(identifier.form(LoginPages.FORM).fill("username", invitee));
        Page confirm = browser.submit(passwordPage.form(LoginPages.FORM).fill("password", PASSWORD));
        assertThat(confirm.uri().getPath()).as(confirm.body()).endsWith("/gatehouse/teammates/accept");
        Page accepted = browser.submit(confirm.form("#gatehouse-invite-accept"));
        assertThat(accepted.document().selectFirst("#gatehouse-teammate-invite-accepted"))
                .as(accepted.body())
                .isNotNull();
        assertThat(browser.get(link).document().selectFirst("#gatehouse-teammate-invite-used"))
                .as("the link a second time")
                .isNotNull();

        HttpResponse<String> grant = status.grant(invitee, PASSWORD, false);
        JsonNode claims =
                Oidc.claims(Oidc.json(grant.body()).get("access_token").asText());
        assertThat(claims.path("gatehouse_account").asText()).isEqualTo(ownerId.toString());
        assertThat(claims.path("gatehouse_level").asText()).isEqualTo("developer");
        String refreshToken = Oidc.json(grant.body()).get("refresh_token").asText();
        String teammateId = invitation.get("id").asText();

        HttpResponse<String> changed =
                teammates.own("PUT", "teammates/" + teammateId, ownerToken, "{\"level\":\"billing\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode refreshed = refresh(refreshToken);
        assertThat(refreshed.path("gatehouse_level").asText()).isEqualTo("billing");
        assertThat(refreshed.path("gatehouse_account").asText()).isEqualTo(ownerId.toString());

        assertThat(teammates
                        .own("DELETE", "teammates/" + teammateId, ownerToken, null)
                        .statusCode())
                .isEqualTo(204);
        JsonNode removed = refresh(refreshToken);
        assertThat(removed.path("gatehouse_account").asText())
                .as("removed: the token names the invitee's own account")
                .isEqualTo(inviteeId.toString());
        assertThat(removed.path("gatehouse_level").asText()).isEqualTo("owner");
        System.out.println("gatehouse.teammates invite→accept→billing→removed: " + claims.path("gatehouse_level")
                + " → " + refreshed.path("gatehouse_level") + " → " + removed.path("gatehouse_level"));
    }

    @Test
    @DisplayName("an invitation answers before the SMTP server has its e-mail, which arrives later")
    void inviteAnswersBeforeSmtp() {
        String owner = Names.unique("slow-owner");
        account(owner);
        String ownerToken = api.userToken(owner, PASSWORD);
        String inviteeEmail = Names.unique("slow-invitee") + "@team.test";

        try (SlowSmtp slow = SlowSmtp.start(env, SLOW_SMTP)) {
            long started = System.nanoTime();
            HttpResponse<String> invited = teammates.invite(ownerToken, inviteeEmail, "developer");
            Duration answered = Duration.ofNanos(System.nanoTime() - started);

            assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
            assertThat(answered).isLessThan(SLOW_SMTP);
            assertThat(env.mail().messagesTo(inviteeEmail))
                    .as("not at the SMTP server yet")
                    .isEmpty();
            slow.release();
            env.mail().awaitMessagesTo(inviteeEmail, 1, Duration.ofSeconds(20));
        }
    }

    @Test
    @DisplayName("10 invitations per team and hour, then 429 storing no invitation and sending nothing; another team"
            + " still invites")
    void inviteLimit() {
        String owner = Names.unique("busy-owner");
        UUID ownerId = account(owner);
        String ownerToken = api.userToken(owner, PASSWORD);
        for (int i = 1; i <= 10; i++) {
            HttpResponse<String> invited =
                    teammates.invite(ownerToken, Names.unique("inv" + i) + "@team.test", "developer");
            assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        }
        String refusedEmail = Names.unique("inv-refused") + "@team.test";

        HttpResponse<String> refused = teammates.invite(ownerToken, refusedEmail, "developer");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(env.store().teammates(ownerId)).isEqualTo(10);
        String other = Names.unique("calm-owner");
        account(other);
        String otherEmail = Names.unique("inv-other") + "@team.test";
        assertThat(teammates
                        .invite(api.userToken(other, PASSWORD), otherEmail, "developer")
                        .statusCode())
                .isEqualTo(201);
        // Queued after the refused request's: once it arrived, an e-mail of the refused one would have too.
        env.mail().awaitMessagesTo(otherEmail, 1, Duration.ofSeconds(20));
        assertThat(env.mail().messagesTo(refusedEmail)).isEmpty();
    }

    @Test
    @DisplayName("a read-only teammate cannot invite, change or read the activity (403); an admin teammate can;"
            + " other accounts' teammates are 403")
    void levelsDecideWhoManages() {
        String owner = Names.unique("lv-owner");
        UUID ownerId = account(owner);
        String readOnly = Names.unique("lv-ro");
        teammates.join(ownerId, account(readOnly), "read-only");
        String admin = Names.unique("lv-admin");
        teammates.join(ownerId, account(admin), "admin");
        String stranger = Names.unique("lv-stranger");
        account(stranger);
        String readOnlyToken = api.userToken(readOnly, PASSWORD);
        String adminToken = api.userToken(admin, PASSWORD);
        String strangerToken = api.userToken(stranger, PASSWORD);

        HttpResponse<String> refused = teammates.invite(readOnlyToken, Names.unique("x") + "@team.test", "admin");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("read-only");
        assertThat(teammates.own("GET", "activity", readOnlyToken, null).statusCode())
                .isEqualTo(403);
        HttpResponse<String> list = teammates.own("GET", "teammates", readOnlyToken, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(readOnly).contains(admin);
        String adminRow = rowOf(list, admin);
        assertThat(teammates
                        .own("PUT", "teammates/" + adminRow, readOnlyToken, "{\"level\":\"read-only\"}")
                        .statusCode())
                .isEqualTo(403);

        HttpResponse<String> byAdmin = teammates.invite(adminToken, Names.unique("y") + "@team.test", "billing");
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(201);
        assertThat(Oidc.json(byAdmin.body()).get("accountId").asText()).isEqualTo(ownerId.toString());
        assertThat(teammates.own("GET", "activity", adminToken, null).statusCode())
                .isEqualTo(200);

        assertThat(teammates
                        .own("DELETE", "teammates/" + adminRow, strangerToken, null)
                        .statusCode())
                .as("another account's teammate")
                .isEqualTo(403);
        assertThat(teammates
                        .own("PUT", "teammates/" + adminRow, adminToken, "{\"level\":\"owner\"}")
                        .statusCode())
                .as("owner is no teammate level")
                .isEqualTo(400);
        assertThat(teammates.invite(adminToken, "not-an-address", "developer").statusCode())
                .isEqualTo(400);
        assertThat(teammates.own("GET", "teammates", null, null).statusCode()).isEqualTo(401);
        assertThat(env.store().teammateLevel(UUID.fromString(adminRow))).hasValue("admin");
    }

    @Test
    @DisplayName("Admin API: support lists, invites, changes and removes teammates; without the role 403")
    void adminApi() {
        String owner = Names.unique("adm-owner");
        UUID ownerId = account(owner);
        String mate = Names.unique("adm-mate");
        teammates.join(ownerId, account(mate), "developer");
        String path = "accounts/" + ownerId + "/teammates";

        HttpResponse<String> list = teammates.admin("GET", path, null, null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        String row = rowOf(list, mate);
        HttpResponse<String> invited = teammates.admin(
                "POST", path, null, "{\"email\":\"" + Names.unique("adm") + "@team.test\",\"level\":\"read-only\"}");
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        assertThat(teammates
                        .admin("PUT", path + "/" + row, null, "{\"level\":\"admin\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(teammates
                        .admin("DELETE", path + "/" + UUID.randomUUID(), null, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(teammates
                        .admin("GET", "accounts/" + UUID.randomUUID() + "/teammates", null, null)
                        .statusCode())
                .isEqualTo(404);
        String noRole = api.userToken(owner, PASSWORD);
        assertThat(teammates.admin("GET", path, noRole, null).statusCode()).isEqualTo(403);
        assertThat(teammates.admin("DELETE", path + "/" + row, null, null).statusCode())
                .isEqualTo(204);
        assertThat(env.store().teammates(ownerId)).as("the invitation remains").isEqualTo(1);
    }

    @Test
    @DisplayName("a password change by one teammate shows in the owner's activity with who, what and when")
    void teammatePasswordChangeInOwnersActivity() {
        String owner = Names.unique("act-owner");
        UUID ownerId = account(owner);
        String mate = Names.unique("act-mate");
        UUID mateId = account(mate);
        teammates.join(ownerId, mateId, "developer");
        Instant before = Instant.now().minusSeconds(5);
        // As the admin console does: the whole representation back, with the required action added.
        String userPath = ApiKeys.REALM + "/users/" + status.userId(mate);
        ObjectNode user = (ObjectNode) env.admin().json(userPath);
        user.putArray("requiredActions").add("UPDATE_PASSWORD");
        HttpResponse<String> updated = env.admin().put(userPath, user.toString());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);

        BrowserClient browser = env.browser();
        Page update = pages.login(browser, mate, PASSWORD);
        Page done = browser.submit(update.form("#kc-passwd-update-form")
                .fill("password-new", "team-pass-2")
                .fill("password-confirm", "team-pass-2"));
        assertThat(done.redirectParameter("code")).as(done.body()).isPresent();
        String mateToken = api.keyToken(mate, "team-pass-2");
        assertThat(api.request("POST", api.ownUrl("api-keys"), mateToken, "{\"name\":\"mate relay\"}")
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<String> activity = teammates.own("GET", "activity", api.userToken(owner, PASSWORD), null);
        assertThat(activity.statusCode()).as(activity.body()).isEqualTo(200);
        JsonNode entries = Oidc.json(activity.body());
        JsonNode passwordChange = find(entries, "password_changed");
        assertThat(passwordChange.get("who").asText()).isEqualTo(mate);
        assertThat(passwordChange.get("memberId").asText()).isEqualTo(mateId.toString());
        assertThat(Instant.parse(passwordChange.get("at").asText())).isAfter(before);
        assertThat(find(entries, "api_key_created").get("detail").asText()).isEqualTo("mate relay");
        System.out.println("gatehouse.activity " + activity.body());
    }

    @Test
    @DisplayName("login history: a successful and a failed login of the user with IP and client; another user's is 403")
    void loginHistory() {
        String user = Names.unique("hist");
        account(user);
        String other = Names.unique("hist-other");
        account(other);
        Page wrong = pages.login(env.browser(), user, "wrong-pass");
        assertThat(wrong.redirectParameter("code")).isEmpty();
        BrowserClient browser = env.browser();
        assertThat(pages.login(browser, user, PASSWORD).redirectParameter("code"))
                .isPresent();
        String token = api.userToken(user, PASSWORD);

        HttpResponse<String> history = teammates.own("GET", "login-history", token, null);
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        JsonNode rows = Oidc.json(history.body());
        JsonNode success = null;
        JsonNode failure = null;
        for (JsonNode row : rows) {
            if (success == null
                    && row.get("result").asText().equals("success")
                    && row.get("client").asText().equals(LoginPages.CLIENT)) {
                success = row;
            }
            if (failure == null && row.get("result").asText().equals("failure")) {
                failure = row;
            }
        }
        assertThat(success).as(history.body()).isNotNull();
        assertThat(failure).as(history.body()).isNotNull();
        assertThat(success.get("ipAddress").asText()).isNotBlank();
        assertThat(failure.get("client").asText()).isEqualTo(LoginPages.CLIENT);
        assertThat(failure.get("error").asText()).isEqualTo("invalid_user_credentials");
        assertThat(history.body()).doesNotContain(status.userId(other));

        assertThat(teammates
                        .own("GET", "login-history?userId=" + status.userId(other), token, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(teammates
                        .own("GET", "login-history?userId=" + status.userId(user), token, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(teammates.own("GET", "login-history", null, null).statusCode())
                .isEqualTo(401);
        System.out.println("gatehouse.login_history rows=" + rows.size() + " " + history.body());

        Page page = browser.get(env.baseUrl() + "/realms/gatehouse/gatehouse/login-history");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        var successRow = page.document().selectFirst("#gatehouse-logins tr.gatehouse-login-success");
        var failureRow = page.document().selectFirst("#gatehouse-logins tr.gatehouse-login-failure");
        assertThat(successRow).as(page.body()).isNotNull();
        assertThat(failureRow).as(page.body()).isNotNull();
        assertThat(successRow.text())
                .contains(success.get("ipAddress").asText())
                .contains("Logged in");
        assertThat(failureRow.text()).contains(LoginPages.CLIENT).contains("Failed");
        Page anonymous = env.browser().get(env.baseUrl() + "/realms/gatehouse/gatehouse/login-history");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.document().selectFirst("#gatehouse-logins")).isNull();
    }

    @Test
    @DisplayName("the account console of the gatehouse account theme lists the Login history page, a module"
            + " that frames the server-rendered history")
    void accountConsolePage() {
        BrowserClient browser = env.browser();
        Page console = browser.get(env.baseUrl() + "/realms/gatehouse/account/");
        assertThat(console.status()).as(console.body()).isEqualTo(200);
        var environment = console.document().selectFirst("script#environment");
        assertThat(environment).as(console.body()).isNotNull();
        String resourceUrl = Oidc.json(environment.data()).get("resourceUrl").asText();
        assertThat(resourceUrl).contains("/account/gatehouse");

        Page content = browser.get(env.baseUrl() + resourceUrl + "/content.json");
        assertThat(content.status()).isEqualTo(200);
        JsonNode entry = null;
        for (JsonNode item : Oidc.json(content.body()).findParents("modulePath")) {
            entry = item;
        }
        assertThat(entry).as(content.body()).isNotNull();
        assertThat(entry.get("path").asText()).isEqualTo("content/login-history");
        Page module = browser.get(
                env.baseUrl() + resourceUrl + entry.get("modulePath").asText());
        assertThat(module.status()).isEqualTo(200);
        assertThat(module.body()).contains("/gatehouse/login-history").contains("export default");
    }

    private UUID account(String username) {
        return env.store()
                .account(username)
                .email(username + "@team.test")
                .password(PASSWORD)
                .create();
    }

    private JsonNode refresh(String refreshToken) {
        HttpResponse<String> response = status.refresh(refreshToken);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Oidc.claims(Oidc.json(response.body()).get("access_token").asText());
    }

    private static String rowOf(HttpResponse<String> list, String username) {
        for (JsonNode row : Oidc.json(list.body())) {
            if (username.equals(row.path("username").asText())) {
                return row.get("id").asText();
            }
        }
        throw new AssertionError(username + " not in " + list.body());
    }

    private static JsonNode find(JsonNode entries, String what) {
        List<JsonNode> found = new ArrayList<>();
        entries.forEach(entry -> {
            if (what.equals(entry.path("what").asText())) {
                found.add(entry);
            }
        });
        assertThat(found).as("%s in %s", what, entries).isNotEmpty();
        return found.get(0);
    }
}
