package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.store.PasswordHasher;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(GatehouseExtension.class)
@DisplayName("The password step")
class PasswordStepIT {

    private static final String GENERIC = "Invalid username or password.";

    private final GatehouseEnvironment env;
    private final LoginPages pages;

    PasswordStepIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
    }

    @Test
    @DisplayName("brute force locks the account out with the generic message an unknown identifier gets")
    void bruteForceLockout() {
        String username = Names.unique("brute");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("right-pass")
                .create();

        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(LoginPages.inputError(pages.login(env.browser(), username, "wrong-" + attempt)))
                    .isEqualTo(GENERIC);
        }
        Page locked = pages.login(env.browser(), username, "right-pass");
        Page unknown = pages.login(env.browser(), Names.unique("nobody"), "right-pass");

        assertThat(locked.redirectParameter("code")).isEmpty();
        assertThat(LoginPages.inputError(locked)).isEqualTo(GENERIC).isEqualTo(LoginPages.inputError(unknown));
        assertThat(locked.status()).isEqualTo(unknown.status());
    }

    @Test
    @DisplayName(
            "terminated, banned and sub-users of banned accounts are refused, and told so only after the right password")
    void blockedAccounts() {
        String parent = Names.unique("banned-parent");
        var parentId = env.store()
                .account(parent)
                .password("pw-1")
                .status("banned", "abuse")
                .create();
        String sub = Names.unique("banned-child");
        env.store().account(sub).password("pw-1").parent(parentId).create();
        String terminated = Names.unique("terminated");
        env.store()
                .account(terminated)
                .password("pw-1")
                .status("terminated", "billing")
                .create();

        var expected = java.util.Map.of(
                parent, BlockedPage.Kind.BANNED,
                sub, BlockedPage.Kind.BANNED,
                terminated, BlockedPage.Kind.TERMINATED);
        for (String username : List.of(parent, sub, terminated)) {
            Page wrong = pages.login(env.browser(), username, "pw-2");
            assertThat(LoginPages.inputError(wrong)).as(username).isEqualTo(GENERIC);
            assertThat(wrong.text()).doesNotContain("disabled");
            assertThat(BlockedPage.isBlockedPage(wrong)).as(username).isFalse();

            BlockedPage right = BlockedPage.of(pages.login(env.browser(), username, "pw-1"), expected.get(username));
            assertThat(right.troubleshootingLink())
                    .as(username)
                    .contains("/realms/gatehouse/gatehouse/troubleshooting?reason=")
                    .endsWith("#" + expected.get(username).section);
            assertThat(env.oidc("gatehouse")
                            .passwordGrant("demo-api", "demo-api-secret", username, "pw-1")
                            .body())
                    .as(username)
                    .doesNotContain("access_token");
        }
    }

    /**
     * Timing figures printed (no timing assertion), and the work asserted: each sample, unknown
     * identifier or wrong password, pays exactly one password hash.
     */
    @Test
    @DisplayName("unknown identifier and wrong password pay one password hash each (30 of each, medians printed)")
    void onePasswordHashEach() {
        // Store hashes at the realm's cost, as real legacy rows have them, so both paths pay one bcrypt.
        String hash = new PasswordHasher(10).hash("right-pass");
        PasswordHashes hashes = new PasswordHashes(env);
        List<Double> unknown = new ArrayList<>();
        List<Double> wrong = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // A fresh account each time, so that brute-force detection never shortens a sample.
            String username = Names.unique("timed");
            env.store().account(username).passwordHash(hash).create();
            wrong.add(passwordMillis(hashes, username));
            unknown.add(passwordMillis(hashes, Names.unique("ghost")));
        }
        System.out.printf(
                "gatehouse.bench unknown_identifier_median_ms=%.1f wrong_password_median_ms=%.1f%n",
                median(unknown), median(wrong));
    }

    private double passwordMillis(PasswordHashes hashes, String identifier) {
        BrowserClient browser = env.browser();
        Page passwordPage = pages.identify(browser, identifier);
        double before = hashes.total();
        long start = System.nanoTime();
        Page failed = browser.submit(passwordPage.form(LoginPages.FORM).fill("password", "wrong-pass"));
        double millis = (System.nanoTime() - start) / 1e6;
        assertThat(hashes.total() - before).as(identifier).isEqualTo(1.0);
        assertThat(LoginPages.inputError(failed)).isEqualTo(GENERIC);
        return millis;
    }

    private static double median(List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    }
}
