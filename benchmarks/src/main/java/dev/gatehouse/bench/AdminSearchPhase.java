package dev.gatehouse.bench;

import dev.gatehouse.testing.AdminApi;
import dev.gatehouse.testing.Oidc;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code admin_search_ms_<population>}: the first page of a username search as the admin console
 * asks for it ({@code users?briefRepresentation=true&first=0&max=11&search=…}), median over
 * searches for prefixes that each match about ten accounts of the main population;
 * {@code admin_search_broad_ms_<population>} is the same for a prefix every account matches.
 */
final class AdminSearchPhase {

    private static final int WARM_UP = 5;

    private final BenchConfig config;
    private final AdminApi admin;
    private final Results results;
    private final PrintStream out;

    AdminSearchPhase(BenchConfig config, AdminApi admin, Results results, PrintStream out) {
        this.config = config;
        this.admin = admin;
        this.results = results;
        this.out = out;
    }

    void run() {
        String label = Bench.sizeLabel(config.accounts());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < WARM_UP; i++) {
            search(narrowTerm(random));
        }
        double narrow = median(random, false);
        double broad = median(random, true);
        out.printf("  admin search: %.1f ms (about ten matches), %.1f ms (every account matches)%n", narrow, broad);
        results.put("admin_search_ms_" + label, narrow, "ms");
        results.put("admin_search_broad_ms_" + label, broad, "ms");
    }

    private double median(ThreadLocalRandom random, boolean broad) {
        double[] millis = new double[Math.max(1, config.searches())];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = search(broad ? Population.PREFIX : narrowTerm(random));
        }
        Arrays.sort(millis);
        return millis[millis.length / 2];
    }

    /** A main username without its last digit: {@code bench-01234} matches {@code bench-012340} to 9. */
    private String narrowTerm(ThreadLocalRandom random) {
        String username = Population.mainUsername(1 + random.nextInt(Math.max(1, config.accounts() - 10)));
        return username.substring(0, username.length() - 1);
    }

    private double search(String term) {
        long started = System.nanoTime();
        HttpResponse<String> response =
                admin.get("gatehouse/users?briefRepresentation=true&first=0&max=11&search=" + term);
        double millis = (System.nanoTime() - started) / 1e6;
        if (response.statusCode() != 200 || Oidc.json(response.body()).isEmpty()) {
            throw new IllegalStateException("search " + term + " answered " + response.statusCode() + ": "
                    + ThroughputPhases.abbreviate(response.body()));
        }
        return millis;
    }
}
