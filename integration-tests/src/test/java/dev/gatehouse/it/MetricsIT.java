package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Gatehouse's counters on Keycloak's metrics endpoint ({@code --metrics-enabled=true}). */
@ExtendWith(GatehouseExtension.class)
@DisplayName("Metrics: Gatehouse's counters on Keycloak's /metrics")
class MetricsIT {

    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)}\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final GatehouseEnvironment env;
    private final LoginPages pages;
    private final StatusApi status;
    private final ApiKeys keys;

    MetricsIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
        this.status = new StatusApi(env);
        this.keys = status.api();
    }

    @Test
    @DisplayName("refused logins count by reason: wrong password (browser and direct grant), banned")
    void deniedLogins() {
        // Two accounts: two quick failures would lock the first one out (brute-force detection).
        String username = Names.unique("metered");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("metered-pass")
                .create();
        String bannedName = Names.unique("metered-banned");
        UUID banned = env.store()
                .account(bannedName)
                .email(bannedName + "@it.test")
                .password("metered-pass")
                .create();
        double invalidBefore = value("gatehouse_logins_denied_total", "reason", "invalid_credentials");
        double bannedBefore = value("gatehouse_logins_denied_total", "reason", "banned");
        double bannedAccountsBefore = value("gatehouse_accounts_status_changed_total", "status", "banned");

        pages.login(env.browser(), username, "wrong-pass");
        status.grant(username, "wrong-pass", false);
        assertThat(status.ban(banned, "metrics test").statusCode()).isEqualTo(200);
        assertThat(pages.login(env.browser(), bannedName, "metered-pass").status())
                .isEqualTo(403);

        assertThat(value("gatehouse_logins_denied_total", "reason", "invalid_credentials") - invalidBefore)
                .isEqualTo(2.0);
        assertThat(value("gatehouse_logins_denied_total", "reason", "banned") - bannedBefore)
                .isEqualTo(1.0);
        assertThat(value("gatehouse_accounts_status_changed_total", "status", "banned") - bannedAccountsBefore)
                .isEqualTo(1.0);
    }

    @Test
    @DisplayName("API-key checks count as ok and failed")
    void apiKeyChecks() {
        String username = Names.unique("metered-key");
        UUID id = env.store().account(username).email(username + "@it.test").create();
        ApiKeys.Created key = keys.create(id, "metrics");
        double okBefore = value("gatehouse_api_key_checks_total", "result", "ok");
        double failedBefore = value("gatehouse_api_key_checks_total", "result", "failed");

        assertThat(keys.checkForm(username, key.key()).statusCode()).isEqualTo(200);
        assertThat(keys.checkForm(username, key.key() + "x").statusCode()).isEqualTo(401);
        assertThat(keys.checkForm(username, "not-a-key").statusCode()).isEqualTo(401);

        assertThat(value("gatehouse_api_key_checks_total", "result", "ok") - okBefore)
                .isEqualTo(1.0);
        assertThat(value("gatehouse_api_key_checks_total", "result", "failed") - failedBefore)
                .isEqualTo(2.0);
    }

    @Test
    @DisplayName("an identifier of a linked account counts as a unified redirect")
    void unifiedRedirects() {
        String username = Names.unique("metered-linked");
        String email = username + "@central.test";
        String subject = new CentralUsers(env).create(username + "-c", email, true, "central-pass");
        env.store().account(username).email(email).centralSubject(subject).create();
        double before = value("gatehouse_unified_redirects_total", null, null);

        BrowserClient browser = env.browser();
        assertThat(pages.identify(browser, username).uri().getPath()).startsWith("/realms/console/");

        assertThat(value("gatehouse_unified_redirects_total", null, null) - before)
                .isEqualTo(1.0);
    }

    @Test
    @DisplayName("a signup counts as pending, its confirmation as confirmed; an unconfirmed login by its reason")
    void signups() {
        String username = Names.unique("metered-signup");
        String email = username + "@it.test";
        double pendingBefore = value("gatehouse_signups_total", "stage", "pending");
        double confirmedBefore = value("gatehouse_signups_total", "stage", "confirmed");
        double unconfirmedBefore = value("gatehouse_logins_denied_total", "reason", "email_not_confirmed");

        assertThat(new Signups(env).signUp(username, email, "signup-pass").status())
                .isEqualTo(200);
        assertThat(pages.login(env.browser(), username, "signup-pass").status()).isEqualTo(403);
        assertThat(Signups.confirm(env, Signups.link(Signups.confirmationMail(env, email, 1)))
                        .status())
                .isEqualTo(200);

        assertThat(value("gatehouse_signups_total", "stage", "pending") - pendingBefore)
                .isEqualTo(1.0);
        assertThat(value("gatehouse_signups_total", "stage", "confirmed") - confirmedBefore)
                .isEqualTo(1.0);
        assertThat(value("gatehouse_logins_denied_total", "reason", "email_not_confirmed") - unconfirmedBefore)
                .isEqualTo(1.0);
    }

    /**
     * The sample of {@code name} for realm {@code gatehouse} whose label {@code key} is {@code
     * expected} (no filter when {@code key} is null); 0 when the counter has not been created yet.
     */
    private double value(String name, String key, String expected) {
        double total = 0;
        for (String line : scrape().split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> labels = labels(sample.group(2));
            if ("gatehouse".equals(labels.get("realm")) && (key == null || expected.equals(labels.get(key)))) {
                total += Double.parseDouble(sample.group(3));
            }
        }
        return total;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher label = LABEL.matcher(text);
        while (label.find()) {
            labels.put(label.group(1), label.group(2));
        }
        return labels;
    }

    private String scrape() {
        return env.metrics();
    }
}
