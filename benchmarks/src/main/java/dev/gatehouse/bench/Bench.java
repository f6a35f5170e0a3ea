package dev.gatehouse.bench;

import dev.gatehouse.testing.AdminApi;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.KeycloakSetup;
import dev.gatehouse.testing.SecondFactorSeed;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code ./bench.sh}: starts the environment the integration tests use (Keycloak 26.7 from the
 * distribution with the bundle, PostgreSQL for Keycloak and for the store, SMTP), seeds the store,
 * adds stock flows and clients beside the Gatehouse ones, runs the phases of issue 9 (and the
 * enumeration timings of issue 15), and writes
 * {@code results.json} after each phase. A phase that fails has its figures marked skipped with
 * the reason; the others still run.
 */
public final class Bench {

    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private Bench() {}

    public static void main(String[] args) throws Exception {
        Properties layout = layout();
        BenchConfig config = BenchConfig.read();
        Results results = new Results(config.output());
        OUT.println("Gatehouse bench: " + config.describe());
        GatehouseEnvironment.Options options = new GatehouseEnvironment.Options(
                Path.of(layout.getProperty("gatehouse.work")),
                Path.of(layout.getProperty("keycloak.home")),
                Path.of(layout.getProperty("gatehouse.bundle")),
                "distribution",
                layout.getProperty("keycloak.version"),
                0,
                KeycloakSetup.RealmImport.AT_START);
        long started = System.nanoTime();
        try (GatehouseEnvironment env = GatehouseEnvironment.start(options)) {
            new Bench().run(config, env, options, Path.of(layout.getProperty("gatehouse.boot")), results);
        }
        OUT.println();
        results.print(OUT);
        OUT.printf(
                "%nWritten to %s (%d s in all)%n",
                results.file().toAbsolutePath(), (System.nanoTime() - started) / 1_000_000_000);
    }

    private void run(
            BenchConfig config,
            GatehouseEnvironment env,
            GatehouseEnvironment.Options options,
            Path bootRoot,
            Results results) {
        BenchRealm.lengthenAdminTokens(env.admin());
        AdminApi admin = env.admin();
        BenchRealm realm = new BenchRealm(admin);
        realm.install();
        Population population = new Population(env.store(), config.bcryptCost());
        OUT.printf("Seeding %d store accounts ...%n", config.accounts());
        population.seedMain(config.accounts());
        Logins logins = new Logins(env, new BenchHttp(env.baseUrl()));
        ThroughputPhases throughput =
                new ThroughputPhases(config, logins, new Comparison(config, OUT), results, realm, env.store(), OUT);
        String label = sizeLabel(config.accounts());
        List<String> banMetrics = new java.util.ArrayList<>(
                config.banSizes().stream().map(size -> "ban_cascade_ms_" + size).toList());
        banMetrics.add("ban_cascade_scaling");

        Phases phases = new Phases(config, results);
        phases.run("browser", List.of("browser_login_ratio", "browser_login_vs_identifier_first"), throughput::browser);
        phases.run(
                "twofactor",
                List.of("browser_login_2fa_ratio"),
                () -> throughput.browserTotp(population.seedTotp(
                        new SecondFactorSeed(admin, BenchRealm.REALM),
                        Math.min(Math.max(config.loginPool(), ThroughputPhases.TOTP_POOL), config.accounts()))));
        phases.run("direct", List.of("direct_grant_ratio"), throughput::directGrant);
        phases.run(
                "apikey",
                List.of("apikey_vs_client_credentials"),
                () -> throughput.apiKeys(population.keysForMain(Math.min(100, config.accounts()))));
        phases.run(
                "enumeration",
                List.of("enumeration_max_gap_pct", "enumeration_rate_limited"),
                () -> new EnumerationPhase(config, env, population, results, OUT).run());
        phases.run(
                "ban",
                banMetrics,
                () -> new BanCascadePhase(config, population, env.store(), admin, results, OUT).run());
        phases.run(
                "search",
                List.of("admin_search_ms_" + label),
                () -> new AdminSearchPhase(config, admin, results, OUT).run());
        phases.run(
                "load",
                List.of("load_unexpected_errors", "load_post_ban_successes"),
                () -> new LoadRun(config, logins, admin, population.seedLoad(config.loadAccounts()), results, OUT)
                        .run(population::loadBansAudited));
        phases.run(
                "sweep",
                List.of("sweep_ms_" + label),
                () -> new SweepPhase(config, env.store(), admin, results, OUT).run());
        phases.run("fault", List.of("store_recovery_ms"), () -> new StoreFaultPhase(env, results, OUT).run());
        phases.run(
                "boot",
                List.of("boot_ratio", "heap_overhead_mb"),
                () -> new BootPhase(config, env, bootRoot, results, OUT).run());
        phases.run(
                "cluster",
                List.of("cluster_ban_propagation_ms", "cluster_ban_propagation_ms_max"),
                () -> new ClusterPhase(config, options, results, OUT).run());
    }

    /** {@code 100k} for 100,000, {@code 2500} for 2,500: the population size in metric names. */
    static String sizeLabel(int accounts) {
        return accounts % 1000 == 0 ? accounts / 1000 + "k" : String.valueOf(accounts);
    }

    /** Runs the phases the settings select, each guarded, and writes the results after each. */
    private static final class Phases {
        private final BenchConfig config;
        private final Results results;

        Phases(BenchConfig config, Results results) {
            this.config = config;
            this.results = results;
        }

        interface Body {
            void run() throws Exception;
        }

        void run(String phase, List<String> metrics, Body body) {
            Map<String, String> units = new LinkedHashMap<>();
            metrics.forEach(metric -> units.put(metric, unit(metric)));
            if (!config.runs(phase)) {
                units.forEach((metric, unit) -> results.skip(metric, unit, "phase " + phase + " not selected"));
                results.write();
                return;
            }
            OUT.printf("Phase %s ...%n", phase);
            long started = System.nanoTime();
            try {
                body.run();
            } catch (Exception | AssertionError e) {
                OUT.printf("  phase %s failed: %s%n", phase, e);
                e.printStackTrace(OUT);
                units.forEach((metric, unit) -> results.skipMissing(List.of(metric), unit, "phase failed: " + e));
            }
            OUT.printf("  (%d s)%n", (System.nanoTime() - started) / 1_000_000_000);
            results.write();
        }

        private static String unit(String metric) {
            if (metric.endsWith("_ms") || metric.contains("_ms_")) {
                return "ms";
            }
            if (metric.endsWith("_mb")) {
                return "MB";
            }
            if (metric.endsWith("_pct")) {
                return "%";
            }
            return metric.startsWith("load_") || metric.endsWith("_rate_limited") ? "count" : "ratio";
        }
    }

    private static Properties layout() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Bench.class.getResourceAsStream("/gatehouse-bench.properties")) {
            properties.load(in);
        }
        return properties;
    }
}
