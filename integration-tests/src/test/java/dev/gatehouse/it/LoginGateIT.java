package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one login gate of SPEC S1 and issue 15: per path, one password hash per attempt whatever the
 * identifier names and whatever its state, and the same answer for every refusal before the
 * password is proven.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("The login gate: one hash per attempt, the same answer until the password is proven")
class LoginGateIT {

    private static final String PASSWORD = "gate-pass";
    private static final String WRONG = "wrong-pass";
    private static final String GENERIC = "Invalid username or password.";
    private static final String CONSOLE_IDP = "gatehouse/identity-provider/instances/console";

    private final GatehouseEnvironment env;
    private final LoginPages pages;
    private final PasswordHashes hashes;
    private final CentralUsers central;

    LoginGateIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
        this.hashes = new PasswordHashes(env);
        this.central = new CentralUsers(env);
    }

    /** One attempt: an identifier of some state and the password tried. */
    private record Attempt(String label, String identifier, String password) {}

    /**
     * Identifiers of every state, each its own, so that brute-force detection of one attempt never
     * touches another's; the password of each attempt (wrong, empty or right).
     */
    private List<Attempt> attempts(String path) {
        String active = name(path + "-active");
        String empty = name(path + "-empty");
        String unconfirmed = name(path + "-unconfirmed");
        String banned = name(path + "-banned");
        String terminated = name(path + "-terminated");
        String linkedKept = name(path + "-linked");
        String linkedGone = name(path + "-linked-nopw");
        String locked = name(path + "-locked");
        arrange(active, empty, unconfirmed, banned, terminated, linkedKept, linkedGone, locked);
        String pending = name(path + "-pending");
        new Signups(env).signUp(pending, pending + "@it.test", PASSWORD);
        lock(locked);
        return List.of(
                new Attempt("unknown", name(path + "-nobody"), WRONG),
                new Attempt("unknown, empty password", name(path + "-nobody"), ""),
                new Attempt("active, wrong password", active, WRONG),
                new Attempt("active, empty password", empty, ""),
                new Attempt("linked (legacy hash kept), right password", linkedKept, PASSWORD),
                new Attempt("linked (no password), a password", linkedGone, PASSWORD),
                new Attempt("pending signup, right password", pending, PASSWORD),
                new Attempt("pending signup, wrong password", pending, WRONG),
                new Attempt("unconfirmed, right password", unconfirmed, PASSWORD),
                new Attempt("unconfirmed, wrong password", unconfirmed, WRONG),
                new Attempt("temporarily locked, right password", locked, PASSWORD),
                new Attempt("temporarily locked, empty password", locked, ""),
                new Attempt("banned, right password", banned, PASSWORD),
                new Attempt("banned, wrong password", banned, WRONG),
                new Attempt("terminated, right password", terminated, PASSWORD),
                new Attempt("terminated, wrong password", terminated, WRONG));
    }

    @Test
    @DisplayName("direct grant: exactly one password hash per attempt, for every identifier and state")
    void directGrantOneHash() {
        for (Attempt attempt : attempts("dg")) {
            PasswordHashes.Counted<HttpResponse<String>> grant = hashes.around(() -> grant(attempt));
            System.out.printf(
                    "gatehouse.hashes path=direct_grant attempt=\"%s\" hashes=%.0f status=%d%n",
                    attempt.label(), grant.hashes(), grant.result().statusCode());
            assertThat(grant.hashes()).as(attempt.label()).isEqualTo(1.0);
            assertThat(grant.result().body()).as(attempt.label()).doesNotContain("access_token");
        }
    }

    @Test
    @DisplayName("browser password step: exactly one password hash per attempt, none on the identifier step")
    void browserOneHash() {
        List<Attempt> attempts = attempts("br");
        setCentralEnabled(false);
        try {
            for (Attempt attempt : attempts) {
                BrowserClient browser = env.browser();
                PasswordHashes.Counted<Page> identified =
                        hashes.around(() -> pages.identify(browser, attempt.identifier()));
                assertThat(identified.hashes()).as(attempt.label()).isZero();
                // With the central provider unavailable, a linked account falls back to the password step.
                assertThat(LoginPages.isPasswordPage(identified.result()))
                        .as(attempt.label())
                        .isTrue();
                PasswordHashes.Counted<Page> answered = hashes.around(() ->
                        browser.submit(identified.result().form(LoginPages.FORM).fill("password", attempt.password())));
                System.out.printf(
                        "gatehouse.hashes path=browser attempt=\"%s\" hashes=%.0f status=%d%n",
                        attempt.label(), answered.hashes(), answered.result().status());
                assertThat(answered.hashes()).as(attempt.label()).isEqualTo(1.0);
                assertThat(answered.result().redirectParameter("code"))
                        .as(attempt.label())
                        .isEmpty();
            }
        } finally {
            setCentralEnabled(true);
        }
    }

    @Test
    @DisplayName("before the password is proven every state answers like an unknown identifier, byte for byte")
    void sameAnswerUntilProven() {
        String active = name("same-active");
        String unconfirmed = name("same-unconf");
        String banned = name("same-banned");
        String termin = name("same-termin");
        arrange(active, "-", unconfirmed, banned, termin, "-", "-", "-");
        String pending = name("same-pendin");
        new Signups(env).signUp(pending, pending + "@it.test", PASSWORD);
        String unknown = name("same-nobody");

        Answer reference = browserAnswer(unknown, WRONG);
        assertThat(LoginPages.inputError(reference.page())).isEqualTo(GENERIC);
        HttpResponse<String> referenceGrant = grant(new Attempt("unknown", unknown, WRONG));
        assertThat(referenceGrant.statusCode()).isEqualTo(400);
        assertThat(Oidc.json(referenceGrant.body()).get("error_description").asText())
                .isEqualTo("Invalid user credentials");
        for (String identifier : List.of(active, unconfirmed, banned, termin, pending)) {
            Answer wrong = browserAnswer(identifier, WRONG);
            assertThat(wrong.page().status())
                    .as(identifier)
                    .isEqualTo(reference.page().status());
            assertThat(wrong.masked(identifier)).as(identifier).isEqualTo(reference.masked(unknown));
            assertThat(wrong.headers()).as(identifier).isEqualTo(reference.headers());

            HttpResponse<String> grant = grant(new Attempt(identifier, identifier, WRONG));
            assertThat(grant.statusCode()).as(identifier).isEqualTo(referenceGrant.statusCode());
            assertThat(grant.body()).as(identifier).isEqualTo(referenceGrant.body());
            assertThat(headers(grant.headers())).as(identifier).isEqualTo(headers(referenceGrant.headers()));
        }

        // A linked account's direct grant: like a wrong password, unless its kept legacy hash matches.
        String linkedGone = name("same-linkgo");
        String linkedKept = name("same-linkke");
        arrange("-", "-", "-", "-", "-", linkedKept, linkedGone, "-");
        for (Attempt attempt : List.of(
                new Attempt("linked, no password kept", linkedGone, PASSWORD),
                new Attempt("linked, legacy hash kept, wrong password", linkedKept, WRONG))) {
            HttpResponse<String> grant = grant(attempt);
            assertThat(grant.statusCode()).as(attempt.label()).isEqualTo(referenceGrant.statusCode());
            assertThat(grant.body()).as(attempt.label()).isEqualTo(referenceGrant.body());
            assertThat(headers(grant.headers())).as(attempt.label()).isEqualTo(headers(referenceGrant.headers()));
        }
        // Another account for the right password: the wrong one above counts toward Keycloak's
        // quick-login check, which locks an account whose next attempt follows within a second.
        String linkedRight = name("same-linkri");
        arrange("-", "-", "-", "-", "-", linkedRight, "-", "-");
        assertThat(grant(new Attempt("linked, legacy hash kept, right password", linkedRight, PASSWORD))
                        .body())
                .contains("central account");
    }

    @Test
    @DisplayName("the identifier step answers known and unknown identifiers byte for byte alike")
    void identifierStepAlike() {
        String active = name("ident-active");
        String unconfirmed = name("ident-unconf");
        String banned = name("ident-banned");
        String termin = name("ident-termin");
        arrange(active, "-", unconfirmed, banned, termin, "-", "-", "-");
        String pending = name("ident-pendin");
        new Signups(env).signUp(pending, pending + "@it.test", PASSWORD);
        String unknown = name("ident-nobody");

        Answer reference = identifierAnswer(unknown);
        assertThat(LoginPages.isPasswordPage(reference.page())).isTrue();
        for (String identifier : List.of(active, unconfirmed, banned, termin, pending, active + "@it.test")) {
            Answer known = identifierAnswer(identifier);
            assertThat(known.page().status())
                    .as(identifier)
                    .isEqualTo(reference.page().status());
            assertThat(known.masked(identifier)).as(identifier).isEqualTo(reference.masked(unknown));
            assertThat(known.headers()).as(identifier).isEqualTo(reference.headers());
        }
    }

    @Test
    @DisplayName("a linked account: its username redirects without login_hint, its e-mail with the e-mail as typed")
    void linkedLoginHint() {
        String username = name("hint");
        String email = username + "@Central.test";
        String subject = central.create(username + "-c", email.toLowerCase(), true, "central-pass");
        env.store().account(username).email(email).centralSubject(subject).create();

        BrowserClient byName = env.browser();
        Page fromUsername = pages.identify(byName, username);
        assertThat(fromUsername.uri().getPath()).startsWith("/realms/console/");
        assertThat(byName.lastHops())
                .isNotEmpty()
                .allSatisfy(uri -> assertThat(String.valueOf(uri.getRawQuery()))
                        .doesNotContain("login_hint")
                        .doesNotContainIgnoringCase(
                                java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8))
                        .doesNotContainIgnoringCase(email));
        assertThat(fromUsername.form(LoginPages.FORM).value("username")).isEmpty();

        BrowserClient byEmail = env.browser();
        Page fromEmail = pages.identify(byEmail, email);
        assertThat(fromEmail.uri().getPath()).startsWith("/realms/console/");
        assertThat(byEmail.lastHops())
                .anySatisfy(uri -> assertThat(uri.getRawQuery())
                        .contains("login_hint="
                                + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(fromEmail.form(LoginPages.FORM).value("username")).isEqualTo(email);
    }

    @Test
    @DisplayName(
            "a pending signup locks after the realm's failure count: then the right password fails like a wrong one")
    void pendingSignupLocks() {
        int failureFactor = env.admin().json("gatehouse").get("failureFactor").asInt();
        String pending = name("lockme");
        String email = pending + "@it.test";
        new Signups(env).signUp(pending, email, PASSWORD);

        for (int failure = 1; failure < failureFactor; failure++) {
            assertThat(LoginPages.inputError(pages.login(env.browser(), pending, WRONG + failure)))
                    .isEqualTo(GENERIC);
        }
        Page stillOpen = pages.login(env.browser(), pending, PASSWORD);
        assertThat(stillOpen.status()).isEqualTo(403);
        assertThat(stillOpen.text()).contains(Signups.UNCONFIRMED);

        HttpResponse<String> last = grant(new Attempt("last failure", pending, WRONG));
        assertThat(last.statusCode()).isEqualTo(400);

        Page locked = pages.login(env.browser(), pending, PASSWORD);
        Page unknown = pages.login(env.browser(), name("lockme-nobody"), PASSWORD);
        assertThat(locked.status()).isEqualTo(unknown.status()).isEqualTo(200);
        assertThat(LoginPages.inputError(locked)).isEqualTo(GENERIC);
        assertThat(locked.text()).doesNotContain(Signups.UNCONFIRMED).doesNotContain(email);
        HttpResponse<String> lockedGrant = grant(new Attempt("locked", pending, PASSWORD));
        HttpResponse<String> unknownGrant = grant(new Attempt("unknown", name("lockme-nobody"), PASSWORD));
        assertThat(lockedGrant.statusCode()).isEqualTo(400);
        assertThat(lockedGrant.body()).isEqualTo(unknownGrant.body());
    }

    /** A page, masked of what differs by nature, and its headers but cookies and dates. */
    private record Answer(Page page, Map<String, List<String>> headers) {
        String masked(String identifier) {
            return page.body()
                    .replace(identifier, "IDENTIFIER")
                    .replaceAll("session_code=[^&\"]+", "session_code=X")
                    .replaceAll("execution=[^&\"]+", "execution=X")
                    .replaceAll("tab_id=[^&\"]+", "tab_id=X")
                    .replaceAll("client_data=[^&\"]+", "client_data=X")
                    .replaceAll("checkAuthSession\\(\\s*\"[^\"]*\"", "checkAuthSession(\"X\"")
                    .replaceAll("(challenge\\s*:\\s*)\"[^\"]*\"", "$1\"X\"")
                    .replaceAll("action=\"[^\"?]*\\?[^\"]*\"", "action=\"X\"");
        }
    }

    private Answer browserAnswer(String identifier, String password) {
        BrowserClient browser = env.browser();
        Page passwordPage = pages.identify(browser, identifier);
        Page answer = browser.submit(passwordPage.form(LoginPages.FORM).fill("password", password));
        return new Answer(answer, headers(browser.lastHeaders()));
    }

    private Answer identifierAnswer(String identifier) {
        BrowserClient browser = env.browser();
        Page page = pages.identify(browser, identifier);
        return new Answer(page, headers(browser.lastHeaders()));
    }

    /** Headers but cookies, dates and the length (the masked bodies compare the content). */
    private static Map<String, List<String>> headers(HttpHeaders headers) {
        Map<String, List<String>> kept = new TreeMap<>();
        headers.map().forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (!List.of("set-cookie", "date", "expires", "content-length").contains(lower)) {
                kept.put(lower, values);
            }
        });
        return kept;
    }

    private HttpResponse<String> grant(Attempt attempt) {
        return env.oidc("gatehouse")
                .passwordGrant("demo-api", "demo-api-secret", attempt.identifier(), attempt.password());
    }

    /** Usernames of one length, so that pages that echo them differ in nothing else. */
    private static String name(String prefix) {
        return Names.unique(prefix);
    }

    private dev.gatehouse.testing.AccountStore.NewAccount account(String username) {
        return env.store().account(username).email(username + "@it.test");
    }

    /** Arranges the accounts of each state; "-" skips one. */
    private void arrange(
            String active,
            String empty,
            String unconfirmed,
            String banned,
            String terminated,
            String linkedKept,
            String linkedGone,
            String locked) {
        Map<String, dev.gatehouse.testing.AccountStore.NewAccount> accounts = new LinkedHashMap<>();
        accounts.put(active, account(active).password(PASSWORD));
        accounts.put(empty, account(empty).password(PASSWORD));
        accounts.put(unconfirmed, account(unconfirmed).password(PASSWORD).emailUnconfirmed());
        accounts.put(banned, account(banned).password(PASSWORD).status("banned", "abuse"));
        accounts.put(terminated, account(terminated).password(PASSWORD).status("terminated", "billing"));
        accounts.put(linkedKept, linked(linkedKept).password(PASSWORD));
        accounts.put(linkedGone, linked(linkedGone));
        accounts.put(locked, account(locked).password(PASSWORD));
        accounts.forEach((username, account) -> {
            if (!username.equals("-")) {
                account.create();
            }
        });
    }

    private dev.gatehouse.testing.AccountStore.NewAccount linked(String username) {
        if (username.equals("-")) {
            return account(username);
        }
        String subject = central.create(username + "-c", username + "@central.test", true, "central-pass");
        return env.store().account(username).email(username + "@central.test").centralSubject(subject);
    }

    /** Brute-force detection locks the account: the realm's failure count of wrong passwords. */
    private void lock(String username) {
        int failureFactor = env.admin().json("gatehouse").get("failureFactor").asInt();
        for (int failure = 0; failure < failureFactor; failure++) {
            grant(new Attempt("locking", username, WRONG));
        }
        assertThat(grant(new Attempt("locked", username, PASSWORD)).body()).doesNotContain("access_token");
    }

    private void setCentralEnabled(boolean enabled) {
        JsonNode idp = env.admin().json(CONSOLE_IDP);
        ((ObjectNode) idp).put("enabled", enabled);
        assertThat(env.admin().put(CONSOLE_IDP, idp.toString()).statusCode()).isEqualTo(204);
    }
}
