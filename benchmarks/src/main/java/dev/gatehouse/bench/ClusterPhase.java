package dev.gatehouse.bench;

import dev.gatehouse.testing.BanPropagation;
import dev.gatehouse.testing.GatehouseCluster;
import dev.gatehouse.testing.GatehouseEnvironment;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code cluster_ban_propagation_ms} (median) and {@code cluster_ban_propagation_ms_max}: a
 * two-node cluster of its own (the harness {@code ClusterIT} uses: {@code --cache=ispn} over
 * {@code jdbc-ping}, one Keycloak database, one store), a few bans through node A, and per ban
 * the time until node B refuses the banned subtree on every path (its refresh token, a direct
 * grant, the browser password step), measured as {@code ClusterIT} measures it.
 */
final class ClusterPhase {

    private static final String PASSWORD = "bench-cluster-pass";

    private final BenchConfig config;
    private final GatehouseEnvironment.Options options;
    private final Results results;
    private final PrintStream out;

    ClusterPhase(BenchConfig config, GatehouseEnvironment.Options options, Results results, PrintStream out) {
        this.config = config;
        this.options = options;
        this.results = results;
        this.out = out;
    }

    void run() throws Exception {
        long started = System.nanoTime();
        try (GatehouseCluster cluster = GatehouseCluster.start(options)) {
            out.printf("  cluster of 2 nodes started in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
            BanPropagation propagation = new BanPropagation(cluster.node("a"), cluster.node("b"), PASSWORD);
            long[] slowest = new long[Math.max(1, config.clusterBans())];
            for (int ban = 0; ban < slowest.length; ban++) {
                BanPropagation.Delays delays = propagation.measure("bench-cluster-" + ban + "-" + started % 100_000);
                slowest[ban] = delays.slowestMillis();
                out.printf(
                        "  ban %d on A, refused on B after: refresh %d ms, direct grant %d ms, browser password step"
                                + " %d ms%n",
                        ban + 1, delays.refreshMillis(), delays.directGrantMillis(), delays.browserMillis());
            }
            Arrays.sort(slowest);
            String note = slowest.length + " bans, the slowest path of each: " + Arrays.toString(slowest) + " ms";
            results.put("cluster_ban_propagation_ms", slowest[(slowest.length - 1) / 2], "ms", note);
            results.put("cluster_ban_propagation_ms_max", slowest[slowest.length - 1], "ms", note);
        }
    }
}
