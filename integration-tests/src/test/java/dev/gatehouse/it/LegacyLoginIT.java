package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Store accounts log in with their legacy bcrypt passwords")
class LegacyLoginIT {

    private final GatehouseEnvironment env;
    private final LoginPages pages;

    LegacyLoginIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
    }

    @Test
    @DisplayName("browser flow: the authorization code is exchanged for tokens of the store account")
    void browserLogin() {
        String username = Names.unique("ann");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("ann-pass")
                .create();

        BrowserClient browser = env.browser();
        Page result = pages.login(browser, username, "ann-pass");

        String code = result.redirectParameter("code").orElseThrow(() -> new AssertionError(result.body()));
        HttpResponse<String> tokens = env.oidc("gatehouse").exchangeCode(LoginPages.CLIENT, LoginPages.REDIRECT, code);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode claims = Oidc.claims(Oidc.json(tokens.body()).get("id_token").asText());
        assertThat(claims.get("preferred_username").asText()).isEqualTo(username);
    }

    @Test
    @DisplayName("direct grant with demo-api issues tokens of the store account")
    void directGrant() {
        String username = Names.unique("dan");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("dan-pass")
                .create();

        HttpResponse<String> tokens =
                env.oidc("gatehouse").passwordGrant("demo-api", "demo-api-secret", username, "dan-pass");

        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode claims =
                Oidc.claims(Oidc.json(tokens.body()).get("access_token").asText());
        assertThat(claims.get("preferred_username").asText()).isEqualTo(username);
    }
}
