package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.AdminApi;
import dev.gatehouse.testing.Form;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.Page;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jsoup.nodes.Element;

/**
 * The timing side of issue 15: pairs of requests that must not tell an account apart, each timed as
 * an outside prober would, with nothing but HTTP. Every sample is one fresh browser from its own
 * client address (see {@link ProbeBrowser}) and a fresh identifier, so that locks and limits do not
 * build up over the run; the requests that bring it to the timed one are not timed. The sides of a
 * pair alternate (A B, B A, …), one request at a time, warm-up samples discarded. Each pair prints
 * its medians, their gap, the Mann-Whitney p-value, the Gatehouse bcrypt computations per timed
 * request ({@code gatehouse_password_hashes_total}) and the answers' status codes; an answer 429 is
 * reported as rate-limited and left out of the timings. {@code enumeration_max_gap_pct} is the
 * largest gap, with the pair it came from.
 */
final class EnumerationPhase {

    private static final String FORM = Logins.FORM;
    private static final String WRONG_PASSWORD = "wrong-pass-0";
    private static final String SIGNUP_PASSWORD = "probe-pass-7";
    private static final String DOMAIN = "@probe.test";
    private static final Duration MAIL_WAIT = Duration.ofSeconds(5);
    /** How many times the configured samples a quick pair takes (see {@link Group}). */
    private static final int QUICK = 3;

    private final BenchConfig config;
    private final GatehouseEnvironment env;
    private final Population population;
    private final Results results;
    private final PrintStream out;
    private final BenchHttp http;
    private final String loginUrl;
    private int addresses;
    private int rateLimited;

    EnumerationPhase(
            BenchConfig config, GatehouseEnvironment env, Population population, Results results, PrintStream out) {
        this.config = config;
        this.env = env;
        this.population = population;
        this.results = results;
        this.out = out;
        this.http = new BenchHttp(env.baseUrl());
        this.loginUrl = env.oidc(BenchRealm.REALM).authorizationUrl(BenchRealm.GATEHOUSE_APP, BenchRealm.REDIRECT);
    }

    /** What a sample sends before the timed request (not timed), and then the timed request. */
    @FunctionalInterface
    interface Probe {
        Callable<Page> prepare(int number, ProbeBrowser browser);
    }

    /**
     * One side of a pair; {@code mails} is how many e-mails its timed request queues. The next timed
     * request waits until they have been sent: an e-mail leaves half a second after its answer, on the
     * same cores, and would otherwise land on whichever sample runs then, on either side (noise, and
     * the slower side flips from run to run). That cross-request load is a limit of its own, stated in
     * docs/security-model.md.
     */
    record Side(String label, Probe probe, int mails) {
        Side(String label, Probe probe) {
            this(label, probe, 0);
        }
    }

    /**
     * Sides whose answers must not differ; {@code key} names its figures. A quick pair ({@code
     * scale} 3) takes three times the configured samples: its requests take ~10 ms, where a
     * millisecond of jitter is already a 10 % gap, and they are cheap to repeat.
     */
    record Group(String key, String title, List<Side> sides, int scale) {}

    /** One pair's medians and the gap between them. */
    record Gap(String metric, String pair, double gapPercent, double p, String detail) {}

    /** A timed side that answered 429, or a sample whose preparation met a 429. */
    private static final class RateLimited extends RuntimeException {
        RateLimited(String where) {
            super("rate-limited at " + where);
        }
    }

    void run() {
        int perSide = config.enumerationWarmup() + config.enumerationSamples();
        seed(QUICK * perSide + 1);
        out.printf(
                "  %d samples per side (%d for the quick pairs) after %d warm-up, one request at a time, sides"
                        + " alternating%n",
                config.enumerationSamples(), QUICK * config.enumerationSamples(), config.enumerationWarmup());
        List<Gap> gaps = new ArrayList<>();
        for (Group group : groups()) {
            if (!config.timesPair(group.key())) {
                continue;
            }
            if (group.key().equals("locked")) {
                confirmLock(perSide + 1);
            }
            try {
                gaps.addAll(measure(group, config.enumerationWarmup() + group.scale() * config.enumerationSamples()));
            } catch (RuntimeException | AssertionError e) {
                // AssertionError: the harness's page objects report a missing form that way.
                out.printf("  %s: failed: %s%n", group.title(), e);
                results.skip("enumeration_gap_pct_" + group.key(), "%", "failed: " + e);
            }
        }
        results.put("enumeration_rate_limited", rateLimited, "count", "answers 429, left out of the timings");
        reportClientAddresses();
        Gap max = gaps.stream()
                .filter(gap -> !Double.isNaN(gap.gapPercent()))
                .max(Comparator.comparingDouble(Gap::gapPercent))
                .orElseThrow(() -> new IllegalStateException("no pair could be timed"));
        results.put("enumeration_max_gap_pct", max.gapPercent(), "%", max.pair() + ": " + max.detail());
        out.printf("  enumeration_max_gap_pct %.1f %% from %s (%s)%n", max.gapPercent(), max.pair(), max.detail());
    }

    /** Fresh identifiers for every sample of every side: {@code probe-xx-00001} … known, {@code ghost-xx-…} not. */
    private void seed(int count) {
        for (String prefix :
                List.of("probe-id", "probe-pw", "probe-ep", "probe-lk", "probe-fu", "probe-fp", "probe-st")) {
            population.seedProbes(prefix, count, false);
        }
        population.seedProbes("probe-dg", count, true);
        population.banProbeAddresses("probe-sb", count);
    }

    private List<Group> groups() {
        return List.of(
                pair(
                        "identifier",
                        "identifier step",
                        QUICK,
                        new Side("known", identifier("probe-id")),
                        new Side("unknown", identifier("ghost-id"))),
                pair(
                        "wrong_password",
                        "password step, wrong password",
                        1,
                        new Side("known", password("probe-pw", WRONG_PASSWORD)),
                        new Side("unknown", password("ghost-pw", WRONG_PASSWORD))),
                pair(
                        "empty_password",
                        "password step, empty password",
                        1,
                        new Side("known", password("probe-ep", "")),
                        new Side("unknown", password("ghost-ep", ""))),
                pair(
                        "locked",
                        "password step after two quick failures",
                        1,
                        new Side("locked", locked("probe-lk")),
                        new Side("unknown", locked("ghost-lk"))),
                pair(
                        "direct_grant_linked",
                        "direct grant, wrong password",
                        1,
                        new Side("linked", directGrant("probe-dg")),
                        new Side("unknown", directGrant("ghost-dg"))),
                pair(
                        "forgot_username",
                        "forgot username",
                        QUICK,
                        new Side("known", forgotUsername("probe-fu"), 1),
                        new Side("unknown", forgotUsername("ghost-fu"))),
                pair(
                        "forgot_password",
                        "forgot password",
                        QUICK,
                        new Side("known", forgotPassword("probe-fp"), 1),
                        new Side("unknown", forgotPassword("ghost-fp"))),
                new Group(
                        "signup",
                        "signup by address",
                        List.of(
                                new Side("free", signup("probe-nf", "probe-sf"), 1),
                                new Side("taken", signup("probe-nt", "probe-st"), 1),
                                new Side("banned", signup("probe-nb", "probe-sb"))),
                        1));
    }

    private static Group pair(String key, String title, int scale, Side a, Side b) {
        return new Group(key, title, List.of(a, b), scale);
    }

    private Probe identifier(String prefix) {
        return (number, browser) -> {
            Form form =
                    loginForm(openLogin(browser), "username").fill("username", Population.probeName(prefix, number));
            return () -> browser.submit(form);
        };
    }

    private Probe password(String prefix, String password) {
        return (number, browser) -> {
            String identifier = Population.probeName(prefix, number);
            Form form = passwordForm(browser, identify(browser, identifier), identifier)
                    .fill("password", password);
            return () -> browser.submit(form);
        };
    }

    /** Two wrong passwords in quick succession, as an attacker locks an account, then the timed third. */
    private Probe locked(String prefix) {
        return (number, browser) -> {
            String identifier = Population.probeName(prefix, number);
            Page page = identify(browser, identifier);
            for (int failure = 0; failure < 2; failure++) {
                page = browser.submit(
                        passwordForm(browser, page, identifier).fill("password", WRONG_PASSWORD + failure));
            }
            Form form = passwordForm(browser, page, identifier).fill("password", WRONG_PASSWORD);
            return () -> browser.submit(form);
        };
    }

    private Probe directGrant(String prefix) {
        String tokenUrl = http.tokenUrl(BenchRealm.REALM);
        return (number, browser) -> {
            Map<String, String> form = Map.of(
                    "grant_type",
                    "password",
                    "client_id",
                    BenchRealm.GATEHOUSE_API,
                    "client_secret",
                    BenchRealm.SECRET,
                    "username",
                    Population.probeName(prefix, number),
                    "password",
                    WRONG_PASSWORD,
                    "scope",
                    "openid");
            return () -> browser.post(tokenUrl, form);
        };
    }

    private Probe forgotUsername(String prefix) {
        return (number, browser) -> {
            Page page = browser.get(link(openLogin(browser), "#gatehouse-forgot-username"));
            Form form = form(page, "#gatehouse-forgot-username-form")
                    .fill("email", Population.probeName(prefix, number) + DOMAIN);
            return () -> browser.submit(form);
        };
    }

    /** From the identifier page's "Forgot password?" link, or the password page's when only it has one. */
    private Probe forgotPassword(String prefix) {
        return (number, browser) -> {
            Page login = openLogin(browser);
            if (login.document().selectFirst("a[href*=reset-credentials]") == null) {
                login = identify(browser, Population.probeName("ghost-st", number));
            }
            Page page = browser.get(link(login, "a[href*=reset-credentials]"));
            Form form = form(page, "#kc-reset-password-form").fill("username", Population.probeName(prefix, number));
            return () -> browser.submit(form);
        };
    }

    /** A signup with a fresh username and an address that is free, taken or banned as its prefix says. */
    private Probe signup(String usernamePrefix, String addressPrefix) {
        return (number, browser) -> {
            Page page = browser.get(link(openLogin(browser), "#kc-registration a"));
            Form form = form(page, "#gatehouse-signup-form")
                    .fill("username", Population.probeName(usernamePrefix, number))
                    .fill("email", Population.probeName(addressPrefix, number) + DOMAIN)
                    .fill("password", SIGNUP_PASSWORD)
                    .fill("password-confirm", SIGNUP_PASSWORD);
            return () -> browser.submit(form);
        };
    }

    private List<Gap> measure(Group group, int perSide) {
        int sides = group.sides().size();
        List<Tally> tallies = new ArrayList<>();
        group.sides().forEach(side -> tallies.add(new Tally()));
        for (int sample = 0; sample < perSide; sample++) {
            for (int turn = 0; turn < sides; turn++) {
                int index = (sample + turn) % sides;
                Tally tally = tallies.get(index);
                boolean measured = sample >= config.enumerationWarmup();
                ProbeBrowser browser = new ProbeBrowser(env.baseUrl(), nextClientIp());
                try {
                    Side side = group.sides().get(index);
                    Callable<Page> timed = side.probe().prepare(sample + 1, browser);
                    double hashesBefore = passwordHashes();
                    int mailsBefore = env.mail().messages().size();
                    long started = System.nanoTime();
                    Page answer = timed.call();
                    long elapsed = System.nanoTime() - started;
                    double hashes = passwordHashes() - hashesBefore;
                    awaitMails(mailsBefore + side.mails());
                    if (measured) {
                        tally.answer(answer.status(), elapsed / 1e6, hashes);
                    }
                } catch (RateLimited e) {
                    if (measured) {
                        tally.limited(e.getMessage());
                    }
                } catch (Exception | AssertionError e) {
                    if (measured) {
                        tally.failed(ThroughputPhases.abbreviate(e.toString()));
                    }
                }
            }
        }
        tallies.forEach(tally -> rateLimited += tally.limited);
        return report(group, tallies);
    }

    private List<Gap> report(Group group, List<Tally> tallies) {
        List<Side> sides = group.sides();
        StringBuilder line = new StringBuilder("  " + group.title() + ": ");
        for (int i = 0; i < sides.size(); i++) {
            Tally tally = tallies.get(i);
            String label = sides.get(i).label();
            line.append(i == 0 ? "" : " | ")
                    .append(label)
                    .append(' ')
                    .append(Timings.millis(tally.timings().median()))
                    .append(String.format(
                            Locale.ROOT,
                            " (n=%d, bcrypt/request %.2f, answers %s)",
                            tally.timings().size(),
                            tally.hashesPerRequest(),
                            tally.statuses()));
            if (tally.timings().size() > 0) {
                results.put(
                        "enumeration_" + group.key() + "_" + label + "_p50_ms",
                        tally.timings().median(),
                        "ms");
            }
        }
        out.println(line);
        for (int i = 0; i < sides.size(); i++) {
            Tally tally = tallies.get(i);
            if (tally.limited > 0 || tally.failed > 0) {
                out.printf(
                        "    %s: %d rate-limited, %d failed, e.g. %s%n",
                        sides.get(i).label(), tally.limited, tally.failed, tally.examples);
            }
        }
        List<Gap> gaps = new ArrayList<>();
        for (int a = 0; a < sides.size(); a++) {
            for (int b = a + 1; b < sides.size(); b++) {
                gaps.add(gap(group, sides, tallies, a, b));
            }
        }
        return gaps;
    }

    private Gap gap(Group group, List<Side> sides, List<Tally> tallies, int a, int b) {
        Timings first = tallies.get(a).timings();
        Timings second = tallies.get(b).timings();
        String labelA = sides.get(a).label();
        String labelB = sides.get(b).label();
        String metric = "enumeration_gap_pct_" + group.key() + (sides.size() > 2 ? "_" + labelA + "_" + labelB : "");
        String pair = group.title() + " " + labelA + " vs " + labelB;
        int minimum = Math.max(5, config.enumerationSamples() / 2);
        if (first.size() < minimum || second.size() < minimum) {
            String reason = "too few timed answers (" + first.size() + " and " + second.size() + ")";
            out.printf("    %s: %s%n", pair, reason);
            results.skip(metric, "%", reason);
            return new Gap(metric, pair, Double.NaN, Double.NaN, reason);
        }
        double gap = Timings.gapPercent(first.median(), second.median());
        double p = Timings.mannWhitneyP(first, second);
        String detail = labelA + " " + Timings.millis(first.median()) + " vs " + labelB + " "
                + Timings.millis(second.median()) + ", " + Timings.pValue(p);
        int limited = tallies.get(a).limited + tallies.get(b).limited;
        results.put(
                metric,
                gap,
                "%",
                Timings.pValue(p) + (limited > 0 ? "; " + limited + " rate-limited answers left out" : ""));
        out.printf("    %s: gap %.1f %% (%s)%n", pair, gap, detail);
        return new Gap(metric, pair, gap, p, detail);
    }

    /** What one side's timed requests answered. */
    private static final class Tally {
        private final List<Double> millis = new ArrayList<>();
        private final Map<Integer, Integer> statuses = new TreeMap<>();
        private final List<String> examples = new ArrayList<>();
        private double hashes;
        private int hashSamples;
        private int limited;
        private int failed;

        void answer(int status, double elapsedMillis, double hashDelta) {
            statuses.merge(status, 1, Integer::sum);
            if (status == 429) {
                limited("answer 429");
                return;
            }
            millis.add(elapsedMillis);
            if (!Double.isNaN(hashDelta)) {
                hashes += hashDelta;
                hashSamples++;
            }
        }

        void limited(String where) {
            limited++;
            example(where);
        }

        void failed(String problem) {
            failed++;
            example(problem);
        }

        private void example(String problem) {
            if (examples.size() < 3 && !examples.contains(problem)) {
                examples.add(problem);
            }
        }

        Timings timings() {
            return new Timings(millis.stream().mapToDouble(Double::doubleValue).toArray());
        }

        double hashesPerRequest() {
            return hashSamples == 0 ? Double.NaN : hashes / hashSamples;
        }

        String statuses() {
            return statuses.entrySet().stream()
                    .map(entry -> entry.getKey() + "x" + entry.getValue())
                    .collect(Collectors.joining(" "));
        }
    }

    private Page openLogin(ProbeBrowser browser) {
        return expect(browser.get(loginUrl), "login page");
    }

    private Page identify(ProbeBrowser browser, String identifier) {
        return browser.submit(loginForm(openLogin(browser), "username").fill("username", identifier));
    }

    /** The password form of a page; from an identifier form (after a failure, say) the identifier first. */
    private Form passwordForm(ProbeBrowser browser, Page page, String identifier) {
        expect(page, "password page");
        if (page.document().selectFirst(FORM + " input[name=password]") != null) {
            return page.form(FORM);
        }
        if (page.document().selectFirst(FORM + " input[name=username]") != null) {
            return loginForm(browser.submit(page.form(FORM).fill("username", identifier)), "password");
        }
        throw new IllegalStateException("no password form at " + page.uri().getPath() + " (" + page.status() + ")");
    }

    private static Form loginForm(Page page, String input) {
        expect(page, "login form");
        if (page.document().selectFirst(FORM + " input[name=" + input + "]") == null) {
            throw new IllegalStateException("no " + input + " field at "
                    + page.uri().getPath() + " (" + page.status() + "): " + Logins.error(page));
        }
        return page.form(FORM);
    }

    private static Form form(Page page, String selector) {
        expect(page, selector);
        if (page.document().selectFirst(selector) == null) {
            throw new IllegalStateException("no " + selector + " at "
                    + page.uri().getPath() + " (" + page.status() + "): " + Logins.error(page));
        }
        return page.form(selector);
    }

    private static String link(Page page, String selector) {
        Element link = expect(page, selector).document().selectFirst(selector);
        if (link == null) {
            throw new IllegalStateException(
                    "no link " + selector + " at " + page.uri().getPath());
        }
        return link.absUrl("href");
    }

    private static Page expect(Page page, String what) {
        if (page.status() == 429) {
            throw new RateLimited(what);
        }
        return page;
    }

    /**
     * A new private address (10.0.0.0/8) for every sample: the realm requires TLS of every other
     * address ({@code sslRequired: external}, which refuses plain HTTP with {@code ssl_required}),
     * and the bench speaks plain HTTP.
     */
    private String nextClientIp() {
        int n = ++addresses;
        return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    /** The sum of {@code gatehouse_password_hashes_total} over its kinds; NaN when it cannot be read. */
    /** Waits (untimed) until the SMTP server holds {@code count} messages, at most a few seconds. */
    private void awaitMails(int count) throws InterruptedException {
        long deadline = System.nanoTime() + MAIL_WAIT.toNanos();
        while (env.mail().messages().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("an e-mail the sample should send did not arrive in " + MAIL_WAIT);
            }
            Thread.sleep(20);
        }
    }

    private double passwordHashes() {
        try {
            double total = 0;
            for (String line :
                    http.get(env.managementUrl() + "/metrics").body().lines().toList()) {
                if (line.startsWith("gatehouse_password_hashes_total")) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return total;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** Locks one more account the way the samples do and asks the Admin API whether Keycloak saw it locked. */
    private void confirmLock(int number) {
        String username = Population.probeName("probe-lk", number);
        try {
            locked("probe-lk")
                    .prepare(number, new ProbeBrowser(env.baseUrl(), nextClientIp()))
                    .call();
            AdminApi admin = env.admin();
            JsonNode users = admin.json(BenchRealm.REALM + "/users?exact=true&username="
                    + URLEncoder.encode(username, StandardCharsets.UTF_8));
            JsonNode status = admin.json(BenchRealm.REALM + "/attack-detection/brute-force/users/"
                    + users.get(0).get("id").asText());
            out.printf(
                    "  after two quick failures and a third attempt Keycloak's brute-force status of %s: %s%n",
                    username, status);
        } catch (Exception | AssertionError e) {
            out.printf("  could not check that the locked side is locked: %s%n", e);
        }
    }

    /** Whether Keycloak took the probes' X-Forwarded-For as their address (its login events say). */
    private void reportClientAddresses() {
        try {
            JsonNode events = env.admin().json(BenchRealm.REALM + "/events?max=50");
            for (JsonNode event : events) {
                String address = event.path("ipAddress").asText("");
                if (address.startsWith("10.")) {
                    out.printf("  client addresses: Keycloak's events show the probes' own (%s)%n", address);
                    return;
                }
            }
            out.printf(
                    "  client addresses: Keycloak's events do not show X-Forwarded-For (%s): per-IP limits saw one"
                            + " prober%n",
                    events.size() == 0
                            ? "no events"
                            : events.get(0).path("ipAddress").asText());
        } catch (RuntimeException | AssertionError e) {
            out.printf("  client addresses: could not read the realm's events: %s%n", e);
        }
    }
}
