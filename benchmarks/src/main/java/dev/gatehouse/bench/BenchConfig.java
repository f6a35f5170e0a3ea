package dev.gatehouse.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bench's settings: a system property {@code gatehouse.bench.<name>}, else the environment
 * variable {@code GATEHOUSE_BENCH_<NAME>} (dots and camel case as underscores), else the default.
 * The defaults run the whole bench in about ten minutes on a developer machine.
 */
record BenchConfig(
        Set<String> phases,
        int accounts,
        int loginPool,
        int concurrency,
        Duration warmUp,
        Duration apiKeyWarmUp,
        Duration measured,
        int rounds,
        int bcryptCost,
        List<Integer> banSizes,
        int banRepeats,
        int searches,
        int bootRuns,
        int loadClients,
        Duration loadDuration,
        int loadAccounts,
        Duration loadBanInterval,
        int enumerationSamples,
        int enumerationWarmup,
        Set<String> enumerationPairs,
        int clusterBans,
        Path output) {

    static final List<String> ALL_PHASES = List.of(
            "browser",
            "twofactor",
            "direct",
            "apikey",
            "enumeration",
            "ban",
            "search",
            "load",
            "sweep",
            "fault",
            "boot",
            "cluster");

    static BenchConfig read() {
        return new BenchConfig(
                Set.copyOf(list("phases", String.join(",", ALL_PHASES))),
                integer("accounts", 100_000),
                integer("loginPool", 500),
                integer("concurrency", 8),
                Duration.ofSeconds(integer("warmupSeconds", 5)),
                Duration.ofSeconds(integer("apikey.warmupSeconds", 20)),
                Duration.ofSeconds(integer("seconds", 20)),
                integer("rounds", 3),
                integer("bcryptCost", 10),
                list("banSizes", "100,1000,10000").stream()
                        .map(Integer::parseInt)
                        .toList(),
                integer("banRepeats", 1),
                integer("searches", 31),
                integer("bootRuns", 2),
                integer("load.clients", 50),
                Duration.ofSeconds(integer("load.seconds", 120)),
                integer("load.accounts", 2000),
                Duration.ofMillis(integer("load.banIntervalMs", 1000)),
                integer("enumeration.samples", 80),
                integer("enumeration.warmup", 5),
                Set.copyOf(list("enumeration.pairs", "")),
                integer("cluster.bans", 5),
                Path.of(value("output", "target/bench")));
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    /** Whether the enumeration phase times this pair (by its metric key); all when none are named. */
    boolean timesPair(String key) {
        return enumerationPairs.isEmpty() || enumerationPairs.contains(key);
    }

    /** One line per setting, for the run's header. */
    String describe() {
        return "phases=" + ALL_PHASES.stream().filter(this::runs).collect(Collectors.joining(","))
                + " accounts=" + accounts + " concurrency=" + concurrency + " warmup=" + warmUp.toSeconds()
                + "s measured=" + measured.toSeconds() + "s rounds=" + rounds + " bcryptCost=" + bcryptCost
                + " banSizes=" + banSizes + "x" + banRepeats + " bootRuns=" + bootRuns + " load=" + loadClients
                + " clients/" + loadDuration.toSeconds() + "s/" + loadAccounts + " accounts, a ban every "
                + loadBanInterval.toMillis() + " ms, enumeration " + enumerationSamples + "+" + enumerationWarmup
                + " samples per side" + (enumerationPairs.isEmpty() ? "" : " of " + enumerationPairs) + ", "
                + clusterBans + " cluster bans";
    }

    private static int integer(String name, int defaultValue) {
        return Integer.parseInt(value(name, String.valueOf(defaultValue)).strip());
    }

    private static List<String> list(String name, String defaultValue) {
        return Arrays.stream(value(name, defaultValue).split(","))
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    private static String value(String name, String defaultValue) {
        String property = System.getProperty("gatehouse.bench." + name);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String variable = System.getenv("GATEHOUSE_BENCH_"
                + name.replace('.', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        return variable == null || variable.isBlank() ? defaultValue : variable;
    }
}
