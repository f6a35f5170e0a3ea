package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.AccountStore;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Manual termination and reinstatement by support (SPEC P6.3, P6.4)")
class TerminationIT {

    private static final String PASSWORD = "term-pass";
    private static final String TERMINATED_TITLE = "Account terminated for non-payment";

    private final GatehouseEnvironment env;
    private final StatusApi status;
    private final LoginPages pages;

    TerminationIT(GatehouseEnvironment env) {
        this.env = env;
        this.status = new StatusApi(env);
        this.pages = new LoginPages(env);
    }

    private UUID account(String username) {
        return env.store()
                .account(username)
                .email(username + "@it.test")
                .password(PASSWORD)
                .create();
    }

    private AccountStore.AccountRow row(UUID id) {
        return env.store().row(id).orElseThrow();
    }

    @Test
    @DisplayName("terminate → terminated page, tokens refused, sub-users too; reinstate 409 while last month is"
            + " unpaid, 200 once paid, and everyone logs in again")
    void terminateAndReinstate() {
        AccountTree tree = AccountTree.of(env, "owner", PASSWORD);
        tree.add("parent", null, tree.username("parent") + "@it.test")
                .add("sub", "parent", tree.username("sub") + "@it.test");
        UUID parent = tree.id("parent");
        String parentName = tree.username("parent");
        String subName = tree.username("sub");
        String refresh = status.refreshToken(parentName, PASSWORD, false);
        String subRefresh = status.refreshToken(subName, PASSWORD, false);

        HttpResponse<String> terminated = status.terminate(parent, "unpaid invoice");

        assertThat(terminated.statusCode()).as(terminated.body()).isEqualTo(200);
        assertThat(Oidc.json(terminated.body()).get("changed").asBoolean()).isTrue();
        assertThat(tree.row("parent").status() + "/" + tree.row("parent").statusReason())
                .isEqualTo("terminated/unpaid invoice");
        assertThat(tree.status("sub")).as("a sub-user keeps its own status").isEqualTo("active");
        Page page = pages.login(env.browser(), parentName, PASSWORD);
        assertThat(page.body()).contains(TERMINATED_TITLE);
        Page subPage = pages.login(env.browser(), subName, PASSWORD);
        assertThat(subPage.body()).contains(TERMINATED_TITLE);
        Page wrongPassword = pages.login(env.browser(), parentName, "wrong");
        assertThat(wrongPassword.body()).doesNotContain(TERMINATED_TITLE);
        for (String token : List.of(refresh, subRefresh)) {
            HttpResponse<String> refused = status.refresh(token);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("invalid_grant");
        }
        assertThat(status.sessions(parentName)).isEmpty();
        assertThat(status.grant(subName, PASSWORD, false).statusCode()).isEqualTo(400);
        assertThat(status.terminate(parent, "again").statusCode()).isEqualTo(200);
        assertThat(env.store().audit(parent))
                .as("terminating twice audits once")
                .containsExactly("active>terminated/admin@master/unpaid invoice/2");

        BillingApi billing = new BillingApi(env, status.api());
        LocalDate thisMonth = env.store().today().withDayOfMonth(1);
        long invoice = billing.invoice(
                parent,
                thisMonth.minusMonths(1),
                "42.50",
                thisMonth.minusMonths(1).plusDays(14));
        billing.invoice(parent, thisMonth, "10.00", thisMonth.plusDays(14));

        HttpResponse<String> unpaid = status.reinstate(parent);

        assertThat(unpaid.statusCode()).as(unpaid.body()).isEqualTo(409);
        String message = Oidc.json(unpaid.body()).get("errorMessage").asText();
        assertThat(message).contains("Invoice " + invoice).contains("42.50").contains("unpaid");
        assertThat(status.grant(parentName, PASSWORD, false).statusCode()).isEqualTo(400);

        billing.pay(invoice);
        HttpResponse<String> reinstated = status.reinstate(parent);

        assertThat(reinstated.statusCode()).as(reinstated.body()).isEqualTo(200);
        assertThat(Oidc.json(reinstated.body()).get("changed").asBoolean()).isTrue();
        assertThat(status.grant(parentName, PASSWORD, false).statusCode()).isEqualTo(200);
        assertThat(status.grant(subName, PASSWORD, false).statusCode()).isEqualTo(200);
        assertThat(pages.login(env.browser(), parentName, PASSWORD).redirectParameter("code"))
                .isPresent();
        assertThat(env.store().audit(parent)).last().asString().startsWith("terminated>active/admin@master/");
        assertThat(status.adminEvents("gatehouse/accounts/" + parent + "/terminate"))
                .hasSize(1);
        assertThat(status.adminEvents("gatehouse/accounts/" + parent + "/reinstate"))
                .hasSize(1);
        System.out.println("gatehouse.termination reinstate while unpaid: " + unpaid.body());
    }

    @Test
    @DisplayName("sub-users cannot be terminated on their own; reinstating an active account changes nothing")
    void refusals() {
        AccountTree tree = AccountTree.of(env, "top", PASSWORD);
        tree.add("parent", null, tree.username("parent") + "@it.test")
                .add("sub", "parent", tree.username("sub") + "@it.test");
        UUID parent = tree.id("parent");
        UUID sub = tree.id("sub");

        HttpResponse<String> subTerminated = status.terminate(sub, "billing");
        HttpResponse<String> activeReinstated = status.reinstate(parent);

        assertThat(subTerminated.statusCode()).as(subTerminated.body()).isEqualTo(409);
        assertThat(subTerminated.body()).contains("top-level");
        assertThat(activeReinstated.statusCode()).isEqualTo(200);
        assertThat(Oidc.json(activeReinstated.body()).get("changed").asBoolean())
                .isFalse();
        assertThat(env.store().audit(parent)).isEmpty();
        assertThat(env.store().audit(sub)).isEmpty();
    }

    @Test
    @DisplayName("Admin API: no token 401, without gatehouse-support 403, unknown id 404, bad body 400")
    void adminApiErrors() {
        UUID target = account(Names.unique("tgt"));
        String trustSafety = Names.unique("ts-only");
        account(trustSafety);
        status.api().grantRealmRole(trustSafety, "gatehouse-trust-safety");
        String support = Names.unique("sup");
        account(support);
        status.api().grantRealmRole(support, "gatehouse-support");
        String body = "{\"reason\":\"x\"}";
        String tsToken = status.api().userToken(trustSafety, PASSWORD);

        assertThat(status.post(target, "terminate", body, null).statusCode()).isEqualTo(401);
        assertThat(status.post(target, "reinstate", null, null).statusCode()).isEqualTo(401);
        assertThat(status.post(target, "terminate", body, tsToken).statusCode()).isEqualTo(403);
        assertThat(status.post(target, "reinstate", null, tsToken).statusCode()).isEqualTo(403);
        String admin = status.api().admin();
        assertThat(status.post(UUID.randomUUID(), "terminate", body, admin).statusCode())
                .isEqualTo(404);
        assertThat(status.post(UUID.randomUUID(), "reinstate", null, admin).statusCode())
                .isEqualTo(404);
        for (String bad : new String[] {"{\"reason\":", "{}", "[1]", ""}) {
            HttpResponse<String> response = status.post(target, "terminate", bad, admin);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(Oidc.json(response.body()).get("errorMessage").asText()).isNotBlank();
        }
        assertThat(row(target).status()).isEqualTo("active");

        String supportToken = status.api().userToken(support, PASSWORD);
        assertThat(status.post(target, "terminate", body, supportToken).statusCode())
                .isEqualTo(200);
        assertThat(status.post(target, "reinstate", null, supportToken).statusCode())
                .isEqualTo(200);
        assertThat(row(target).status() + "/" + row(target).statusActor())
                .isEqualTo("active/" + support + "@gatehouse");
    }
}
