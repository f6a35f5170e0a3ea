package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client-policy executor {@code gatehouse-account-status}: a status change that no session
 * purge followed (as when a ban commits while a login that read the old status is still creating
 * its session) still stops every token, refresh, code exchange and userinfo call. The tests change
 * the store row directly, so that neither Keycloak's sessions nor its user cache hear of it.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("Token status gate: the store's status is read again as every token is issued or used")
class TokenStatusGateIT {

    private static final String PASSWORD = "gate-pass";

    private final GatehouseEnvironment env;
    private final StatusApi status;
    private final LoginPages pages;

    TokenStatusGateIT(GatehouseEnvironment env) {
        this.env = env;
        this.status = new StatusApi(env);
        this.pages = new LoginPages(env);
    }

    @ParameterizedTest(name = "{0} behind Keycloak's back")
    @CsvSource({"banned, account-banned", "terminated, billing-terminated"})
    @DisplayName("a status change no purge followed: refresh, offline refresh, code exchange and userinfo refused,"
            + " the sessions ended")
    void statusChangedWithoutPurge(String newStatus, String section) {
        String username = Names.unique("gate-" + newStatus);
        UUID account = env.store()
                .account(username)
                .email(username + "@it.test")
                .password(PASSWORD)
                .create();
        HttpResponse<String> granted = status.grant(username, PASSWORD, false);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        String accessToken = Oidc.json(granted.body()).get("access_token").asText();
        String refreshToken = Oidc.json(granted.body()).get("refresh_token").asText();
        String offlineToken = status.refreshToken(username, PASSWORD, true);
        String code = pages.login(env.browser(), username, PASSWORD)
                .redirectParameter("code")
                .orElseThrow();
        assertThat(status.refresh(refreshToken).statusCode()).isEqualTo(200);

        env.store().writeStatus(account, newStatus, "set behind Keycloak");

        for (HttpResponse<String> refused : java.util.List.of(
                status.refresh(refreshToken),
                status.refresh(offlineToken),
                env.oidc(ApiKeys.REALM).exchangeCode(LoginPages.CLIENT, LoginPages.REDIRECT, code))) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            JsonNode error = Oidc.json(refused.body());
            assertThat(error.get("error").asText()).isEqualTo("invalid_grant");
            assertThat(error.get("error_description").asText())
                    .contains(newStatus)
                    .contains("/gatehouse/troubleshooting?reason=" + section);
        }
        HttpResponse<String> userInfo = env.oidc(ApiKeys.REALM).userInfo(accessToken);
        assertThat(userInfo.statusCode()).as(userInfo.body()).isEqualTo(401);
        assertThat(status.sessions(username)).as("online sessions left").isEmpty();
        assertThat(status.refresh(offlineToken).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("an active account's refresh, code exchange and userinfo go through the gate untouched")
    void activeAccountUntouched() {
        String username = Names.unique("gate-active");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password(PASSWORD)
                .create();
        HttpResponse<String> granted = status.grant(username, PASSWORD, false);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        HttpResponse<String> refreshed =
                status.refresh(Oidc.json(granted.body()).get("refresh_token").asText());
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        HttpResponse<String> userInfo = env.oidc(ApiKeys.REALM)
                .userInfo(Oidc.json(refreshed.body()).get("access_token").asText());
        assertThat(userInfo.statusCode()).as(userInfo.body()).isEqualTo(200);
        String code = pages.login(env.browser(), username, PASSWORD)
                .redirectParameter("code")
                .orElseThrow();
        HttpResponse<String> exchanged =
                env.oidc(ApiKeys.REALM).exchangeCode(LoginPages.CLIENT, LoginPages.REDIRECT, code);
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
    }
}
