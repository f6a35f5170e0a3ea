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

    @Test
    @DisplayName("\u217Cegacy (U+217C) logs in as legacy; \u217Cegacy, legacy\u200B and legacy\u202E cannot sign up")
    void lookAlikesCollideOrAreRefused() {
        String legacy = Names.unique("legacy");
        env.store()
                .account(legacy)
                .email(Names.unique("legacy") + "@it.test")
                .password("legacy-pass")
                .create();
        String lookAlike = "\u217C" + legacy.substring(1);

        Page result = pages.login(env.browser(), lookAlike, "legacy-pass");

        String code = result.redirectParameter("code").orElseThrow(() -> new AssertionError(result.text()));
        JsonNode claims = Oidc.claims(Oidc.json(env.oidc("gatehouse")
                        .exchangeCode(LoginPages.CLIENT, LoginPages.REDIRECT, code)
                        .body())
                .get("id_token")
                .asText());
        assertThat(claims.get("preferred_username").asText()).isEqualTo(legacy);

        assertTakenSignup(lookAlike);
        assertThat(refusedSignup(legacy + "\u200B")).contains("cannot contain invisible characters");
        assertThat(refusedSignup(legacy + "\u202E")).contains("cannot contain invisible characters");
        assertThat(refusedSignup("l\u0435" + legacy.substring(2))).contains("cannot mix look-alike letters");
        assertThat(env.store().row(legacy)).as("the one account of that key").isPresent();
    }

    @Test
    @DisplayName("an address several accounts share, and any account's address, cannot become a username")
    void addressesAreNotUsernames() {
        String shared = Names.unique("parent") + "@it.test";
        java.util.UUID parent = env.store()
                .account(Names.unique("parent"))
                .email(shared)
                .password("parent-pass")
                .create();
        env.store().account(Names.unique("sub")).email(shared).parent(parent).create();
        env.store().account(Names.unique("sub")).email(shared).parent(parent).create();
        String own = Names.unique("single") + "@it.test";
        env.store().account(Names.unique("single")).email(own).password("pw").create();

        assertTakenSignup(shared);
        assertTakenSignup(shared.toUpperCase(Locale.ROOT));
        assertTakenSignup(own);
    }

    @Test
    @DisplayName("an address that is an account's username signs nobody up: the form answers as for a taken address")
    void usernamesAreNotAddresses() {
        String username = Names.unique("victim") + "@it.test";
        env.store()
                .account(username)
                .email(Names.unique("other") + "@it.test")
                .password("pw")
                .create();
        String newcomer = Names.unique("newcomer");

        Page page = new Signups(env).signUp(newcomer, username.toUpperCase(Locale.ROOT), "pw-1-long-enough");

        assertThat(page.text()).as(page.body()).contains(Signups.SENT);
        assertThat(env.store().pendingSignups(newcomer)).isZero();
    }

    /**
     * Signs up with this username and a fresh address: the form answers as for any signup (SPEC
     * P2.6: it never says a username is taken), nothing is reserved, and the address is told by
     * e-mail to choose another username.
     */
    private void assertTakenSignup(String username) {
        String email = Names.unique("field") + "@it.test";
        Page page = new Signups(env).signUp(username, email, "pw-1-long-enough");
        assertThat(page.text()).as(page.body()).contains(Signups.SENT);
        assertThat(env.store().pendingSignupsForEmail(email)).isZero();
        assertThat(env.store().rowsByEmail(email)).isEmpty();
        jakarta.mail.internet.MimeMessage mail = env.mail()
                .awaitMessagesTo(email, 1, java.time.Duration.ofSeconds(30))
                .get(0);
        try {
            assertThat(mail.getSubject()).contains("Choose another username");
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Signs up with this username and a fresh address: nothing may be reserved. The answer is the
     * username's field error, which this returns (empty when the form answered otherwise).
     */
    private String refusedSignup(String username) {
        String email = Names.unique("field") + "@it.test";
        Page page = new Signups(env).signUp(username, email, "pw-1-long-enough");
        assertThat(env.store().pendingSignupsForEmail(email)).as(page.body()).isZero();
        assertThat(env.store().rowsByEmail(email)).isEmpty();
        return Signups.fieldError(page, "username");
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
