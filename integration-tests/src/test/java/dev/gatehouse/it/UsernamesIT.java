package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import java.net.http.HttpResponse;
import java.text.Normalizer;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Usernames can be anything")
class UsernamesIT {

    private final GatehouseEnvironment env;
    private final LoginPages pages;

    UsernamesIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
    }

    @Test
    @DisplayName("Zoë O'Brien & <Co> logs in by any letter case and any Unicode normalisation")
    void anyCase() {
        String username = zoe();

        for (String typed : new String[] {
            username.toUpperCase(Locale.ROOT),
            username.toLowerCase(Locale.ROOT),
            Normalizer.normalize(username, Normalizer.Form.NFD)
        }) {
            Page result = pages.login(env.browser(), typed, "zoe-pass");
            String code = result.redirectParameter("code")
                    .orElseThrow(() -> new AssertionError("no login as " + typed + ": " + result.text()));
            HttpResponse<String> tokens =
                    env.oidc("gatehouse").exchangeCode(LoginPages.CLIENT, LoginPages.REDIRECT, code);
            JsonNode claims =
                    Oidc.claims(Oidc.json(tokens.body()).get("id_token").asText());
            assertThat(claims.get("preferred_username").asText()).isEqualTo(username.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    @DisplayName("the login page echoes the username escaped, never as markup")
    void echoedEscaped() {
        String username = zoe();

        Page page = pages.login(env.browser(), username, "wrong-pass");

        assertThat(LoginPages.attemptedUsername(page)).isEqualTo(username);
        assertThat(page.body()).doesNotContain("<Co>").contains("&lt;Co&gt;");
        assertThat(page.document().select("Co")).isEmpty();
    }

    @Test
    @DisplayName("the admin API shows the username as typed next to Keycloak's lower-cased one")
    void spellingKept() {
        String username = zoe();

        JsonNode users = env.admin()
                .json("gatehouse/users?exact=true&username="
                        + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8));

        assertThat(users).hasSize(1);
        assertThat(users.get(0).get("username").asText()).isEqualTo(username.toLowerCase(Locale.ROOT));
        assertThat(users.get(0).at("/attributes/gatehouseUsername/0").asText()).isEqualTo(username);
    }

    /** A store account named like SPEC's demo user, made unique; its password is {@code zoe-pass}. */
    private String zoe() {
        String username = "Zoë O'Brien & <Co> " + Names.unique("");
        env.store()
                .account(username)
                .email(Names.unique("zoe") + "@it.test")
                .password("zoe-pass")
                .create();
        return username;
    }
}
