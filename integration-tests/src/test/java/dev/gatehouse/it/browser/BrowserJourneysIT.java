package dev.gatehouse.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.it.CentralUsers;
import dev.gatehouse.it.Names;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.MailServer;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The user journeys of the login theme in headless Chromium (issue 7): each test is one journey,
 * in a browser of its own, named after the screenshot it leaves in {@code target/screenshots/}.
 * Every page on the way is audited with axe-core by {@link Journey}.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("Login journeys in headless Chromium")
class BrowserJourneysIT {

    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    private final GatehouseEnvironment env;
    private final LoginScreens screens;

    BrowserJourneysIT(GatehouseEnvironment env) {
        this.env = env;
        this.screens = new LoginScreens(env);
    }

    @Test
    @DisplayName("legacy login: identifier, password, back at the app with a code")
    void legacyLogin() {
        String username = Names.unique("legacy");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("legacy-pass")
                .create();

        try (Journey journey = screens.journey("legacy-login")) {
            screens.identify(journey, username);
            assertThat(journey.find(LoginScreens.ATTEMPTED).getAttribute("value"))
                    .isEqualTo(username);
            journey.type(LoginScreens.PASSWORD, "legacy-pass").screenshot();
            journey.click(LoginScreens.SUBMIT);

            assertThat(journey.url().toString())
                    .startsWith(LoginScreens.REDIRECT)
                    .contains("code=");
        }
    }

    @Test
    @DisplayName("unified login: the identifier leads to the central login with the hint, and back as the account")
    void unifiedRedirectAndReturn() {
        String username = Names.unique("unified");
        String email = username + "@central.test";
        String subject = new CentralUsers(env).create(username + "-c", email, true, "central-pass");
        env.store().account(username).email(email).centralSubject(subject).create();

        try (Journey journey = screens.journey("unified-login")) {
            // The address as typed is the hint (SPEC P1.2); a typed username would give none.
            screens.identify(journey, email);
            assertThat(journey.url().getPath()).startsWith("/realms/console/");
            assertThat(journey.find("#username").getAttribute("value")).isEqualTo(email);
            journey.type(LoginScreens.PASSWORD, "central-pass").screenshot();
            journey.click(LoginScreens.SUBMIT);

            assertThat(journey.url().toString())
                    .startsWith(LoginScreens.REDIRECT)
                    .contains("code=");
        }
    }

    @Test
    @DisplayName("wrong password: the generic error, tied to the field, with its troubleshooting link")
    void wrongPassword() {
        String username = Names.unique("wrong");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("right-pass")
                .create();

        try (Journey journey = screens.journey("wrong-password")) {
            screens.login(journey, username, "wrong-pass");

            assertThat(screens.fieldError(journey, "password")).isEqualTo("Invalid username or password.");
            assertThat(screens.troubleshootingAnchor(journey)).isEqualTo("invalid-credentials");
            journey.screenshot();
        }
    }

    @Test
    @DisplayName("terminated: after the right password, the non-payment page linked to billing-terminated")
    void terminated() {
        String username = Names.unique("deadbeat");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("deadbeat-pass")
                .status("terminated", "billing")
                .create();

        try (Journey journey = screens.journey("terminated")) {
            screens.login(journey, username, "deadbeat-pass");

            assertThat(journey.find("h1").getText()).isEqualTo("Account terminated for non-payment");
            assertThat(screens.troubleshootingAnchor(journey)).isEqualTo("billing-terminated");
            journey.screenshot();
        }
    }

    @Test
    @DisplayName("banned: after the right password, the ban page linked to account-banned")
    void banned() {
        String username = Names.unique("banned");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("banned-pass")
                .status("banned", "spam")
                .create();

        try (Journey journey = screens.journey("banned")) {
            screens.login(journey, username, "banned-pass");

            assertThat(journey.find("h1").getText()).isEqualTo("This account has been banned");
            assertThat(screens.troubleshootingAnchor(journey)).isEqualTo("account-banned");
            journey.screenshot();
        }
    }

    @Test
    @DisplayName("forgot username: the link on the identifier page, the form, the same answer, the e-mail")
    void forgotUsername() {
        String username = Names.unique("forgetful");
        String email = username + "@it.test";
        env.store().account(username).email(email).password("pw").create();

        try (Journey journey = screens.journey("forgot-username")) {
            journey.open(screens.loginUrl()).click("#gatehouse-forgot-username");
            journey.type("#email", email).click(LoginScreens.SUBMIT);

            assertThat(journey.find("#gatehouse-forgot-username-sent").getText())
                    .isEqualTo("If an account exists for that address, we've sent its username.");
            assertThat(screens.troubleshootingAnchor(journey)).isEqualTo("usernames");
            journey.screenshot();
        }
        assertThat(env.mail().awaitMessagesTo(email, 1, Duration.ofSeconds(20))).hasSize(1);
    }

    @Test
    @DisplayName("signup to confirmation: the form, \"check your e-mail\", the link, then a login")
    void signupToConfirmation() {
        String username = Names.unique("Zoë & <Co> signup");
        String email = Names.unique("signup") + "@it.test";

        try (Journey journey = screens.journey("signup")) {
            journey.open(screens.loginUrl()).click("#kc-registration a");
            journey.type("#username", username)
                    .type("#email", email)
                    .type("#password", "signup-pass")
                    .type("#password-confirm", "signup-pass")
                    .screenshot();
            journey.click("#kc-submit");
            assertThat(journey.find("#gatehouse-signup-sent").getText()).contains(email);
            journey.screenshot();

            String link = MailServer.links(env.mail()
                            .awaitMessagesTo(email, 1, Duration.ofSeconds(20))
                            .get(0))
                    .stream()
                    .filter(candidate -> candidate.contains("/gatehouse/confirm-email?key="))
                    .findFirst()
                    .orElseThrow();
            journey.open(link);
            journey.screenshot();
            journey.click("#gatehouse-confirm-button");
            assertThat(journey.find("#gatehouse-email-confirmed").getText()).contains(username);
            journey.assertNoMarkupFrom(username);
        }
        try (Journey journey = screens.journey("signup-login")) {
            screens.login(journey, username, "signup-pass");
            assertThat(journey.url().toString())
                    .startsWith(LoginScreens.REDIRECT)
                    .contains("code=");
        }
    }

    @Test
    @DisplayName("unconfirmed address: after the right password, the page says so and resends the link")
    void unconfirmed() {
        String username = Names.unique("unconfirmed");
        String email = username + "@it.test";
        env.store()
                .account(username)
                .email(email)
                .emailUnconfirmed()
                .password("unconfirmed-pass")
                .create();

        try (Journey journey = screens.journey("unconfirmed")) {
            screens.login(journey, username, "unconfirmed-pass");
            assertThat(journey.find("h1").getText()).isEqualTo("You haven't confirmed your email address");
            assertThat(screens.troubleshootingAnchor(journey)).isEqualTo("email-not-confirmed");
            journey.screenshot();
            journey.click("#gatehouse-resend");
            assertThat(journey.find("#gatehouse-resend-sent").getText()).contains(email);
            assertThat(env.mail().awaitMessagesTo(email, 1, Duration.ofSeconds(20)))
                    .hasSize(1);
        }
    }

    @Test
    @DisplayName("login history: a failed and a successful login of the user, with IP address and application")
    void loginHistory() {
        String username = Names.unique("history");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("history-pass")
                .create();
        try (Journey failed = screens.journey("login-history-failed")) {
            screens.login(failed, username, "wrong-pass");
            assertThat(screens.fieldError(failed, "password")).isEqualTo("Invalid username or password.");
        }

        try (Journey journey = screens.journey("login-history")) {
            screens.login(journey, username, "history-pass");
            assertThat(journey.url().toString()).startsWith(LoginScreens.REDIRECT);
            journey.open(env.baseUrl() + "/realms/gatehouse/gatehouse/login-history");

            java.util.List<String> rows = journey.all("#gatehouse-logins tbody tr").stream()
                    .map(org.openqa.selenium.WebElement::getText)
                    .toList();
            assertThat(rows).anyMatch(row -> row.contains("Logged in") && isLoopback(row) && row.contains("demo-app"));
            assertThat(rows).anyMatch(row -> row.contains("Failed") && isLoopback(row) && row.contains("demo-app"));
            journey.screenshot();
        }
    }

    /** Chromium reaches localhost over IPv4 or IPv6: a row shows the loopback address either way. */
    private static boolean isLoopback(String row) {
        return row.contains("127.0.0.1") || row.contains("0:0:0:0:0:0:0:1") || row.matches(".*(^|\\s)::1(\\s|$).*");
    }

    @Test
    @DisplayName("troubleshooting ?reason=: the section is marked and in view; the feedback records an event")
    void troubleshootingReason() {
        try (Journey journey = screens.journey("troubleshooting")) {
            journey.open(screens.troubleshootingUrl() + "?reason=account-banned");

            assertThat(journey.all(".gatehouse-highlighted"))
                    .singleElement()
                    .satisfies(section -> assertThat(section.getAttribute("id")).isEqualTo("account-banned"));
            assertThat(screens.inView(journey, "#account-banned")).isTrue();
            journey.screenshot();
            journey.click("#gatehouse-feedback button[value=yes]");

            assertThat(journey.find("#gatehouse-feedback-thanks").getText()).isEqualTo("Thank you for your feedback.");
        }
        JsonNode events = env.admin().json("gatehouse/events?type=CUSTOM_REQUIRED_ACTION&max=100");
        assertThat(events.findValuesAsText("gatehouse_feedback")).contains("yes");
    }

    @Test
    @DisplayName("a username that is HTML is shown as text on every error page and in the recovery e-mail")
    void hostileUsername() throws Exception {
        String unknown = Names.unique(HOSTILE);
        String active = arrange(Names.unique(HOSTILE), "active", null);
        String terminated = arrange(Names.unique(HOSTILE), "terminated", "billing");
        String banned = arrange(Names.unique(HOSTILE), "banned", "spam");

        for (String username : new String[] {unknown, active, terminated, banned}) {
            try (Journey journey = screens.journey("hostile-username")) {
                screens.login(journey, username, username.equals(unknown) || username.equals(active) ? "wrong" : "pw");

                assertThat(journey.find(LoginScreens.ATTEMPTED).getAttribute("value"))
                        .isEqualTo(username);
                journey.assertNoMarkupFrom(username);
                if (username.equals(active)) {
                    journey.screenshot();
                }
            }
        }
        String email = emailOf(active);
        try (Journey journey = screens.journey("hostile-username-mail")) {
            journey.open(screens.forgotUsernameUrl()).type("#email", email).click(LoginScreens.SUBMIT);
            var mail =
                    env.mail().awaitMessagesTo(email, 1, Duration.ofSeconds(20)).get(0);
            assertThat(MailServer.text(mail)).contains(active);

            journey.openHtml(MailServer.html(mail));

            assertThat(journey.text()).contains(active);
            journey.assertNoMarkupFrom(active);
        }
    }

    @Test
    @DisplayName("Deutsch from the language menu (kc_locale=de): the identifier, error and troubleshooting pages")
    void german() {
        String username = Names.unique("deutsch");
        env.store()
                .account(username)
                .email(username + "@it.test")
                .password("richtig")
                .create();

        try (Journey journey = screens.journey("german")) {
            journey.open(screens.loginUrl()).choose("#login-select-toggle", "kc_locale=de");
            assertThat(journey.url().getQuery()).contains("kc_locale=de");
            assertThat(journey.find("html").getAttribute("lang")).isEqualTo("de");
            assertThat(journey.find("#gatehouse-forgot-username").getText()).isEqualTo("Benutzernamen vergessen?");
            journey.type(LoginScreens.USERNAME, username).click(LoginScreens.SUBMIT);
            journey.type(LoginScreens.PASSWORD, "falsch").click(LoginScreens.SUBMIT);

            assertThat(screens.fieldError(journey, "password")).isEqualTo("Ungültiger Benutzername oder Passwort.");
            assertThat(journey.find("html").getAttribute("lang")).isEqualTo("de");
            journey.screenshot();
            journey.click(LoginScreens.TROUBLESHOOTING_LINK);

            assertThat(journey.find("h1").getText()).isEqualTo("Probleme bei der Anmeldung?");
            assertThat(journey.find("html").getAttribute("lang")).isEqualTo("de");
            journey.choose("#login-select-toggle", "kc_locale=en");

            assertThat(journey.find("h1").getText()).isEqualTo("Trouble signing in?");
            assertThat(journey.find("html").getAttribute("lang")).isEqualTo("en");
        }
    }

    /** A store account with password "pw" and an address of its own. */
    private String arrange(String username, String status, String reason) {
        env.store()
                .account(username)
                .email(emailOf(username))
                .password("pw")
                .status(status, reason)
                .create();
        return username;
    }

    private static String emailOf(String hostileUsername) {
        return "hostile" + hostileUsername.substring(HOSTILE.length()) + "@it.test";
    }
}
