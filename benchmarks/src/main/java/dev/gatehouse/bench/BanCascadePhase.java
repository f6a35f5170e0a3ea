package dev.gatehouse.bench;

import dev.gatehouse.testing.AccountStore;
import dev.gatehouse.testing.AdminApi;
import dev.gatehouse.testing.Oidc;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;

/**
 * {@code ban_cascade_ms_<size>}: wall time of the Admin API's ban of a parent with {@code size}
 * sub-users (the store's cascade, the sessions ended, the admin event, the notice), the median
 * of a few trees per size, with the store statements the last one ran; {@code ban_cascade_scaling} is the 10,000 time over the 1,000 time.
 */
final class BanCascadePhase {

    private final BenchConfig config;
    private final Population population;
    private final AccountStore store;
    private final AdminApi admin;
    private final Results results;
    private final PrintStream out;

    BanCascadePhase(
            BenchConfig config,
            Population population,
            AccountStore store,
            AdminApi admin,
            Results results,
            PrintStream out) {
        this.config = config;
        this.population = population;
        this.store = store;
        this.admin = admin;
        this.results = results;
        this.out = out;
    }

    void run() {
        for (int size : config.banSizes()) {
            long[] millis = new long[Math.max(1, config.banRepeats())];
            for (int repeat = 0; repeat < millis.length; repeat++) {
                UUID parent = population.seedTree("tree" + size + "-" + repeat, size);
                millis[repeat] = ban(parent, size);
            }
            Arrays.sort(millis);
            long median = millis[millis.length / 2];
            out.printf(
                    "  ban of 1 + %d accounts: %s ms, median %d ms; store statements of the last:%n",
                    size, Arrays.toString(millis), median);
            store.statementsByText().entrySet().stream()
                    .limit(5)
                    .forEach(statement -> out.printf("    %6dx %s%n", statement.getValue(), statement.getKey()));
            results.put("ban_cascade_ms_" + size, median, "ms");
        }
        Results.Metric thousand = results.get("ban_cascade_ms_1000");
        Results.Metric tenThousand = results.get("ban_cascade_ms_10000");
        if (thousand != null && tenThousand != null && thousand.value() > 0) {
            results.put("ban_cascade_scaling", tenThousand.value() / thousand.value(), "ratio");
        } else {
            results.skip("ban_cascade_scaling", "ratio", "needs ban sizes 1000 and 10000");
        }
    }

    private long ban(UUID parent, int size) {
        store.resetStatementStatistics();
        long started = System.nanoTime();
        HttpResponse<String> response =
                admin.post("gatehouse/gatehouse/accounts/" + parent + "/ban", "{\"reason\":\"bench cascade\"}");
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (response.statusCode() != 200
                || Oidc.json(response.body()).get("banned").asInt() != size + 1) {
            throw new IllegalStateException("ban answered " + response.statusCode() + ": " + response.body());
        }
        return millis;
    }
}
