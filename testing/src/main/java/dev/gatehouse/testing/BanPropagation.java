package dev.gatehouse.testing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A ban through one cluster node and how long the other keeps accepting the banned subtree: the
 * refresh token it issued, a direct grant and the browser password step, each polled until
 * refused and then checked to stay refused. The delays are figures ({@code ClusterIT} prints them,
 * the bench reports them as {@code cluster_ban_propagation_ms}); only the order and the outcome
 * are checked: accepted before the ban, refused after it, never accepted again.
 */
public final class BanPropagation {

    /** The realm, clients and page of the demo realm files the cluster imports. */
    private static final String REALM = "gatehouse";

    private static final String API_CLIENT = "demo-api";
    private static final String API_SECRET = "demo-api-secret";
    private static final String BROWSER_CLIENT = "demo-app";
    private static final String REDIRECT = "http://localhost:3000/cb";
    private static final String FORM = "#kc-form-login";
    private static final String BANNED_TITLE = "This account has been banned";

    /**
     * How long the second node may keep accepting before the measurement gives up (a hang guard,
     * not a goal).
     */
    public static final Duration GIVE_UP = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(50);
    /** Password pages opened on the second node before the ban, one per browser attempt after it; later attempts open their own. */
    private static final int BROWSER_ATTEMPTS = 15;

    private final GatehouseEnvironment banning;
    private final GatehouseEnvironment observing;
    private final String password;

    /** Bans through {@code banning}, observes {@code observing}; accounts get {@code password}. */
    public BanPropagation(GatehouseEnvironment banning, GatehouseEnvironment observing, String password) {
        this.banning = banning;
        this.observing = observing;
        this.password = password;
    }

    /** Milliseconds from the ban's answer to the first refusal on the observing node, per path. */
    public record Delays(long refreshMillis, long directGrantMillis, long browserMillis, int browserAttempts) {
        /** The slowest path: when the whole subtree was refused everywhere. */
        public long slowestMillis() {
            return Math.max(refreshMillis, Math.max(directGrantMillis, browserMillis));
        }
    }

    /**
     * Arranges {@code <prefix>-owner} with the sub-users {@code <prefix>-grant} and {@code
     * <prefix>-browser}, logs them in on the observing node, bans the owner through the banning
     * node and measures. One account per path, all in the banned subtree: a refused login of one
     * user counts toward Keycloak's brute-force quick-login check, which would lock that user's
     * next path.
     */
    public Delays measure(String prefix) throws Exception {
        AccountStore store = banning.store();
        UUID owner = store.account(prefix + "-owner")
                .email(prefix + "-owner@it.test")
                .password(password)
                .create();
        String grantName = prefix + "-grant";
        store.account(grantName)
                .email(grantName + "@it.test")
                .password(password)
                .parent(owner)
                .create();
        String browserName = prefix + "-browser";
        store.account(browserName)
                .email(browserName + "@it.test")
                .password(password)
                .parent(owner)
                .create();
        String refresh = refreshToken(prefix + "-owner");
        if (refused(refresh(refresh))) {
            throw new AssertionError("the observing node refused the refresh before the ban");
        }
        List<BrowserClient> browsers = new ArrayList<>();
        List<Page> passwordPages = new ArrayList<>();
        for (int i = 0; i < BROWSER_ATTEMPTS; i++) {
            BrowserClient browser = observing.browser();
            Page page = identify(browser, browserName);
            if (page.status() != 200 || page.document().selectFirst(FORM + " input[name=password]") == null) {
                throw new AssertionError("no password page before the ban: " + page.body());
            }
            browsers.add(browser);
            passwordPages.add(page);
        }

        HttpResponse<String> banned =
                banning.admin().post(REALM + "/gatehouse/accounts/" + owner + "/ban", "{\"reason\":\"propagation\"}");
        long answered = System.nanoTime();
        if (banned.statusCode() != 200) {
            throw new AssertionError("ban answered " + banned.statusCode() + ": " + banned.body());
        }

        int[] attempt = {0};
        ExecutorService paths = Executors.newFixedThreadPool(3);
        try {
            CompletableFuture<Long> refreshRefused = CompletableFuture.supplyAsync(
                    () -> delayUntilRefused(answered, () -> refused(refresh(refresh)), "refresh"), paths);
            CompletableFuture<Long> grantRefused = CompletableFuture.supplyAsync(
                    () -> delayUntilRefused(
                            answered,
                            () -> refused(
                                    observing.oidc(REALM).passwordGrant(API_CLIENT, API_SECRET, grantName, password)),
                            "direct grant"),
                    paths);
            CompletableFuture<Long> browserRefused = CompletableFuture.supplyAsync(
                    () -> delayUntilRefused(
                            answered,
                            () -> {
                                int next = attempt[0]++;
                                if (next >= BROWSER_ATTEMPTS) {
                                    BrowserClient browser = observing.browser();
                                    browsers.add(browser);
                                    passwordPages.add(identify(browser, browserName));
                                }
                                Page result = browsers.get(next)
                                        .submit(passwordPages
                                                .get(next)
                                                .form(FORM)
                                                .fill("password", password));
                                if (result.leftServerTo().isPresent()) {
                                    return false;
                                }
                                if (!result.body().contains(BANNED_TITLE)) {
                                    throw new AssertionError("the page after the password: " + result.body());
                                }
                                return true;
                            },
                            "browser password step"),
                    paths);
            long wait = GIVE_UP.toSeconds() + 10;
            return new Delays(
                    refreshRefused.get(wait, TimeUnit.SECONDS),
                    grantRefused.get(wait, TimeUnit.SECONDS),
                    browserRefused.get(wait, TimeUnit.SECONDS),
                    attempt[0]);
        } finally {
            paths.shutdownNow();
        }
    }

    /**
     * Polls a path every {@link #POLL} until it refuses, then checks that it stays refused. Fails
     * only when the path still accepts after {@link #GIVE_UP}. Returns the milliseconds from the
     * ban's answer ({@code answered}, a {@link System#nanoTime()}) to the first refusal's response.
     */
    public static long delayUntilRefused(long answered, BooleanSupplier refused, String path) {
        while (true) {
            long started = System.nanoTime() - answered;
            if (refused.getAsBoolean()) {
                long delay = (System.nanoTime() - answered) / 1_000_000;
                if (!refused.getAsBoolean()) {
                    throw new AssertionError(path + " accepted again after refusing");
                }
                return delay;
            }
            if (Duration.ofNanos(started).compareTo(GIVE_UP) >= 0) {
                throw new AssertionError(path + " still accepted " + GIVE_UP + " after the ban");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Page identify(BrowserClient browser, String username) {
        Page identifier = browser.get(observing.oidc(REALM).authorizationUrl(BROWSER_CLIENT, REDIRECT));
        return browser.submit(identifier.form(FORM).fill("username", username));
    }

    private String refreshToken(String username) {
        HttpResponse<String> granted = observing.oidc(REALM).passwordGrant(API_CLIENT, API_SECRET, username, password);
        if (granted.statusCode() != 200) {
            throw new AssertionError(
                    "grant for " + username + " answered " + granted.statusCode() + ": " + granted.body());
        }
        return Oidc.json(granted.body()).get("refresh_token").asText();
    }

    private HttpResponse<String> refresh(String refreshToken) {
        return observing
                .oidc(REALM)
                .token(Map.of(
                        "grant_type", "refresh_token",
                        "client_id", API_CLIENT,
                        "client_secret", API_SECRET,
                        "refresh_token", refreshToken));
    }

    /** Whether a token endpoint answer refuses (400 {@code invalid_grant}) rather than grants (200); nothing else. */
    private static boolean refused(HttpResponse<String> answer) {
        if (answer.statusCode() == 200) {
            return false;
        }
        if (answer.statusCode() != 400 || !answer.body().contains("invalid_grant")) {
            throw new AssertionError("neither granted nor refused: " + answer.statusCode() + " " + answer.body());
        }
        return true;
    }
}
