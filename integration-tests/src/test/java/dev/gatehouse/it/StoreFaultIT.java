package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Page;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The account store killed in the middle of a stream of logins, then brought back: only refusals
 * and 503s meanwhile, never a 500 and never a token for a blocked account, and logins work again
 * after the store's return, without restarting Keycloak. The time to the first login after the
 * return is a printed figure ({@code gatehouse.fault}), not an assertion.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("Fault: the account store fails during a stream of logins")
class StoreFaultIT {

    private static final Duration BEFORE = Duration.ofSeconds(3);
    private static final Duration OUTAGE = Duration.ofSeconds(6);
    private static final Duration AFTER = Duration.ofSeconds(8);
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(60);
    private static final int STREAMS = 5;

    private final GatehouseEnvironment env;
    private final StatusApi status;

    StoreFaultIT(GatehouseEnvironment env) {
        this.env = env;
        this.status = new StatusApi(env);
    }

    /** One attempt: who, how, when (ms since the start), what came back. */
    record Attempt(String account, String path, long at, int status, boolean loggedIn) {}

    @Test
    @DisplayName(
            "stream of logins across an outage: 503 or refusal, no 500, no token for blocked, logins again after the"
                    + " store's return (recovery time printed)")
    void outageDuringLogins() throws Exception {
        String active = account("fault-active", null);
        String activeBrowser = account("fault-browser", null);
        String banned = account("fault-banned", "banned");
        String terminated = account("fault-terminated", "terminated");
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        long started = System.nanoTime();

        ExecutorService pool = Executors.newFixedThreadPool(STREAMS);
        List<Future<?>> workers = new ArrayList<>();
        for (String account : List.of(active, banned, terminated)) {
            workers.add(pool.submit(() -> {
                while (running.get()) {
                    HttpResponse<String> grant = status.grant(account, "fault-pass", false);
                    attempts.add(new Attempt(
                            account,
                            "direct grant",
                            millisSince(started),
                            grant.statusCode(),
                            grant.body().contains("access_token")));
                }
            }));
        }
        for (String account : List.of(activeBrowser, banned)) {
            workers.add(pool.submit(() -> {
                while (running.get()) {
                    Page page = browserLogin(account);
                    attempts.add(new Attempt(
                            account,
                            "browser",
                            millisSince(started),
                            page.status(),
                            page.redirectParameter("code").isPresent()));
                }
            }));
        }

        Thread.sleep(BEFORE.toMillis());
        // The first logins of a fresh server are slow: stop the store only once every stream has
        // answered and the active accounts have logged in, so that "before" shows working logins.
        await().atMost(WARM_UP_LIMIT).until(() -> warmedUp(attempts, active, activeBrowser));
        long stoppedAt = millisSince(started);
        env.store().server().stop();
        long restartedAt;
        try {
            Thread.sleep(OUTAGE.toMillis());
        } finally {
            env.store().server().start();
            restartedAt = millisSince(started);
        }
        Thread.sleep(AFTER.toMillis());
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();

        Map<String, LongAdder> tallies = new TreeMap<>();
        for (Attempt attempt : attempts) {
            String phase = attempt.at() < stoppedAt ? "1 before" : attempt.at() < restartedAt ? "2 outage" : "3 after";
            String key = phase + " " + name(attempt.account(), active, banned) + " " + attempt.path() + " "
                    + attempt.status() + (attempt.loggedIn() ? " logged in" : "");
            tallies.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
        tallies.forEach((key, count) -> System.out.printf("gatehouse.fault %-55s %5d%n", key, count.sum()));
        long recovered = attempts.stream()
                .filter(attempt ->
                        attempt.account().equals(active) && attempt.loggedIn() && attempt.at() >= restartedAt)
                .mapToLong(Attempt::at)
                .min()
                .orElse(Long.MAX_VALUE);
        System.out.printf(
                "gatehouse.fault store stopped at %d ms, back at %d ms, first login after it at %d ms (%d ms later)%n",
                stoppedAt, restartedAt, recovered, recovered - restartedAt);

        assertThat(attempts).as("attempts").hasSizeGreaterThan(20);
        assertThat(attempts)
                .as("no answer is a server error other than 503")
                .noneMatch(attempt -> attempt.status() >= 500 && attempt.status() != 503);
        assertThat(attempts)
                .as("no blocked account ever logs in")
                .noneMatch(attempt ->
                        (attempt.account().equals(banned) || attempt.account().equals(terminated))
                                && attempt.loggedIn());
        assertThat(attempts)
                .as("the outage was seen: 503s while the store was down")
                .anyMatch(
                        attempt -> attempt.status() == 503 && attempt.at() >= stoppedAt && attempt.at() < restartedAt);
        assertThat(attempts)
                .as("the active account logs in again after the store's return, without a restart")
                .anyMatch(attempt ->
                        attempt.account().equals(active) && attempt.loggedIn() && attempt.at() >= restartedAt);
        assertThat(attempts)
                .as("the active browser account logs in again after the store's return")
                .anyMatch(attempt ->
                        attempt.account().equals(activeBrowser) && attempt.loggedIn() && attempt.at() >= restartedAt);
    }

    /** Identifier, then password if the flow asks for it: whatever page the attempt ends on. */
    private Page browserLogin(String account) {
        var browser = env.browser();
        Page first = browser.get(env.oidc("gatehouse").authorizationUrl(LoginPages.CLIENT, LoginPages.REDIRECT));
        if (first.status() != 200) {
            return first;
        }
        Page next = browser.submit(first.form(LoginPages.FORM).fill("username", account));
        return LoginPages.isPasswordPage(next)
                ? browser.submit(next.form(LoginPages.FORM).fill("password", "fault-pass"))
                : next;
    }

    private static boolean warmedUp(List<Attempt> attempts, String active, String activeBrowser) {
        long streams = attempts.stream()
                .map(attempt -> attempt.account() + " " + attempt.path())
                .distinct()
                .count();
        return streams == STREAMS
                && attempts.stream().anyMatch(attempt -> attempt.account().equals(active) && attempt.loggedIn())
                && attempts.stream().anyMatch(attempt -> attempt.account().equals(activeBrowser) && attempt.loggedIn());
    }

    private String account(String prefix, String accountStatus) {
        String username = Names.unique(prefix);
        var account = env.store().account(username).email(username + "@it.test").password("fault-pass");
        if (accountStatus != null) {
            account.status(accountStatus, "fault test");
        }
        account.create();
        return username;
    }

    private static String name(String account, String active, String banned) {
        return account.equals(active)
                ? "active"
                : account.equals(banned) ? "banned" : account.startsWith("fault-browser") ? "active" : "terminated";
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
