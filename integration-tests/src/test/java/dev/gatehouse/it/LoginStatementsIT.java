package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.AccountStore.StatementCount;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Page;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Counts, on the database side, what one login costs the account store. */
@ExtendWith(GatehouseExtension.class)
@DisplayName("A password login reads the account store at most three times")
class LoginStatementsIT {

    private final GatehouseEnvironment env;
    private final LoginPages pages;

    LoginStatementsIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
    }

    @Test
    @DisplayName("browser login of an account Keycloak has not cached, code exchange included")
    void browserLoginOfUncachedAccount() {
        String username = Names.unique("sql");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("sql-pass")
                .create();
        var browser = env.browser();
        Page form = pages.open(browser);

        env.store().resetStatementStatistics();
        Page result = browser.submit(
                form.form("#kc-form-login").fill("username", username).fill("password", "sql-pass"));
        String code = result.redirectParameter("code").orElseThrow();
        assertThat(env.oidc("gatehouse")
                        .exchangeCode(LoginPages.CLIENT, LoginPages.REDIRECT, code)
                        .statusCode())
                .isEqualTo(200);
        StatementCount count = env.store().statementsSinceReset();

        System.out.printf("gatehouse.sql_statements_per_login data=%d all=%d%n", count.data(), count.all());
        assertThat(count.data()).isBetween(1L, 3L);
    }
}
