package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Page;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("Hostile input gets a clear answer, never a 500, and changes nothing")
class BadInputIT {

    private static final List<String> PAYLOADS = List.of(
            "' OR '1'='1' --",
            "'; DROP TABLE account; --",
            "${7*7} <#assign x=1> #{7*7}",
            "<script>alert(1)</script>",
            "a".repeat(300),
            "nul\u0000byte",
            "bell\u0007",
            "%_\\*",
            "   ",
            "\uD83D\uDE00 emoji");

    private final GatehouseEnvironment env;
    private final LoginPages pages;

    BadInputIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
    }

    @Test
    @DisplayName("identifiers and passwords: the same generic answers, markup escaped, no account rows touched")
    void loginForms() {
        int accounts = env.store().countAccounts();
        for (String payload : PAYLOADS) {
            BrowserClient browser = env.browser();
            Page afterIdentifier = pages.identify(browser, payload);
            assertThat(afterIdentifier.status()).as(payload).isLessThan(500);
            assertThat(afterIdentifier.body()).as(payload).doesNotContain("<script>alert(1)</script>");
            if (LoginPages.isPasswordPage(afterIdentifier)) {
                Page afterPassword =
                        browser.submit(afterIdentifier.form(LoginPages.FORM).fill("password", payload));
                assertThat(afterPassword.status()).as(payload).isLessThan(500);
                assertThat(afterPassword.leftServerTo()).as(payload).isEmpty();
                assertThat(afterPassword.body()).as(payload).doesNotContain("<script>alert(1)</script>");
                if (afterPassword.status() == 200) {
                    assertThat(LoginPages.inputError(afterPassword))
                            .as(payload)
                            .isEqualTo("Invalid username or password.");
                    // Echoed as typed: neither evaluated as a template nor interpreted as markup (an
                    // HTML parser, the browser's as jsoup's, reads a NUL character as U+FFFD).
                    assertThat(LoginPages.attemptedUsername(afterPassword))
                            .as(payload)
                            .isEqualTo(payload.strip().replace('\u0000', '\uFFFD'));
                }
            } else {
                assertThat(afterIdentifier.text()).as(payload).contains("Enter your username or e-mail address.");
            }
        }
        assertThat(env.store().countAccounts()).isEqualTo(accounts);
    }

    @Test
    @DisplayName("direct grant and admin search answer 4xx or 200, never 5xx")
    void apis() {
        for (String payload : PAYLOADS) {
            HttpResponse<String> grant =
                    env.oidc("gatehouse").passwordGrant("demo-api", "demo-api-secret", payload, payload);
            assertThat(grant.statusCode()).as(payload).isBetween(400, 499);
            assertThat(grant.body()).as(payload).doesNotContain("access_token");

            HttpResponse<String> search = env.admin()
                    .get("gatehouse/users?max=5&search=" + URLEncoder.encode(payload, StandardCharsets.UTF_8));
            assertThat(search.statusCode()).as(payload).isLessThan(500);
        }
    }
}
