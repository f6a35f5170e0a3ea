package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.bench.LoadTally.Kind;
import dev.gatehouse.bench.Population.LoadAccount;
import dev.gatehouse.testing.AdminApi;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.Page;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Issue 9 item 5: many clients at once, all but one of them users mixing browser logins, direct
 * grants, refreshes and API-key checks in equal parts, the last an admin banning a random account
 * at a steady pace (so that a slow server still sees bans). Each outcome is judged against the bans: an account nobody
 * banned must succeed, a refusal must be one a ban explains, and no request started after a
 * ban's acknowledgement (hence after its commit) may succeed, nor any token be issued after it.
 */
final class LoadRun {

    private final BenchConfig config;
    private final Logins logins;
    private final AdminApi admin;
    private final List<LoadAccount> accounts;
    private final Results results;
    private final PrintStream out;
    private final BanLedger ledger;
    private final LoadTally tally = new LoadTally();
    private final Map<UUID, String> refreshTokens = new ConcurrentHashMap<>();
    private final Exclusive<LoadAccount> inUse;
    private final AtomicLong bans = new AtomicLong();

    LoadRun(
            BenchConfig config,
            Logins logins,
            AdminApi admin,
            List<LoadAccount> accounts,
            Results results,
            PrintStream out) {
        this.config = config;
        this.logins = logins;
        this.admin = admin;
        this.accounts = accounts;
        this.results = results;
        this.out = out;
        this.inUse = new Exclusive<>(accounts.size(), config.loadClients(), accounts::get);
        this.ledger = new BanLedger(accounts.stream()
                .filter(account -> account.parentId() != null)
                .collect(Collectors.groupingBy(
                        LoadAccount::parentId, Collectors.mapping(LoadAccount::id, Collectors.toList()))));
    }

    /** Runs the load; the status audit's ban times (epoch ms, by account) are read afterwards. */
    void run(Supplier<Map<UUID, Long>> auditedBanMillis) {
        long begin = System.nanoTime();
        ScheduledExecutorService admin = Executors.newSingleThreadScheduledExecutor();
        long interval = config.loadBanInterval().toMillis();
        admin.scheduleWithFixedDelay(this::banRandomAccount, interval, interval, TimeUnit.MILLISECONDS);
        try {
            ClosedLoop.run(this::oneOperation, Math.max(1, config.loadClients() - 1), config.loadDuration());
        } finally {
            // No new bans; the one in flight gets its answer (interrupting it would count the
            // bench's own shutdown as an unexpected error).
            admin.shutdown();
            awaitQuietly(admin);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        List<LoadTally.Success> successes = tally.successes();
        Verdict verdict = judge(successes, auditedBanMillis.get());
        long operations = successes.size() + bans.get();
        for (Kind kind : Kind.values()) {
            operations += tally.refusalCount(kind) + tally.unexpectedCount(kind);
        }
        out.printf(
                "  load: %d clients, %.0f s, %d operations (%.1f/s), %d bans, %d accounts banned (%d in the audit),"
                        + " %d unexpected, %d post-ban successes, %d successes while a ban was in flight%n",
                config.loadClients(),
                seconds,
                operations,
                operations / seconds,
                bans.get(),
                ledger.accountsBanned(),
                verdict.audited().size(),
                tally.unexpectedTotal(),
                verdict.postBan().size(),
                verdict.inFlight());
        tally.examples().forEach(example -> out.println("    unexpected: " + example));
        verdict.postBan().stream()
                .limit(10)
                .forEach(success -> out.printf(
                        "    post-ban success: %s of %s, request %d to %d ms, token iat %d s; ban acknowledged %d ms,"
                                + " its transaction began %s ms%n",
                        success.kind(),
                        success.account(),
                        success.startedMillis(),
                        success.endedMillis(),
                        success.issuedAtSeconds(),
                        ledger.acknowledgedAt(success.account()),
                        verdict.audited().get(success.account())));
        results.put("load_operations_per_s", operations / seconds, "operations/s");
        results.put("load_unexpected_errors", tally.unexpectedTotal(), "count");
        results.put("load_post_ban_successes", verdict.postBan().size(), "count");
        results.put("load_in_flight_successes", verdict.inFlight(), "count");
        results.put("load_bans", bans.get(), "count");
        results.put("load_accounts_banned", verdict.audited().size(), "accounts");
        for (Kind kind : List.of(Kind.BROWSER_LOGIN, Kind.DIRECT_GRANT, Kind.REFRESH, Kind.API_KEY)) {
            String name = "load_" + kind.name().toLowerCase(java.util.Locale.ROOT);
            results.put(name + "_refused_after_ban", tally.refusalCount(kind), "count");
            results.put(name + "_p99_ms", tally.p99Millis(kind), "ms");
        }
    }

    /** A user client's next operation: the account is held for its time, as one person uses it. */
    private boolean oneOperation(ThreadLocalRandom random) throws Exception {
        int dice = random.nextInt(4);
        Kind kind = dice == 0
                ? Kind.BROWSER_LOGIN
                : dice == 1 ? Kind.DIRECT_GRANT : dice == 2 ? Kind.REFRESH : Kind.API_KEY;
        return inUse.use(random, account -> {
            guarded(kind, account, () -> userOperation(kind, account));
            return true;
        });
    }

    private static void awaitQuietly(ScheduledExecutorService admin) {
        try {
            if (!admin.awaitTermination(60, TimeUnit.SECONDS)) {
                admin.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admin.shutdownNow();
        }
    }

    /** The admin client: a ban of any account, in use or not. */
    private void banRandomAccount() {
        LoadAccount account = accounts.get(ThreadLocalRandom.current().nextInt(accounts.size()));
        guarded(Kind.BAN, account, () -> ban(account));
    }

    private void userOperation(Kind chosen, LoadAccount account) throws Exception {
        String refreshToken = refreshTokens.get(account.id());
        Kind kind = chosen == Kind.REFRESH && refreshToken == null ? Kind.DIRECT_GRANT : chosen;
        long started = System.currentTimeMillis();
        switch (kind) {
            case BROWSER_LOGIN -> browserLogin(account, started);
            case DIRECT_GRANT ->
                tokenCall(
                        kind,
                        account,
                        started,
                        logins.passwordGrant(BenchRealm.GATEHOUSE_API, account.username(), Population.PASSWORD));
            case REFRESH -> tokenCall(kind, account, started, logins.refresh(BenchRealm.GATEHOUSE_API, refreshToken));
            case API_KEY -> apiKey(account, started);
            case BAN -> throw new IllegalArgumentException("bans hold no account");
        }
    }

    /** Counts anything an operation throws (transport errors, pages without the expected form) as unexpected. */
    private void guarded(Kind kind, LoadAccount account, Body body) {
        try {
            body.run();
        } catch (Exception | AssertionError e) {
            tally.unexpected(kind, account.username() + ": " + e);
        }
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private void browserLogin(LoadAccount account, long started) {
        Page page = logins.gatehouseBrowserLogin(account.username(), Population.PASSWORD);
        if (Logins.code(page).isPresent()) {
            tally.success(
                    new LoadTally.Success(Kind.BROWSER_LOGIN, account.id(), started, System.currentTimeMillis(), 0));
        } else {
            refusedOrUnexpected(
                    Kind.BROWSER_LOGIN,
                    account,
                    page.status() == 403,
                    page.status() + " at " + page.uri().getPath() + ": " + Logins.error(page));
        }
    }

    private void tokenCall(Kind kind, LoadAccount account, long started, HttpResponse<String> response) {
        if (response.statusCode() == 200) {
            JsonNode tokens = Oidc.json(response.body());
            refreshTokens.put(account.id(), tokens.get("refresh_token").asText());
            long issuedAt =
                    Oidc.claims(tokens.get("access_token").asText()).get("iat").asLong();
            tally.success(new LoadTally.Success(kind, account.id(), started, System.currentTimeMillis(), issuedAt));
        } else {
            refusedOrUnexpected(
                    kind,
                    account,
                    response.statusCode() == 400 && response.body().contains("invalid_grant"),
                    response.statusCode() + " " + ThroughputPhases.abbreviate(response.body()));
        }
    }

    private void apiKey(LoadAccount account, long started) throws Exception {
        HttpResponse<String> response = logins.apiKeyCheck(account.username(), account.apiKey());
        if (response.statusCode() == 200) {
            tally.success(new LoadTally.Success(Kind.API_KEY, account.id(), started, System.currentTimeMillis(), 0));
        } else {
            refusedOrUnexpected(
                    Kind.API_KEY,
                    account,
                    response.statusCode() == 401,
                    response.statusCode() + " " + ThroughputPhases.abbreviate(response.body()));
        }
    }

    /** A refusal of the expected shape is fine once a ban of the account was sent; else unexpected. */
    private void refusedOrUnexpected(Kind kind, LoadAccount account, boolean banShaped, String what) {
        Long banSent = ledger.sentAt(account.id());
        if (banShaped && banSent != null && banSent <= System.currentTimeMillis()) {
            tally.refused(kind);
        } else {
            tally.unexpected(kind, account.username() + (banSent == null ? " (never banned)" : "") + ": " + what);
        }
    }

    private void ban(LoadAccount account) {
        ledger.sent(account.id(), System.currentTimeMillis());
        HttpResponse<String> response =
                admin.post("gatehouse/gatehouse/accounts/" + account.id() + "/ban", "{\"reason\":\"bench load\"}");
        long acknowledged = System.currentTimeMillis();
        if (response.statusCode() == 200) {
            ledger.acknowledged(account.id(), acknowledged);
            bans.incrementAndGet();
        } else {
            tally.unexpected(Kind.BAN, account.username() + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** Successes judged against the bans. */
    private record Verdict(List<LoadTally.Success> postBan, long inFlight, Map<UUID, Long> audited) {}

    /**
     * A success is post-ban when its request started after the ban's acknowledgement, or its token
     * was issued (whole seconds, rounded down) after it; it is in flight when it started after the
     * audit row's time (the ban transaction's start) but before the acknowledgement.
     */
    private Verdict judge(List<LoadTally.Success> successes, Map<UUID, Long> audited) {
        List<LoadTally.Success> postBan = new ArrayList<>();
        long inFlight = 0;
        for (LoadTally.Success success : successes) {
            Long acknowledged = ledger.acknowledgedAt(success.account());
            Long audit = audited.get(success.account());
            if (acknowledged != null
                    && (success.startedMillis() > acknowledged || success.issuedAtSeconds() * 1000 > acknowledged)) {
                postBan.add(success);
            } else if (audit != null && success.endedMillis() > audit) {
                inFlight++;
            }
        }
        return new Verdict(postBan, inFlight, audited);
    }
}
