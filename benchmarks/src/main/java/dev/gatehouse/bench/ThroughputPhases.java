package dev.gatehouse.bench;

import dev.gatehouse.testing.AccountStore;
import dev.gatehouse.testing.Page;
import dev.gatehouse.testing.Totp;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The side-by-side figures: Gatehouse's browser flow against Keycloak's username-password form and
 * Keycloak's identifier-first flow,
 * Gatehouse's direct grant against Keycloak's, and the legacy API-key check against
 * client-credentials grants; each pair on the same server, the same accounts, the same
 * concurrency, interleaved.
 */
final class ThroughputPhases {

    private final Logins logins;
    private final Comparison comparison;
    private final Results results;
    private final Exclusive<String> accounts;
    private final BenchRealm realm;
    private final AccountStore store;
    private final PrintStream out;
    private final BenchConfig config;

    ThroughputPhases(
            BenchConfig config,
            Logins logins,
            Comparison comparison,
            Results results,
            BenchRealm realm,
            AccountStore store,
            PrintStream out) {
        this.config = config;
        this.store = store;
        this.out = out;
        this.logins = logins;
        this.realm = realm;
        this.comparison = comparison;
        this.results = results;
        this.accounts = new Exclusive<>(
                Math.min(config.loginPool(), config.accounts()),
                config.concurrency(),
                index -> Population.mainUsername(index + 1));
    }

    /**
     * The Gatehouse flow against Keycloak's one-page username-password form and against Keycloak's
     * own identifier-first flow (username form, then password form), interleaved.
     */
    void browser() {
        List<Sample> samples = comparison.runAll(
                "browser login",
                List.of("gatehouse", "stock", "identifier-first"),
                List.of(
                        random -> accounts.use(
                                random,
                                username -> loggedIn(logins.gatehouseBrowserLogin(username, Population.PASSWORD))),
                        random -> accounts.use(
                                random, username -> loggedIn(logins.stockBrowserLogin(username, Population.PASSWORD))),
                        random -> accounts.use(
                                random,
                                username ->
                                        loggedIn(logins.stockIdentifierFirstLogin(username, Population.PASSWORD)))));
        Sample gatehouse = samples.get(0);
        results.put("browser_login_ratio", ratio(gatehouse, samples.get(1)), "ratio");
        results.put("browser_login_vs_identifier_first", ratio(gatehouse, samples.get(2)), "ratio");
        Comparison.record(results, "browser_login_gatehouse", gatehouse, "logins");
        Comparison.record(results, "browser_login_stock", samples.get(1), "logins");
        Comparison.record(results, "browser_login_idfirst", samples.get(2), "logins");
    }

    /**
     * Accounts with TOTP the two-factor phase takes in turn: enough that none comes round again
     * within its 30-second step (Keycloak refuses a code used before) at up to 50 logins a second.
     * With the login pool's 500, two sides at 17 and 20 logins a second came round in under 30 s,
     * and some logins were refused mid-run.
     */
    static final int TOTP_POOL = 1500;

    /**
     * Logins of accounts with TOTP: the Gatehouse flow (identifier, password, its second-factor
     * step) against Keycloak's username-password form with its default conditional OTP, on the
     * same accounts, interleaved. Accounts are taken in turn ({@link #TOTP_POOL}).
     */
    void browserTotp(List<String> usernames) {
        Totp totp = Totp.ofBase32(Totp.RFC_SECRET_BASE32);
        AtomicInteger turn = new AtomicInteger();
        List<Sample> samples = comparison.runAll(
                "browser login with TOTP",
                List.of("gatehouse", "stock"),
                List.of(
                        random -> loggedIn(
                                logins.gatehouseTotpLogin(next(usernames, turn), Population.PASSWORD, totp.now())),
                        random -> loggedIn(
                                logins.stockTotpLogin(next(usernames, turn), Population.PASSWORD, totp.now()))));
        results.put("browser_login_2fa_ratio", ratio(samples.get(0), samples.get(1)), "ratio");
        Comparison.record(results, "browser_login_2fa_gatehouse", samples.get(0), "logins");
        Comparison.record(results, "browser_login_2fa_stock", samples.get(1), "logins");
    }

    private static String next(List<String> usernames, AtomicInteger turn) {
        return usernames.get(Math.floorMod(turn.getAndIncrement(), usernames.size()));
    }

    /**
     * What the checks cost the account store's database (pg_stat_statements): its execution time
     * per check, the part of a check's time that is the store's query rather than Keycloak's.
     */
    private void storeTimes() {
        List<AccountStore.StatementTime> times = store.statementTimes(3);
        times.forEach(time -> out.printf(
                Locale.ROOT, "    store: %d calls, %.3f ms each: %s%n", time.calls(), time.meanMillis(), time.query()));
        if (!times.isEmpty()) {
            results.put(
                    "apikey_store_query_ms",
                    times.get(0).meanMillis(),
                    "ms",
                    times.get(0).query());
        }
    }

    private static double ratio(Sample a, Sample b) {
        return b.perSecond() == 0 ? 0 : a.perSecond() / b.perSecond();
    }

    /** Gatehouse's direct grant with its token status gate, against stock Keycloak's without it. */
    void directGrant() {
        Comparison.Outcome outcome = comparison.run(
                "direct grant",
                random -> accounts.use(
                        random,
                        username ->
                                granted(logins.passwordGrant(BenchRealm.GATEHOUSE_API, username, Population.PASSWORD))),
                () -> realm.tokenStatusGate(true),
                random -> accounts.use(
                        random,
                        username -> granted(logins.passwordGrant(BenchRealm.STOCK_API, username, Population.PASSWORD))),
                () -> realm.tokenStatusGate(false));
        realm.tokenStatusGate(true);
        results.put("direct_grant_ratio", outcome.ratio(), "ratio");
        Comparison.record(results, "direct_grant_gatehouse", outcome.a(), outcome.cpuA(), "grants");
        Comparison.record(results, "direct_grant_stock", outcome.b(), outcome.cpuB(), "grants");
    }

    /** Key checks of accounts that each have a key, against the service account's grants. */
    void apiKeys(List<Population.Keyed> keyed) {
        ClosedLoop.Operation check = random -> {
            Population.Keyed account = keyed.get(random.nextInt(keyed.size()));
            return granted(logins.apiKeyCheck(account.username(), account.apiKey()));
        };
        ClosedLoop.Operation clientCredentials = random -> granted(logins.clientCredentials(BenchRealm.GATEHOUSE_API));
        // Both sides run until the JIT has compiled their paths: the check's own code is met here first,
        // and five seconds of it (a few thousand requests) left its throughput still climbing round by round.
        out.printf(
                "  api key phase: warm-up %d s per side ...%n",
                config.apiKeyWarmUp().toSeconds());
        ClosedLoop.run(check, config.concurrency(), config.apiKeyWarmUp());
        ClosedLoop.run(clientCredentials, config.concurrency(), config.apiKeyWarmUp());
        store.resetStatementStatistics();
        Comparison.Outcome outcome = comparison.run("api key vs client_credentials", check, clientCredentials);
        storeTimes();
        results.put("apikey_vs_client_credentials", outcome.ratio(), "ratio");
        Comparison.record(results, "apikey_check", outcome.a(), outcome.cpuA(), "checks");
        Comparison.record(results, "client_credentials", outcome.b(), outcome.cpuB(), "grants");
        // The floor: Keycloak's cheapest realm request (its public realm info, no store, no
        // signature) through the same HTTP layer and session set-up as the check.
        Comparison.Outcome floor =
                comparison.run("api key vs realm info", check, random -> granted(logins.realmInfo()));
        results.put("apikey_vs_realm_info", floor.ratio(), "ratio");
        Comparison.record(results, "realm_info", floor.b(), floor.cpuB(), "requests");
    }

    private static boolean loggedIn(Page page) {
        if (Logins.code(page).isEmpty()) {
            throw new IllegalStateException(
                    "login ended at " + page.uri() + " with " + page.status() + ": " + abbreviate(page.text()));
        }
        return true;
    }

    private static boolean granted(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + ": " + abbreviate(response.body()));
        }
        return true;
    }

    static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
