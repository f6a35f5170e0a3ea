package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Logins fail closed while the account store is down")
class StoreOutageIT {

    private final GatehouseEnvironment env;
    private final LoginPages pages;

    StoreOutageIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
    }

    @Test
    @DisplayName("store stopped: 503 page and no token; store back: login works without a restart")
    void outageAndRecovery() {
        String username = Names.unique("otto");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("otto-pass")
                .create();

        env.store().server().stop();
        try {
            Page page = pages.identify(env.browser(), username);
            assertThat(page.status()).as(page.body()).isEqualTo(503);
            assertThat(page.leftServerTo()).isEmpty();
            assertThat(page.text()).contains("Sign-in is temporarily unavailable");
            assertThat(page.document()
                            .selectFirst("#gatehouse-troubleshooting-link")
                            .attr("href"))
                    .isEqualTo(env.baseUrl() + "/realms/gatehouse/gatehouse/troubleshooting");
            assertThat(page.body()).doesNotContain("Exception").doesNotContain("at org.");

            HttpResponse<String> grant = grant(username);
            assertThat(grant.statusCode()).as(grant.body()).isEqualTo(503);
            assertThat(Oidc.json(grant.body()).get("error").asText()).isEqualTo("temporarily_unavailable");
            assertThat(grant.body()).doesNotContain("access_token");
        } finally {
            env.store().server().start();
        }

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Page page = pages.login(env.browser(), username, "otto-pass");
                    assertThat(page.redirectParameter("code")).as(page.text()).isPresent();
                });
        assertThat(grant(username).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("an account Keycloak has cached: its direct grant answers 503 too, not a 500; its refresh goes on"
            + " (no status can change while the store is down)")
    void cachedAccountDirectGrant() {
        String username = Names.unique("cached");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("otto-pass")
                .create();
        HttpResponse<String> granted = grant(username);
        assertThat(granted.statusCode()).isEqualTo(200);
        String refreshToken = Oidc.json(granted.body()).get("refresh_token").asText();

        env.store().server().stop();
        try {
            HttpResponse<String> grant = grant(username);
            assertThat(grant.statusCode()).as(grant.body()).isEqualTo(503);
            assertThat(Oidc.json(grant.body()).get("error").asText()).isEqualTo("temporarily_unavailable");
            HttpResponse<String> refreshed = new StatusApi(env).refresh(refreshToken);
            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        } finally {
            env.store().server().start();
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(grant(username).statusCode()).isEqualTo(200));
    }

    private HttpResponse<String> grant(String username) {
        return env.oidc("gatehouse").passwordGrant("demo-api", "demo-api-secret", username, "otto-pass");
    }
}
