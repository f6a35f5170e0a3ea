package dev.gatehouse.bench;

import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.Form;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The requests a user or an app makes, as the bench sends them: a browser login through either
 * client (a fresh browser each time, so no SSO cookie helps), direct grants, refreshes,
 * client-credentials grants and legacy API-key checks.
 */
final class Logins {

    static final String FORM = "#kc-form-login";
    static final String OTP_FORM = "#kc-otp-login-form";

    private final GatehouseEnvironment env;
    private final BenchHttp http;
    private final String gatehouseLoginUrl;
    private final String stockLoginUrl;
    private final String stockIdentifierFirstUrl;
    private final String stockOtpUrl;

    Logins(GatehouseEnvironment env, BenchHttp http) {
        this.env = env;
        this.http = http;
        Oidc oidc = env.oidc(BenchRealm.REALM);
        this.gatehouseLoginUrl = oidc.authorizationUrl(BenchRealm.GATEHOUSE_APP, BenchRealm.REDIRECT);
        this.stockLoginUrl = oidc.authorizationUrl(BenchRealm.STOCK_APP, BenchRealm.REDIRECT);
        this.stockIdentifierFirstUrl =
                oidc.authorizationUrl(BenchRealm.STOCK_IDENTIFIER_FIRST_APP, BenchRealm.REDIRECT);
        this.stockOtpUrl = oidc.authorizationUrl(BenchRealm.STOCK_OTP_APP, BenchRealm.REDIRECT);
    }

    /**
     * The Gatehouse identifier-first login through {@code bench-gatehouse-app}: identifier page,
     * password page, redirect with a code. Returns the page where the flow stopped.
     */
    Page gatehouseBrowserLogin(String username, String password) {
        return identifierFirstLogin(gatehouseLoginUrl, username, password);
    }

    /**
     * Keycloak's own identifier-first login through {@code bench-stock-identifier-first-app}
     * ({@code auth-username-form}, then {@code auth-password-form}): the same three requests.
     */
    Page stockIdentifierFirstLogin(String username, String password) {
        return identifierFirstLogin(stockIdentifierFirstUrl, username, password);
    }

    private Page identifierFirstLogin(String url, String username, String password) {
        return identifierFirstLogin(env.browser(), url, username, password);
    }

    private static Page identifierFirstLogin(BrowserClient browser, String url, String username, String password) {
        Page identifier = browser.get(url);
        Page passwordPage = browser.submit(loginForm(identifier).fill("username", username));
        return browser.submit(loginForm(passwordPage).fill("password", password));
    }

    /** The Gatehouse login of an account with TOTP: identifier, password, then the code. */
    Page gatehouseTotpLogin(String username, String password, String code) {
        BrowserClient browser = env.browser();
        return otp(browser, identifierFirstLogin(browser, gatehouseLoginUrl, username, password), code);
    }

    /** Keycloak's username-password form, then its conditional OTP form, through {@code bench-stock-otp-app}. */
    Page stockTotpLogin(String username, String password, String code) {
        BrowserClient browser = env.browser();
        Page login = browser.get(stockOtpUrl);
        Page otpPage =
                browser.submit(loginForm(login).fill("username", username).fill("password", password));
        return otp(browser, otpPage, code);
    }

    private static Page otp(BrowserClient browser, Page page, String code) {
        if (page.document().selectFirst(OTP_FORM) == null) {
            throw new IllegalStateException(
                    "no OTP form at " + page.uri().getPath() + " (" + page.status() + "): " + error(page));
        }
        return browser.submit(page.form(OTP_FORM).fill("otp", code));
    }

    /** Keycloak's username-password form through {@code bench-stock-app}: one page, then the code. */
    Page stockBrowserLogin(String username, String password) {
        BrowserClient browser = env.browser();
        Page login = browser.get(stockLoginUrl);
        return browser.submit(loginForm(login).fill("username", username).fill("password", password));
    }

    /** The authorization code a login ended with, if it did. */
    static Optional<String> code(Page page) {
        return page.redirectParameter("code");
    }

    /** The login form of a page; a page without one (an error page, say) fails with what it shows. */
    private static Form loginForm(Page page) {
        if (page.document().selectFirst(FORM) == null) {
            throw new IllegalStateException(
                    "no login form at " + page.uri().getPath() + " (" + page.status() + "): " + error(page));
        }
        return page.form(FORM);
    }

    /** The error a login page shows, or its title when it shows none. */
    static String error(Page page) {
        org.jsoup.nodes.Element error =
                page.document().selectFirst(".kc-feedback-text, [id^=input-error], .pf-m-danger");
        return error != null ? error.text() : page.document().title();
    }

    HttpResponse<String> passwordGrant(String clientId, String username, String password)
            throws IOException, InterruptedException {
        Map<String, String> form = client(clientId, "password");
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return http.postForm(http.tokenUrl(BenchRealm.REALM), form);
    }

    HttpResponse<String> refresh(String clientId, String refreshToken) throws IOException, InterruptedException {
        Map<String, String> form = client(clientId, "refresh_token");
        form.put("refresh_token", refreshToken);
        return http.postForm(http.tokenUrl(BenchRealm.REALM), form);
    }

    HttpResponse<String> clientCredentials(String clientId) throws IOException, InterruptedException {
        return http.postForm(http.tokenUrl(BenchRealm.REALM), client(clientId, "client_credentials"));
    }

    /** Keycloak's public realm information: the cheapest request a realm answers. */
    HttpResponse<String> realmInfo() throws IOException, InterruptedException {
        return http.get(http.realmUrl(BenchRealm.REALM));
    }

    HttpResponse<String> apiKeyCheck(String apiUser, String apiKey) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_user", apiUser);
        form.put("api_key", apiKey);
        return http.postForm(http.apiKeyCheckUrl(), form);
    }

    private static Map<String, String> client(String clientId, String grantType) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", grantType);
        form.put("client_id", clientId);
        form.put("client_secret", BenchRealm.SECRET);
        return form;
    }
}
